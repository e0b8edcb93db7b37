// The spuk-reform scenario as the forecast reads it: the assumptions are stored in db/repositories/reform-assumptions.ts;
// this module only turns one into the Dutch text shown on the sheets.
import { bpToPercentText } from '../db/money.js'
import type { ReformTreatment } from '../db/reference/settings-reports.js'
import type { ReformAssumption } from '../db/repositories/reform-assumptions.js'

export {
  listReformAssumptions,
  pipelineProbabilities,
  REFORM_SCENARIO,
  reformDefaults,
  TREATMENTS,
  type ReformAssumption,
} from '../db/repositories/reform-assumptions.js'

export function treatmentText(a: Pick<ReformAssumption, 'treatment' | 'cutBp' | 'fromYear'>): string {
  const text: Record<ReformTreatment, string> = {
    continues: 'blijft specifieke uitkering',
    gemeentefonds: `naar het gemeentefonds met ${bpToPercentText(a.cutBp)} % korting`,
    bfu: 'wordt bijzondere fondsuitkering (geen SiSa)',
    ends: 'vervalt',
  }
  return `vanaf ${a.fromYear} ${text[a.treatment]}`
}
