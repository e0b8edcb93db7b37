// woud export REPORT --org CODE --year YYYY --out FILE.xlsx [--scenario S] [--cut PCT]: one report as a workbook.
import type { Register } from '../cli.js'
import { enumKey, REPORT_NAME, SCENARIO } from '../../db/enums.js'
import { REPORT_NAMES } from '../../reports/index.js'
import { buildReportParams, findReport, findReportOrganisation, ReportInputError } from '../../reports/report-params.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { CliError, EXIT } from './context.js'
import { checkOut, writeAtomic } from './output.js'

export const registerExport: Register = (program, ctx) => {
  program
    .command('export')
    .description('een rapport als Excel-werkmap')
    .argument('<report>', `rapport: ${REPORT_NAMES.join(', ')}`)
    .requiredOption('--org <code>', 'CBS-code van de organisatie')
    .requiredOption('--year <yyyy>', 'begrotingsjaar')
    .requiredOption('--out <file>', 'uitvoerbestand (.xlsx)')
    .option('--scenario <s>', 'scenario van de prognose: base (basis), awarded-only (alleen-toegekend), spuk-reform (hervorming)', 'base')
    .option('--cut <pct>', 'spuk-reform: korting in procenten bij omzetting naar het gemeentefonds')
    .option('--force', 'een bestaand uitvoerbestand vervangen')
    .action(async (report: string, o: { org: string; year: string; out: string; scenario: string; cut?: string; force?: boolean }) => {
      if (!/\.xlsx$/i.test(o.out)) throw new CliError(`--out '${o.out}' moet op .xlsx eindigen`, EXIT.usage)
      const c = ctx()
      // A report only reads: the database is opened read-only and never migrated (an auditor's copy works).
      const db = c.readDb
      checkOut(o.out, db.$client.name, !!o.force)
      let def, params
      try {
        // The Dutch words work as the keys do: `woud export prognose --scenario alleen-toegekend`.
        def = findReport(enumKey(REPORT_NAME, report) ?? report)
        params = buildReportParams(db, findReportOrganisation(db, o.org), {
          year: o.year,
          scenario: enumKey(SCENARIO, o.scenario) ?? o.scenario,
          cut: o.cut,
          now: (c as typeof c & { now?: () => Date }).now?.() ?? new Date(),
        })
      } catch (e) {
        if (e instanceof ReportInputError) throw new CliError(e.message, e.field === 'name' ? EXIT.usage : EXIT.rejected)
        throw e
      }
      const sheets = def.sheets(def.compute(db, params), params)
      // The whole workbook is built in memory first: a failing render writes nothing.
      await writeAtomic(o.out, await renderWorkbook(sheets, { title: `${def.title} ${params.orgName} ${params.year}` }))
      const result = {
        report: def.name,
        organisation: params.orgCode,
        year: params.year,
        scenario: params.scenario,
        file: o.out,
        sheets: sheets.map((s) => s.name),
      }
      c.print(result, `${def.title} van ${params.orgCode} (${params.year}) geschreven naar ${o.out} (${sheets.length} bladen).`)
    })
}
