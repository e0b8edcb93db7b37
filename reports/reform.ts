// The spuk-reform scenario as the forecast reads it: the assumptions are stored in db/repositories/reform-assumptions.ts;
// this module only turns one into the Dutch text shown on the sheets.
import { bpToPercentText } from '../db/money.js'
import type { ReformTreatment } from '../db/reference/settings-reports.js'
import type { ReformAssumption } from '../db/repositories/reform-assumptions.js'

export { REFORM_STANDING_NL } from '../db/reference/settings-reports.js'
export {
  listReformAssumptions,
  pipelineProbabilities,
  REFORM_SCENARIO,
  reformDefaults,
  TREATMENTS,
  type ReformAssumption,
} from '../db/repositories/reform-assumptions.js'

export function treatmentText(a: Pick<ReformAssumption, 'treatment' | 'cutBp' | 'fromYear'>): string {
  const cut = a.cutBp ? `${bpToPercentText(a.cutBp)} % korting` : ''
  const text: Record<ReformTreatment, string> = {
    continues: a.cutBp ? `blijft specifieke uitkering met ${cut}` : 'blijft specifieke uitkering',
    gemeentefonds: `naar het gemeentefonds met ${bpToPercentText(a.cutBp)} % korting`,
    bfu: `wordt bijzondere fondsuitkering (geen SiSa)${a.cutBp ? ` met ${cut}` : ''}`,
    ends: 'vervalt',
  }
  return `vanaf ${a.fromYear} ${text[a.treatment]}`
}

/** Where an assumption comes from, in Dutch, for the sheet: stored in Woud, or which default rule. */
export function originText(a: ReformAssumption): string {
  if (a.origin === 'vastgelegd') return 'Vastgelegd door de organisatie'
  const rule = a.rule
  if (!rule || rule.kind === 'overig') return 'Standaard van Woud (overige regelingen)'
  return rule.kind === 'regeling' ? `Standaard van Woud (regel voor ${rule.key})` : `Standaard van Woud (regel voor instrument ${rule.key})`
}

/** The sources of a default as one line: title, reference and publication date (dd-mm-jjjj) each. */
export function sourcesText(a: ReformAssumption): string {
  if (a.origin === 'vastgelegd') return 'zie toelichting'
  if (a.sources.length === 0) return 'geen gepubliceerde bron'
  return a.sources
    .map((s) => `${s.title}${s.reference ? `, ${s.reference}` : ''} (${s.published.split('-').reverse().join('-')})`)
    .join('; ')
}

/** The latest publication date among the sources of a default: how current the assumption is. */
export function latestSourceDate(a: ReformAssumption): string | null {
  return a.sources.reduce<string | null>((m, s) => (m === null || s.published > m ? s.published : m), null)
}
