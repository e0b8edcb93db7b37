// Registry of the reports offered by `woud export NAME` and GET /api/v1/reports/:name.
import type { ReportDef } from './types.js'
import { bbvReport } from './bbv-report.js'
import { cofinancingReport } from './cofinancing-report.js'
import { controllerReport } from './controller-report.js'
import { deadlinesReport } from './deadlines-report.js'
import { forecastReport } from './forecast-report.js'
import { portfolioReport } from './portfolio-report.js'
import { sisaReport } from './sisa-report.js'
import { REPORT_NAME } from '../db/enums.js'

export const REPORT_NAMES = REPORT_NAME.keys

/* eslint-disable @typescript-eslint/no-explicit-any -- a registry of reports, each with its own data type */
export const REPORTS: Record<string, ReportDef<any>> = Object.fromEntries(
  [portfolioReport, deadlinesReport, cofinancingReport, bbvReport, sisaReport, forecastReport, controllerReport]
    .filter((r): r is ReportDef<any> => r !== undefined)
    .map((r) => [r.name, r]),
)
/* eslint-enable @typescript-eslint/no-explicit-any */
