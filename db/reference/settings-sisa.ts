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
