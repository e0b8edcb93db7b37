// The controller cover agrees with its sheets (issue 16.5) and the portfolio's next-deadline and open-findings
// columns agree with the Deadlines and Bevindingen sheets (issue 13.3): every figure read back from the xlsx.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { createFoutOnzekerheid } from '../../db/repositories/sisa-values.js'
import { REPORTS } from '../../reports/index.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { col, euro, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

t.test('each cover figure equals the count or total on its sheet', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  createFoutOnzekerheid(db, SYSTEM, f.orgId, 2026, {
    sisaCode: 'D8',
    indicatorNumber: null,
    foutCents: EUR(1_000),
    onzekerheidCents: 0,
    toelichting: 'steekproef',
  })
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: TEST_NOW })
  const def = REPORTS.controller
  const wb = await loadWorkbook(await renderWorkbook(def.sheets(def.compute(db, p), p)))
  const cover = new Map<string, unknown[]>()
  wb.getWorksheet('Voorblad')!.eachRow((row) => {
    const v = row.values as unknown[]
    if (typeof v[1] === 'string') cover.set(v[1], v.slice(2))
  })
  const coverOf = (re: RegExp) => {
    const k = [...cover.keys()].find((x) => re.test(x))
    t.ok(k, `cover line ${re}`)
    return cover.get(k!)!
  }

  const dl = readTable(wb.getWorksheet('Deadlines')!, 'Datum')
  const overdue = col(dl, 'Status').filter((s) => s === 'verlopen').length
  t.ok(overdue > 0, 'the fixture has overdue deadlines')
  t.equal(coverOf(/^Verlopen deadlines/)[0], overdue, 'overdue: cover = Deadlines sheet')

  const bev = readTable(wb.getWorksheet('Bevindingen')!, 'Ernst')
  const open = col(bev, 'Ernst').filter((s) => s === 'Fout' || s === 'Waarschuwing').length
  t.equal(coverOf(/^Open SiSa-bevindingen/)[0], open, 'open findings: cover = Bevindingen sheet (errors included)')
  const fo = readTable(wb.getWorksheet('Fouten en onzekerheden')!, 'Uitkeringscode')
  t.equal(coverOf(/^Regels in de tabel fouten/)[0], fo.rows.length)
  t.equal(fo.rows.length, 1)

  const cof = readTable(wb.getWorksheet('Cofinanciering')!, 'Subsidie-id')
  const short = new Set((col(cof, 'Subsidie-id') as number[]).filter((_, i) => (col(cof, 'Tekort')[i] as number) > 0))
  const tekort = cof.header.indexOf('Tekort')
  t.strictSame(
    coverOf(/cofinancieringstekort/),
    [short.size, (cof.totals![tekort] as { result: number }).result],
    'shortfall: count and total',
  )
  const rep = readTable(wb.getWorksheet('Verwachte terugbetaling')!, 'Subsidie-id')
  t.equal(coverOf(/^Verwachte terugbetaling/)[1], (rep.totals![rep.header.indexOf('Verwachte terugbetaling')] as { result: number }).result)
  t.equal(
    coverOf(/^Lagere vaststelling/)[1],
    (rep.totals![rep.header.indexOf('Lagere vaststelling (geen terugbetaling)')] as { result: number }).result,
  )
  const port = readTable(wb.getWorksheet('Portefeuille')!, 'Subsidie-id')
  t.equal(coverOf(/^Subsidies in de portefeuille/)[0], port.rows.length)
  const sio = readTable(wb.getWorksheet('Structureel uit incidenteel')!, 'Subsidie-id')
  t.strictSame(coverOf(/^Structurele lasten uit incidentele/), [
    sio.rows.length,
    (sio.totals![sio.header.indexOf('Structurele lasten')] as { result: number }).result,
  ])
  t.equal(coverOf(/^Structurele lasten uit incidentele/)[1], euro(EUR(150_000)))

  // Portfolio columns against the sheets they summarise.
  const ids = col(port, 'Subsidie-id') as number[]
  for (const [i, id] of ids.entries()) {
    const mine = dl.rows.filter((r) => r[dl.header.indexOf('Subsidie-id')] === id && r[dl.header.indexOf('Status')] !== 'afgerond')
    const next = mine.map((r) => (r[0] as Date).toISOString().slice(0, 10)).sort()[0]
    const shown = col(port, 'Volgende deadline')[i] as Date | null
    t.equal(
      shown ? shown.toISOString().slice(0, 10) : undefined,
      next,
      `next deadline of grant ${id} is its earliest open row on Deadlines`,
    )
    const findings = bev.rows.filter((r) => r[bev.header.indexOf('Subsidie')] === id && r[0] !== 'Info').length
    const sisaCode = col(port, 'SiSa-code')[i]
    const foLines = fo.rows.filter((r) => r[0] === sisaCode).length
    t.equal(col(port, 'Open bevindingen')[i] ?? 0, findings + foLines, `open findings of grant ${id}: Bevindingen rows + FO lines`)
  }
})
