// Fixed vocabularies of the data model. Kept apart from schema.ts so that the engine and
// the renderers can use them without loading zod.
export const RATINGS = ['satisfactory', 'weak', 'very-weak'] as const;
export const SHARE_METRICS = ['capacity', 'production', 'value-added', 'market', 'sales', 'demand', 'reserves'] as const;
export const SHARE_BASES = ['location', 'headquarters', 'ownership', 'demand'] as const;
export const DEPENDENCY_KINDS = ['supply', 'market'] as const;
export const NODE_USES = ['consumable', 'capital'] as const;
export const TRADE_MEASURES = ['value', 'quantity'] as const;
export const EVENT_KINDS = ['ban', 'licence', 'quota', 'tax'] as const;
export const IMPACTS = ['very-negative', 'negative', 'neutral', 'positive', 'very-positive'] as const;

/** Default excess over 100 allowed in one snapshot's shares, for sources that round small shares up. */
export const DEFAULT_SUM_TOLERANCE = 1;
