// Default settings for the reports area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

export type ReformTreatment = 'continues' | 'gemeentefonds' | 'bfu' | 'ends'

/** How firm the ground of a default is: a law in force, a bill, cabinet policy in a Kamerbrief, or Woud's own guess. */
export type ReformStanding = 'wet' | 'wetsvoorstel' | 'kabinetsbeleid' | 'aanname'

export const REFORM_STANDING_NL: Record<ReformStanding, string> = {
  wet: 'wet',
  wetsvoorstel: 'wetsvoorstel, nog geen wet',
  kabinetsbeleid: 'kabinetsbeleid (Kamerbrief)',
  aanname: 'aanname van Woud, onzeker',
}

/** A published document a default rests on. */
export interface ReformSource {
  title: string
  /** Kamerstuk or other reference, e.g. '36600-B nr. 45'. */
  reference?: string
  /** Publication date, YYYY-MM-DD. */
  published: string
  url?: string
}

export interface ReformRule {
  treatment: ReformTreatment
  /**
   * Budget cut in basis points (1000 = 10 %) from fromYear on: on the money moved into the gemeentefonds or the BFU,
   * and on a spuk that continues (the 10 % budgetkorting is booked on the departmental budgets for those too).
   */
  cutBp?: number
  fromYear?: number
  note?: string
  /** The documents the rule rests on, oldest first; the last is the latest word. */
  sources?: ReformSource[]
  standing?: ReformStanding
  /** True when no readable source settles the rule for an individual scheme (domain guide: UNCERTAIN). */
  uncertain?: boolean
}

/**
 * Defaults of the spuk-reform scenario, used for every scheme without its own row in reform_assumptions:
 * first a rule for the scheme's code, else the rule for its instrument, else `other` (else 'continues').
 */
export interface ReformDefaults {
  fromYear: number
  byInstrument: Record<string, ReformRule>
  bySchemeCode: Record<string, ReformRule>
  other?: ReformRule
}

export const REFORM_DEFAULTS_KEY = 'reports.reform.defaults'
export const PIPELINE_PROBABILITY_KEY = 'reports.forecast.pipelineProbabilityPct'

// Domain guide §6 and §13, sources [30]-[36].
const HOOFDLIJNENAKKOORD: ReformSource = {
  title: 'Hoofdlijnenakkoord 2024–2028 (PVV, VVD, NSC, BBB)',
  published: '2024-05-16',
  url: 'https://www.binnenlandsbestuur.nl/financien/gemeente-en-provinciefonds/kabinet-schrapt-toch-niet-alle-specifieke-uitkeringen',
}
const KST_OMZETTING: ReformSource = {
  title: 'Kamerbrief uitkomst omzetting specifieke uitkeringen',
  reference: 'Kamerstuk 36600-B nr. 45',
  published: '2025-05-21',
  url: 'https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2025D23183&id=2025Z10068',
}
const KST_VOORTZETTING: ReformSource = {
  title: 'Kamerbrief uitkomst nieuwe en voort te zetten specifieke uitkeringen en stand 10 %-korting',
  reference: 'Kamerstuk 36800-B nr. 14',
  published: '2025-12-19',
  url: 'https://berthub.eu/tkconv/document.html?nummer=2025D53700',
}
const BFU_WETSVOORSTEL: ReformSource = {
  title: 'Wetsvoorstel wijziging Financiële-verhoudingswet (bijzondere fondsuitkering) naar de Raad van State',
  published: '2026-01-09',
  url: 'https://www.rijksoverheid.nl/actueel/nieuws/2026/01/09/aanpassing-uitkeringsstelsel-gemeenten-en-provincies-naar-raad-van-state',
}

export const DEFAULT_REFORM: ReformDefaults = {
  fromYear: 2026,
  byInstrument: {
    spuk: {
      treatment: 'gemeentefonds',
      cutBp: 1000,
      note:
        'Spuks naar het gemeente-/provinciefonds na 10 % efficiencykorting. Niet elke spuk verdwijnt: welke blijven staat ' +
        'per regeling in Kamerstuk 36800-B nr. 14; leg een blijvende spuk per regeling vast (de 10 % korting blijft dan staan).',
      sources: [HOOFDLIJNENAKKOORD, KST_OMZETTING, KST_VOORTZETTING],
      standing: 'kabinetsbeleid',
      uncertain: true,
    },
    decentralisatie_uitkering: {
      treatment: 'bfu',
      fromYear: 2027,
      note:
        'De decentralisatie-uitkering wordt een bijzondere fondsuitkering (geen SiSa). Het wetsvoorstel ging op 9 januari 2026 ' +
        'naar de Raad van State en is nog geen wet; 2027 als eerste jaar is een aanname.',
      sources: [BFU_WETSVOORSTEL],
      standing: 'wetsvoorstel',
      uncertain: true,
    },
  },
  bySchemeCode: {
    'szw-g2': {
      treatment: 'continues',
      note: 'De gebundelde uitkering bijstand (G2, art. 69 Participatiewet) is uitgezonderd en blijft een specifieke uitkering.',
      sources: [HOOFDLIJNENAKKOORD],
      standing: 'kabinetsbeleid',
    },
  },
  other: {
    treatment: 'continues',
    note: 'Geen specifieke uitkering of decentralisatie-uitkering: de hervorming raakt deze regeling niet.',
    sources: [],
    standing: 'aanname',
  },
}

/** Used for pipeline grants that carry no probability of their own. */
export const DEFAULT_PIPELINE_PROBABILITY: Record<string, number> = { verkenning: 10, in_voorbereiding: 25, aangevraagd: 50 }

export const REPORTS_SETTINGS: DefaultSetting[] = [
  {
    key: REFORM_DEFAULTS_KEY,
    value: DEFAULT_REFORM,
    source:
      'Domain guide §6 and §13 [30]-[36]: spuks to the fondsen after a 10 % cut from 2026 (Hoofdlijnenakkoord 16-05-2024, 36600-B nr. 45 ' +
      'of 21-05-2025), G2 excepted; not every spuk disappears (36800-B nr. 14 of 19-12-2025; which ones is UNCERTAIN per scheme: set ' +
      'them in reform_assumptions); DU becomes BFU by a bill sent to the Raad van State on 09-01-2026, not law (first year UNCERTAIN). ' +
      'Each rule carries its own sources.',
  },
  {
    key: PIPELINE_PROBABILITY_KEY,
    value: DEFAULT_PIPELINE_PROBABILITY,
    source: 'Woud default (UNCERTAIN, no source): chance of award per status when a grant has no probability of its own',
  },
]
