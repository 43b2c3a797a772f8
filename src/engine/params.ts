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
/** §Years: a list attributing at least this share of the total to named suppliers is "complete". */
export const COMPLETE_COVERAGE_PCT = 90;
/** §Years: how much older than the newest list a complete list may be and still be preferred to it. */
export const SELECTION_WINDOW_YEARS = 3;
/**
 * §Events: u in w' = w + (1 − w)·u, by kind of export restriction. Ordered by how much of the
 * flow the measure can stop: a ban all of it, a licence requirement as much as the licensing
 * state decides (Japan 2019: months of delay), a quota a set part, a tax only the price.
 */
export const EVENT_UPLIFT = { ban: 0.6, licence: 0.4, quota: 0.3, tax: 0.2 } as const;
/** §Events: years over which a lifted restriction's uplift fades to 0 (the lever was shown to exist). */
export const EVENT_FADE_YEARS = 3;
/** Two risks or shares closer than this are a tie. */
export const TIE_EPSILON = 1e-9;
