// Default settings for the reports area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

export type ReformTreatment = 'continues' | 'gemeentefonds' | 'bfu' | 'ends'

export interface ReformRule {
  treatment: ReformTreatment
  /** Cut in basis points when the money moves into the gemeentefonds (1000 = 10 %). */
  cutBp?: number
  fromYear?: number
  note?: string
}

/**
 * Defaults of the spuk-reform scenario, used for every scheme without its own row in reform_assumptions:
 * first a rule for the scheme's code, else the rule for its instrument, else 'continues'.
 */
export interface ReformDefaults {
  fromYear: number
  byInstrument: Record<string, ReformRule>
  bySchemeCode: Record<string, ReformRule>
}

export const REFORM_DEFAULTS_KEY = 'reports.reform.defaults'
export const PIPELINE_PROBABILITY_KEY = 'reports.forecast.pipelineProbabilityPct'

export const DEFAULT_REFORM: ReformDefaults = {
  fromYear: 2026,
  byInstrument: {
    spuk: {
      treatment: 'gemeentefonds',
      cutBp: 1000,
      note: 'Hoofdlijnenakkoord: spuks naar gemeente-/provinciefonds na 10 % efficiencykorting',
    },
    decentralisatie_uitkering: {
      treatment: 'bfu',
      note: 'Wijziging Fvw: decentralisatie-uitkering wordt bijzondere fondsuitkering, geen SiSa',
    },
  },
  bySchemeCode: {
    'szw-g2': { treatment: 'continues', note: 'Hoofdlijnenakkoord: de gebundelde uitkering bijstand (G2) blijft een specifieke uitkering' },
  },
}

/** Used for pipeline grants that carry no probability of their own. */
export const DEFAULT_PIPELINE_PROBABILITY: Record<string, number> = { verkenning: 10, in_voorbereiding: 25, aangevraagd: 50 }

export const REPORTS_SETTINGS: DefaultSetting[] = [
  {
    key: REFORM_DEFAULTS_KEY,
    value: DEFAULT_REFORM,
    source:
      'Domain guide §6 [34][36]: all spuks except G2 to the fondsen after a 10 % cut from 2026; DU becomes BFU. Which spuks continue is UNCERTAIN (list of 4 Oct 2024 not readable): set per scheme in reform_assumptions',
  },
  {
    key: PIPELINE_PROBABILITY_KEY,
    value: DEFAULT_PIPELINE_PROBABILITY,
    source: 'Woud default (UNCERTAIN, no source): chance of award per status when a grant has no probability of its own',
  },
]
