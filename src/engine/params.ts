// The model's fixed parameters, each explained in docs/methodology.md (section named beside it).

/** §Chokepoints: one supplier with this share of world supply or more (SIA & BCG 2021, "more than 65%"). */
export const CHOKEPOINT_THRESHOLD_PCT = 65;
/** §Chokepoints: one foreign country above this share of the viewpoint's foreign supply (Korea's 3050 strategy, MOTIE 2023). */
export const SINGLE_COUNTRY_LINE_PCT = 50;
/** §Concentration: HHI bands of the 2023 US Merger Guidelines. */
export const HHI_MODERATE = 1000;
export const HHI_HIGH = 1800;
/** §Stage risk: the assessed rating on the 0-100 risk scale (our reading of the report's three levels). */
export const RATING_RISK = { satisfactory: 20, weak: 60, 'very-weak': 90 } as const;
/** §Stage risk: weight of the modelled risk in the blend (the rest goes to the rating). */
export const BLEND_MODEL_WEIGHT = 0.5;
/** §Stage risk: modelled and rating risk further apart than this are flagged. */
export const DISAGREEMENT_MARGIN = 30;
/** §Stage risk: convexity of a partner's contribution in its share (concentration penalty). */
export const KAPPA = 0.5;
/** §EU CRM: the critical line of the supply-risk score. */
export const EU_CRM_CRITICAL_SR = 1;
/** §Compare: a partner holding at least this share of a country's foreign supply at some stage counts as relied on. */
export const RELIANCE_LINE_PCT = 10;
