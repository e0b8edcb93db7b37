// The 'cofinancing' report (contract §2 REPORT names). Filled in by the issue that builds it; until then it is not offered.
import type { ReportDef } from './types.js'

export const cofinancingReport: ReportDef | undefined = undefined
