// The computed SiSa view of one organisation and year: blocks per uitkering, cell values with their source, findings.
import type { StoredIndicator } from '../db/repositories/sisa.js'
import type { SisaValue } from '../db/repositories/sisa-values.js'
import type { ThresholdBand, ToleranceBand } from '../db/reference/settings-sisa.js'
import type { YearDef } from '../db/sisa-definitions.js'
import type { GrantFacts } from './sisa-prefill.js'

export interface CellView {
  rowNo: number
  value: SisaValue | null
  /** 'manual', 'prefill:<role>', 'computed', or null when empty. */
  source: string | null
  /** Dutch explanation of a prefilled or computed value. */
  explanation: string | null
  /** What Woud would prefill, also when a manual value overrides it. */
  prefill: SisaValue | null
}

export interface IndicatorView extends StoredIndicator {
  /** 'C1/04' */
  code: string
  cells: CellView[]
}

export interface SisaBlock {
  grantId: number
  grantTitle: string
  beschikkingsnummer: string | null
  sisaCode: string
  verstrekker: string
  name: string
  legalBasis: string | null
  ontvanger: string
  indicators: IndicatorView[]
  /** Row numbers of the per-project / per-gemeente rows (1..n), empty when the block has none. */
  rowNos: number[]
  facts: GrantFacts
  /** Roles whose ledger figure belongs to several indicators: not prefilled, a 'verdeling-nodig' finding instead. */
  splitNeeded: { role: string; indicators: string[] }[]
}

export type Severity = 'fout' | 'waarschuwing' | 'info'

export interface Finding {
  severity: Severity
  /** Stable machine name, e.g. 'mandatory-missing', 'cumulative-mismatch'. */
  check: string
  grantId: number | null
  sisaCode: string | null
  /** 'C1/04' or null for a finding about the whole uitkering. */
  indicator: string | null
  rowNo: number | null
  message: string
}

export interface FoView {
  id: number
  sisaCode: string
  indicatorNumber: string | null
  foutCents: number
  onzekerheidCents: number
  toelichting: string | null
  /** Besteding of the uitkering in year T (lasten), the basis of the rapporteringsgrens. */
  lastenCents: number | null
  grensCents: number | null
  /** fout + onzekerheid above the grens. */
  aboveGrens: boolean | null
}

export interface SisaData {
  organisation: { id: number; code: string; name: string }
  year: number
  formatDate: string | null
  blocks: SisaBlock[]
  findings: Finding[]
  foutenOnzekerheden: FoView[]
  threshold: { bands: ThresholdBand[]; source: string }
  /** The accountant's goedkeuringstolerantie for the year (errors, uncertainties) with its source. */
  tolerance: ToleranceBand
  /** Every definition of the year's newest format (also regelingen without grants), for the definitions sheet. */
  definitions: YearDef | null
}
