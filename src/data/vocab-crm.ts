// Fixed vocabularies of the EU CRM method (docs/eu-crm.md), apart from the schemas so that the
// engine can use them without loading zod.
export const CRM_STAGES = ['extraction', 'processing'] as const;
/** Which supply data the Commission used for a stage: global supply, EU sourcing, or both. */
export const SUPPLY_DATA = ['GS', 'EU', 'GS+EU'] as const;
