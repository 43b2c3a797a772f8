// Small text helpers shared by the command views (wording only; no metric is computed here).
import type { NodeScore, SnapshotRef } from '../engine/results.js';
import { cell, type Cell, type Tone } from '../render/view.js';

export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? 'no data' : `${Number(x.toFixed(digits))}%`;

export const num = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? 'no data' : String(Number(x.toFixed(digits)));

export function riskTone(risk: number | null, method: string = 'blended'): Tone {
  if (risk === null) return 'muted';
  if (method === 'eu-crm') return risk >= 1 ? 'bad' : risk >= 0.5 ? 'warn' : 'good';
  return risk >= 70 ? 'bad' : risk >= 50 ? 'warn' : risk >= 30 ? 'ok' : 'good';
}

export function riskCell(risk: number | null, method: string = 'blended'): Cell {
  if (risk === null) return cell('no data', 'muted');
  const text = method === 'eu-crm' ? risk.toFixed(2) : risk.toFixed(1);
  return cell(text, riskTone(risk, method), method === 'eu-crm' ? Math.min(100, risk * 20) : risk);
}

export function snapshotText(s: SnapshotRef | null): string {
  if (!s) return 'no data';
  const asOf = s.requestedYear !== null ? ` (latest before ${s.requestedYear})` : '';
  const when = s.period ? `${s.period.from}-${s.period.to}` : String(s.year);
  return `${when}${s.projection ? ' projection' : ''}${asOf}, ${s.metric} by ${s.basis}`;
}

/** The top supplier, or every supplier tied at the top ("A 50% = B 50%"). */
export function topText(item: NodeScore): string {
  if (item.top.length === 0) return item.snapshot ? 'none named' : 'no data';
  return item.top.map((t) => `${t.name} ${pct(t.sharePct)}${t.stated ? ` (${t.stated})` : ''}`).join(' = ');
}

export function chokeText(item: NodeScore): Cell {
  if (item.chokepoints.length === 0) return cell(item.snapshot || item.supply ? '-' : '', 'muted');
  const t = item.chokepoints
    .map((c) => (c.kind === 'global' ? `${c.supplier.toUpperCase()} ${pct(c.sharePct, 0)} ≥${c.thresholdPct}%` : `${c.supplier.toUpperCase()} ${pct(c.sharePct, 0)} of imports${c.measured ? '' : ' (est.)'}`))
    .join('\n');
  return cell(t, 'bad');
}

export const upper = (code: string): string => (code.length === 2 ? code.toUpperCase() : code);

/** The viewpoint's share, or "not listed" when the share list does not name it. */
export const ownShare = (item: NodeScore): string => (item.snapshot && !item.viewpointListed ? 'not listed' : pct(item.viewpointSharePct));
