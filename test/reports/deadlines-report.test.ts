// The 'deadlines' workbook: computed rows, rendered to xlsx and read back with exceljs; also through the reports API.
import t from 'tap'
import { markDeadlineDone } from '../../db/repositories/deadlines.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { computeDeadlines, deadlinesReport, deadlinesSheets } from '../../reports/deadlines-report.js'
import { REPORTS } from '../../reports/index.js'
import type { ReportParams } from '../../reports/types.js'
import { seedPortfolio, TODAY } from '../fixtures/deadlines.js'
import { freshDb, testApp } from '../helpers.js'
import { col, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

t.test('the deadlines workbook: dates as dates, Dutch labels, overdue rows red', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org, awarded } = seedPortfolio(db)
  markDeadlineDone(db, { actor: 'jan@amsterdam.nl', source: 'api' }, org.id, `spend:${awarded.id}`, { at: '2026-11-27T23:30:00Z' })
  const p: ReportParams = {
    organisationId: org.id,
    orgCode: 'GM0363',
    orgName: 'Amsterdam',
    year: 2026,
    today: TODAY,
    generatedAt: '2026-11-28T10:00:00Z',
  }
  t.equal(REPORTS.deadlines, deadlinesReport, 'offered by the registry')
  const data = computeDeadlines(db, p)
  t.match(data, { from: '2026-01-01', to: '2027-12-31' })
  const buf = await renderWorkbook(deadlinesSheets(data, p))
  const wb = await loadWorkbook(buf)
  const table = readTable(wb.getWorksheet('Deadlines')!, 'Datum')
  t.equal(table.rows.length, data.deadlines.length)
  t.match(table.preamble[0], /Deadlines 2026–2027 — Amsterdam \(GM0363\)/)
  const dates = col(table, 'Datum') as Date[]
  t.ok(
    dates.every((d) => d instanceof Date),
    'date cells are dates',
  )
  const i = (col(table, 'Sleutel') as string[]).indexOf('cycle:begroting:GM0363:2026')
  t.equal(dates[i].toISOString().slice(0, 10), '2026-11-16')
  t.equal((col(table, 'Nominale datum') as Date[])[i].toISOString().slice(0, 10), '2026-11-14')
  t.equal(col(table, 'Verschoven wegens')[i], 'zaterdag, zondag')
  t.equal(col(table, 'Soort')[i], 'Begroting')
  t.equal(col(table, 'Grondslag')[i], 'wet')
  t.equal(col(table, 'Status')[i], 'verlopen')
  // Overdue is a conditional format: red while the status says verlopen, or open with a date before TODAY().
  const cf = (wb.getWorksheet('Deadlines') as unknown as { conditionalFormattings: unknown }).conditionalFormattings
  const stateCol = String.fromCharCode(65 + table.header.indexOf('Status'))
  const dateCol = String.fromCharCode(65 + table.header.indexOf('Datum'))
  const first = table.preamble.length + 3
  t.match(cf, [
    {
      ref: `A${first}:${String.fromCharCode(64 + table.header.length)}${first + table.rows.length - 1}`,
      rules: [
        {
          type: 'expression',
          formulae: [`OR($${stateCol}${first}="verlopen",AND($${stateCol}${first}="open",$${dateCol}${first}<TODAY()))`],
        },
      ],
    },
  ])
  t.notOk(table.fills[i], 'no static fill that would outlive an edit')
  const s = (col(table, 'Sleutel') as string[]).indexOf(`spend:${awarded.id}`)
  t.equal(col(table, 'Status')[s], 'afgerond')
  t.equal(col(table, 'Afgerond door')[s], 'jan@amsterdam.nl')
  t.equal((col(table, 'Afgerond op') as Date[])[s].toISOString().slice(0, 10), '2026-11-28', 'completion date in Amsterdam time')
  t.notOk(table.fills[s])
  t.equal(table.numFmts.get('Datum'), 'dd-mm-yyyy')
})

t.test('GET /api/v1/reports/deadlines as JSON and xlsx', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const json = await api({ method: 'GET', url: '/api/v1/reports/deadlines?org=GM0363&year=2026' })
  t.equal(json.statusCode, 200, json.body.slice(0, 300))
  const xlsx = await api({ method: 'GET', url: '/api/v1/reports/deadlines?org=GM0363&year=2026&format=xlsx' })
  t.equal(xlsx.statusCode, 200)
  const wb = await loadWorkbook(xlsx.rawPayload)
  t.ok(readTable(wb.getWorksheet('Deadlines')!, 'Datum').rows.length > 10)
})
