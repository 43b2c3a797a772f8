// Spawn the built CLI exactly as a user would: `node bin/scsr.js ...`.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/scsr.js', import.meta.url));

export interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function scsr(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SCSR_DATA: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const o: SpawnSyncOptions = { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: opts.input ?? '', timeout: 60_000 };
  const r = spawnSync(process.execPath, [BIN, ...args], o);
  return { stdout: String(r.stdout), stderr: String(r.stderr), code: r.status };
}

/** Run and parse --json output; fails loudly with stderr when the command failed. */
export function scsrJson<T = any>(args: string[], opts: Parameters<typeof scsr>[1] = {}): T {
  const r = scsr([...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`scsr ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export const fixture = (...parts: string[]): string => fileURLToPath(new URL(`../fixtures/${parts.join('/')}`, import.meta.url));
