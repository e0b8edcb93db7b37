// Default settings for the sisa area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

/** One band of the rapporteringsgrens: applies while lasten <= upToCents (null = no upper bound). */
export interface ThresholdBand {
  upToCents: number | null
  /** The grens is a fixed amount ... */
  fixedCents?: number
  /** ... or a share of the lasten of the uitkering, in basis points. */
  shareBp?: number
}

export const SISA_THRESHOLD_KEY = 'sisa.rapporteringsgrens'

export const SISA_SETTINGS: DefaultSetting[] = [
  {
    key: SISA_THRESHOLD_KEY,
    // Domain guide §1.6: EUR 12.500 up to EUR 125.000 lasten, 10 % up to EUR 1.250.000, EUR 125.000 above.
    value: [
      { upToCents: 12_500_000, fixedCents: 1_250_000 },
      { upToCents: 125_000_000, shareBp: 1000 },
      { upToCents: null, fixedCents: 12_500_000 },
    ] satisfies ThresholdBand[],
    source: 'UNCERTAIN',
  },
]

/**
 * The accountant's goedkeuringstolerantie per verslagjaar, as shares of the lasten in basis points (issue 16 item 9).
 * A band holds from fromYear until the next band.
 */
export interface ToleranceBand {
  fromYear: number
  errorsBp: number
  uncertaintiesBp: number
  source: string
}

export const SISA_TOLERANCE_KEY = 'sisa.goedkeuringstolerantie'

export const ACCOUNTANT_TOLERANCES: ToleranceBand[] = [
  {
    fromYear: 2004,
    errorsBp: 100,
    uncertaintiesBp: 300,
    source:
      'Besluit accountantscontrole decentrale overheden (Bado) art. 2: fouten 1 %, onzekerheden 3 % van de lasten ' +
      '(controleverklaring Amstelveen 2017, domain guide [13])',
  },
  {
    fromYear: 2025,
    errorsBp: 200,
    uncertaintiesBp: 200,
    source:
      'Nota verwachtingen accountantscontrole SiSa 2025 (accountancyvanmorgen.nl, 5 maart 2026): fouten 2 %, onzekerheden 2 %, ' +
      'ook voor de SiSa-bijlage',
  },
]

/** The band of a verslagjaar (the newest band whose fromYear is not after it; the oldest for earlier years). */
export function toleranceFor(year: number, bands: ToleranceBand[] = ACCOUNTANT_TOLERANCES): ToleranceBand {
  const sorted = [...bands].sort((a, b) => a.fromYear - b.fromYear)
  return sorted.filter((b) => b.fromYear <= year).pop() ?? sorted[0]
}

SISA_SETTINGS.push({
  key: SISA_TOLERANCE_KEY,
  value: ACCOUNTANT_TOLERANCES,
  source:
    'Bado (tot en met 2024); Nota verwachtingen accountantscontrole SiSa 2025 (vanaf 2025). ' +
    'Rapporteringsgrens: zie sisa.rapporteringsgrens (UNCERTAIN)',
})
