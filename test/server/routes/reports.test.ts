// GET /api/v1/reports/:name: the JSON and the workbook of each report agree (values, types, totals), access, bad input.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { createGrant } from '../../../db/repositories/grants.js'
import { seedOrganisation, testApp, userWithToken } from '../../helpers.js'
import { EUR, seedPortfolio } from '../../fixtures/reports.js'
import { col, euro, loadWorkbook, readTable } from '../../fixtures/reports-xlsx.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

t.test('reports over HTTP', async (t) => {
  const { db, api } = await testApp(t)
  const f = seedPortfolio(db)
  // User text that Excel would evaluate if it were written as a formula.
  createGrant(
    db,
    SYSTEM,
    {
      orgCode: 'GM0363',
      schemeCode: 'vro-nplv-kansrijke-wijk',
      title: '=HYPERLINK("http://x","klik")',
      status: 'verkenning',
      requestedCents: EUR(10_000),
    },
    { today: '2026-11-28' },
  )
  const get = (name: string, q: string, token?: string) => api({ method: 'GET', url: `/api/v1/reports/${name}?${q}`, token })
  const both = async (name: string, q = 'org=GM0363&year=2026') => {
    const j = await get(name, `${q}&format=json`)
    t.equal(j.statusCode, 200, `${name} json`)
    const x = await get(name, `${q}&format=xlsx`)
    t.equal(x.statusCode, 200, `${name} xlsx`)
    return { json: j.json(), xlsx: x, wb: await loadWorkbook(x.rawPayload) }
  }

  t.test(
    'portfolio: one row per grant, dates as dates, euro formats, totals as SUM with their result, no formula from user text',
    async (t) => {
      const { json, xlsx, wb } = await both('portfolio')
      t.equal(xlsx.headers['content-type'], XLSX)
      t.match(xlsx.headers['content-disposition'], /attachment; filename="subsidieportefeuille-GM0363-2026\.xlsx"/)
      const tab = readTable(wb.getWorksheet('Portefeuille')!, 'Subsidie-id')
      const byId = new Map((json.data.rows as Record<string, unknown>[]).map((r) => [r.grantId, r]))
      t.equal(tab.rows.length, byId.size)
      // Grouped per verstrekker and taakveld: the sheet's order, each id a plain number.
      const rows = (col(tab, 'Subsidie-id') as number[]).map((id) => byId.get(id)!)
      t.ok(
        rows.every((r) => r !== undefined),
        'every sheet row is a grant of the report',
      )
      t.ok(tab.subtotals.length > 0, 'subtotal rows per verstrekker and taakveld')
      t.match(tab.subtotals[0][tab.header.indexOf('Toegekend')], { formula: /^SUBTOTAL\(9,/ })
      t.strictSame(
        col(tab, 'Toegekend'),
        rows.map((r) => (r.awardedCents === null ? null : euro(r.awardedCents as number))),
      )
      t.strictSame(
        col(tab, 'Looptijd van'),
        rows.map((r) => (r.periodFrom ? new Date(`${r.periodFrom}T00:00:00Z`) : null)),
        'dates come back as the same calendar day',
      )
      t.match(tab.numFmts.get('Toegekend'), /€ #,##0\.00/)
      t.equal(tab.numFmts.get('Looptijd van'), 'dd-mm-yyyy')
      const i = tab.header.indexOf('Toegekend')
      t.match(tab.totals![i], { formula: /^SUBTOTAL\(9,[A-Z]+\d+:[A-Z]+\d+\)$/, result: euro(json.data.totals.awardedCents) })
      t.equal(tab.frozenRows, tab.preamble.length + 2, 'the header row is frozen')
      t.ok(tab.autoFilter, 'autofilter on the header')
      const titles = col(tab, 'Omschrijving')
      t.ok(titles.includes('=HYPERLINK("http://x","klik")'), 'user text stays text')
      t.notOk(
        titles.some((v) => typeof v === 'object' && v !== null),
        'no cell is a formula',
      )
      t.equal(col(tab, 'Kans')[rows.findIndex((r) => r.grantId === f.d)], 0.5, 'probability as a percentage cell')
    },
  )

  t.test('cofinancing: shortfalls highlighted, per source and per year agree with the JSON', async (t) => {
    const { json, wb } = await both('cofinancing')
    const tab = readTable(wb.getWorksheet('Cofinanciering')!, 'Subsidie-id')
    const all = json.data.rows as { grantId: number; shortfallCents: number; year: number; requiredCents: number }[]
    const rows = (col(tab, 'Subsidie-id') as number[]).map((id, i) => all.find((r) => r.grantId === id && r.year === col(tab, 'Jaar')[i])!)
    t.equal(rows.length, all.length)
    t.strictSame(
      col(tab, 'Tekort'),
      rows.map((r) => euro(r.shortfallCents)),
    )
    t.strictSame(
      col(tab, 'Jaar'),
      rows.map((r) => r.year),
      'years as plain numbers',
    )
    t.strictSame(
      tab.fills,
      rows.map(() => false),
      'no static fill: the shortfall rule is conditional formatting',
    )
    const cf = (wb.getWorksheet('Cofinanciering') as unknown as { conditionalFormattings: unknown }).conditionalFormattings
    t.match(cf, [{ rules: [{ type: 'expression', formulae: [/\$[A-Z]+\d+>\$[A-Z]+\d+/] }] }], 'red when vereist > toegezegd')
    t.match(tab.totals![tab.header.indexOf('Tekort')], { result: euro(EUR(300_000)) })
    const src = readTable(wb.getWorksheet('Cofinanciering per bron')!, 'Bron')
    t.strictSame(src.rows, [
      ['Eigen middelen', 1, 600_000, 600_000],
      ['Provincie', 1, 100_000, 0],
    ])
    const per = readTable(wb.getWorksheet('Cofinanciering per jaar')!, 'Jaar')
    t.strictSame(
      col(per, 'Vereist'),
      json.data.byYear.map((y: { requiredCents: number }) => euro(y.requiredCents)),
    )
  })

  t.test('bbv: overview per programma/taakveld, the structural check, passiva per herkomst', async (t) => {
    const { json, wb } = await both('bbv')
    t.strictSame(
      wb.worksheets.map((w) => w.name),
      [
        'Incidentele baten en lasten',
        'Incidenteel jaarrekening',
        'Effect structureel saldo',
        'Structureel uit incidenteel',
        'Overlopende passiva',
        'Passiva per herkomst',
        'Bevindingen BBV',
      ],
    )
    const inc = readTable(wb.getWorksheet('Incidentele baten en lasten')!, 'Programma')
    t.strictSame(
      col(inc, 'Programma'),
      json.data.lines.map((l: { programma: string }) => l.programma),
    )
    t.strictSame(
      col(inc, 'Lasten 2026'),
      json.data.lines.map((l: { perYear: { lastenCents: number }[] }) => euro(l.perYear[0].lastenCents)),
    )
    t.match(inc.totals![inc.header.indexOf('Saldo 2026')], { result: -200_000 })
    const chk = readTable(wb.getWorksheet('Structureel uit incidenteel')!, 'Subsidie-id')
    t.strictSame(col(chk, 'Structurele lasten'), [50_000, 50_000, 50_000])
    t.strictSame(col(chk, 'Jaar'), [2026, 2027, 2028])
    const her = readTable(wb.getWorksheet('Passiva per herkomst')!, 'Herkomst')
    t.strictSame(
      col(her, 'Overlopende passiva'),
      json.data.passivaByHerkomst.map((h: { passivaCents: number }) => euro(h.passivaCents)),
    )
    t.match(her.preamble.join(' '), /BBV art\. 52a/)
  })

  t.test('forecast spuk-reform with a cut: assumptions on the sheet, figures as in the JSON', async (t) => {
    const { json, xlsx, wb } = await both('forecast', 'org=GM0363&year=2026&scenario=spuk-reform&cut=20')
    t.match(xlsx.headers['content-disposition'], /meerjarenprognose-spuk-reform-GM0363-2026\.xlsx/)
    const tab = readTable(wb.getWorksheet('Prognose')!, 'Jaar')
    t.strictSame(col(tab, 'Jaar'), [2026, 2027, 2028, 2029, 2030])
    t.strictSame(
      col(tab, 'Korting'),
      json.data.perYear.map((y: { cutCents: number }) => euro(y.cutCents)),
    )
    t.equal(json.data.perYear[0].cutCents, EUR(140_000), '20 % of EUR 700 k')
    t.ok(
      tab.preamble.some((l) => /naar het gemeentefonds met 20 % korting/.test(l)),
      'the assumption is on the sheet',
    )
    const ass = readTable(wb.getWorksheet('Aannames hervorming')!, 'Regeling')
    t.strictSame(
      col(ass, 'Korting'),
      json.data.reform.map(() => 0.2),
    )
    const base = await both('forecast')
    t.notOk(base.wb.getWorksheet('Aannames hervorming'), 'no reform sheet in the base scenario')
    t.ok(readTable(base.wb.getWorksheet('Prognose')!, 'Jaar').preamble.some((l) => /Scenario: Basis/.test(l)))
  })

  t.test('controller: a cover sheet and every report as sheets', async (t) => {
    const { json, xlsx, wb } = await both('controller')
    t.match(xlsx.headers['content-disposition'], /controllersoverzicht-GM0363-2026\.xlsx/)
    const names = wb.worksheets.map((w) => w.name)
    t.equal(names[0], 'Voorblad')
    for (const n of [
      'Portefeuille',
      'Cofinanciering',
      'Incidentele baten en lasten',
      'Structureel uit incidenteel',
      'Prognose',
      'Verwachte terugbetaling',
    ])
      t.ok(names.includes(n), n)
    const cover = wb.getWorksheet('Voorblad')!
    const cells = new Map<string, unknown[]>()
    const links: string[] = []
    cover.eachRow((row) => {
      const v = row.values as unknown[]
      if (typeof v[1] === 'string' && !cells.has(v[1])) cells.set(v[1], v.slice(2))
      const f = v[1] as { formula?: string; result?: string } | undefined
      if (f?.formula) {
        t.match(f.formula, /^HYPERLINK\("#'[^']+'!A1",/)
        links.push(String((row.getCell(1).model as { result?: unknown }).result ?? f.result))
      }
    })
    t.equal(cells.get('Organisatie')![0], 'Amsterdam (GM0363)')
    t.equal(cells.get('Jaar')![0], 2026)
    t.strictSame(cells.get('Gegenereerd op')![0], new Date('2026-11-28T00:00:00Z'))
    t.strictSame(cells.get('Subsidies met een cofinancieringstekort'), [1, euro(json.data.summary.cofinancingShortfallCents)])
    t.equal(cells.get('Verwachte terugbetaling')![1], 0, 'nothing was received for the isolatie grant')
    t.equal(cells.get('Lagere vaststelling (nooit ontvangen, geen terugbetaling)')![1], 10_000)
    t.strictSame(links, names.slice(1), 'the cover links to every sheet')
  })

  t.test('access: lezer reads JSON but may not export; another organisation sees nothing', async (t) => {
    seedOrganisation(db, 'GM0599', 'Rotterdam')
    const lezer = userWithToken(db, 'lezer@a.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
    const ctl = userWithToken(db, 'ctl@a.nl', [{ orgCode: 'GM0363', role: 'controller' }])
    const other = userWithToken(db, 'r@r.nl', [{ orgCode: 'GM0599', role: 'controller' }])
    t.equal((await get('bbv', 'org=GM0363&year=2026', lezer)).statusCode, 200)
    t.equal((await get('bbv', 'org=GM0363&year=2026&format=xlsx', lezer)).statusCode, 403)
    t.equal((await get('bbv', 'org=GM0363&year=2026&format=xlsx', ctl)).statusCode, 200)
    t.equal((await get('bbv', 'org=GM0363&year=2026', other)).statusCode, 404)
    t.equal((await get('bbv', 'org=GM0363&year=2026', null as unknown as string)).statusCode, 401)
  })

  t.test('bad input gives problems', async (t) => {
    const cases: [string, string, number, RegExp][] = [
      ['winst', 'org=GM0363&year=2026', 404, /Rapport 'winst' bestaat niet/],
      ['bbv', 'org=GM9999&year=2026', 404, /GM9999 bestaat niet/],
      ['bbv', 'org=GM0363&year=2040', 400, /2040 valt buiten de gegevens van GM0363 \(2024–2028\)/],
      ['forecast', 'org=GM0363&year=2026&scenario=spuk-reform&cut=150', 400, /schema/],
      ['forecast', 'org=GM0363&year=2026&scenario=base&cut=10', 400, /hoort bij scenario spuk-reform/],
      ['forecast', 'org=GM0363&year=2026&scenario=rooskleurig', 400, /schema/],
      ['bbv', 'org=GM0363&year=2026&format=pdf', 400, /schema/],
    ]
    for (const [name, q, status, detail] of cases) {
      const r = await get(name, q)
      t.equal(r.statusCode, status, `${name}?${q}`)
      t.match(r.headers['content-type'], /application\/problem\+json/)
      t.match(r.json().detail, detail)
    }
    t.match((await get('forecast', 'org=GM0363&year=2026&scenario=spuk-reform&cut=150')).json().errors, [{ field: /cut/ }])
    const bad = (await get('forecast', 'org=GM0363&year=2026&scenario=rooskleurig')).json()
    t.match(
      bad.errors,
      [{ field: /scenario/, message: /alleen-toegekend/ }],
      'a rejected scenario lists the allowed values, Dutch words too',
    )
  })

  t.test('the Dutch words users see work as the keys do: report name, scenario', async (t) => {
    const en = (await get('forecast', 'org=GM0363&year=2026&scenario=awarded-only')).json()
    const nl = await get('prognose', 'org=GM0363&year=2026&scenario=alleen-toegekend')
    t.equal(nl.statusCode, 200)
    t.same({ ...nl.json(), generatedAt: '' }, { ...en, generatedAt: '' }, 'prognose/alleen-toegekend is forecast/awarded-only')
    t.equal(nl.json().scenario, 'awarded-only', 'the answer names the key')
    const x = await get('portefeuille', 'org=GM0363&year=2026&format=xlsx')
    t.equal(x.statusCode, 200)
    t.match(x.headers['content-disposition'], /portefeuille-GM0363-2026\.xlsx/)
  })

  t.test('an organisation without grants gets empty, well-formed workbooks', async (t) => {
    seedOrganisation(db, 'GM0001', 'Leegdorp')
    for (const name of ['portfolio', 'cofinancing', 'bbv', 'forecast', 'controller']) {
      const { json, wb } = await both(name, 'org=GM0001&year=2026')
      t.ok(json.data, name)
      t.ok(wb.worksheets.length > 0, `${name} has sheets`)
    }
    const { wb } = await both('portfolio', 'org=GM0001&year=2026')
    const tab = readTable(wb.getWorksheet('Portefeuille')!, 'Subsidie-id')
    t.equal(tab.rows.length, 0)
    t.match(tab.totals![tab.header.indexOf('Toegekend')], { formula: /^SUBTOTAL\(9,/, result: 0 })
    t.equal((await get('bbv', 'org=GM0001&year=2025')).statusCode, 400, 'only the current year without data')
  })

  t.test('reform assumptions: read by anyone, set and removed by a beheerder, audited', async (t) => {
    const lezer = userWithToken(db, 'l2@a.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
    const list = await api({ method: 'GET', url: '/api/v1/reform-assumptions?scheme=szw-g2', token: lezer })
    t.equal(list.statusCode, 200)
    t.match(list.json(), { total: 1, items: [{ scheme: 'szw-g2', treatment: 'continues', origin: 'standaard' }] })
    const g2 = list.json().items[0]
    t.ok(g2.sources.length > 0, 'a default names the documents it rests on')
    t.match(g2.sources[0], { title: /\w/, published: /^\d{4}-\d{2}-\d{2}$/ })
    t.ok(['wet', 'wetsvoorstel', 'kabinetsbeleid', 'aanname'].includes(g2.standing), 'and how firm they are')
    t.equal(typeof g2.uncertain, 'boolean')
    t.same([g2.setBy, g2.setAt], [null, null], 'nobody set a default')
    const put = (body: unknown, token?: string, scheme = 'bzk-regio-deals-5') =>
      api({ method: 'PUT', url: `/api/v1/reform-assumptions/${scheme}`, payload: body as object, token })
    t.equal((await put({ treatment: 'ends', fromYear: 2027 }, lezer)).statusCode, 403)
    t.equal((await put({ treatment: 'gemeentefonds', fromYear: 2026, cutPct: 101 })).statusCode, 400)
    t.equal((await put({ treatment: 'gemeentefonds', fromYear: 2026, cutPct: 12.345 })).statusCode, 400)
    t.equal((await put({ treatment: 'ends', fromYear: 2027 }, undefined, 'bestaat-niet')).statusCode, 404)
    const ok = await put({ treatment: 'gemeentefonds', fromYear: 2027, cutPct: 12.5, note: 'raadsbrief' })
    t.equal(ok.statusCode, 200)
    t.match(ok.json(), { scheme: 'bzk-regio-deals-5', treatment: 'gemeentefonds', fromYear: 2027, cutPct: 12.5, origin: 'vastgelegd' })
    const stored = (await api({ method: 'GET', url: '/api/v1/reform-assumptions?scheme=bzk-regio-deals-5', token: lezer })).json().items[0]
    t.match(stored, { origin: 'vastgelegd', setBy: /\w/, setAt: /^\d{4}-\d{2}-\d{2}T/ }, 'a stored assumption says who set it and when')
    const f2 = (await get('forecast', 'org=GM0363&year=2026&scenario=spuk-reform')).json()
    t.equal(f2.data.perYear[0].awardedCents >= EUR(250_000), true, 'the Regio Deal still a spuk in 2026')
    const audit = await api({ method: 'GET', url: '/api/v1/audit?entity=reform_assumption&id=bzk-regio-deals-5' })
    t.equal(audit.json().total, 1)
    t.equal((await api({ method: 'DELETE', url: '/api/v1/reform-assumptions/bzk-regio-deals-5' })).statusCode, 204)
    t.equal((await api({ method: 'DELETE', url: '/api/v1/reform-assumptions/bzk-regio-deals-5' })).statusCode, 404)
  })

  t.test('reform defaults: read by anyone in percent, replaced by a beheerder after a new Kamerstuk, audited', async (t) => {
    const lezer = userWithToken(db, 'l3@a.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
    const got = await api({ method: 'GET', url: '/api/v1/reform-defaults', token: lezer })
    t.equal(got.statusCode, 200)
    const shipped = got.json()
    t.match(shipped.source, /Domain guide/, 'the shipped defaults say where they come from')
    t.ok(Number.isInteger(shipped.defaults.fromYear))
    const spuk = shipped.defaults.byInstrument.spuk
    t.ok(spuk && typeof spuk.treatment === 'string', 'a rule per instrument')
    t.notOk('cutBp' in spuk, 'the API speaks percent, never basis points')
    const mine = {
      fromYear: 2027,
      byInstrument: {
        spuk: { treatment: 'gemeentefonds', cutPct: 12.5, sources: [{ title: 'Kamerbrief hervorming', published: '2026-11-20' }] },
      },
      bySchemeCode: { 'szw-g2': { treatment: 'continues', standing: 'wet' } },
      other: { treatment: 'ends' },
    }
    const put = (body: unknown, token?: string) => api({ method: 'PUT', url: '/api/v1/reform-defaults', payload: body as object, token })
    t.equal((await put({ defaults: mine, source: 'Raadsbesluit 12' }, lezer)).statusCode, 403, 'a lezer may not')
    const undated = {
      ...mine,
      byInstrument: { spuk: { treatment: 'gemeentefonds', sources: [{ title: 'Brief', published: 'november' }] } },
    }
    const bad = await put({ defaults: undated, source: 'x' })
    t.equal(bad.statusCode, 400)
    t.match(bad.json().errors, [{ field: 'body.defaults.byInstrument.spuk.sources[0].published', message: /publicatiedatum/ }])
    const sub = await put({ defaults: { ...mine, byInstrument: { spuk: { treatment: 'bfu', cutPct: 12.345 } } }, source: 'x' })
    t.equal(sub.statusCode, 400)
    t.match(sub.json().errors, [{ field: 'body.defaults.byInstrument.spuk.cutPct' }])
    t.equal((await put({ defaults: { ...mine, extra: 1 }, source: 'x' })).statusCode, 400, 'unknown fields are refused')
    t.same((await api({ method: 'GET', url: '/api/v1/reform-defaults' })).json(), shipped, 'a refused change changed nothing')
    const ok = await put({ defaults: mine, source: 'Raadsbesluit 12' })
    t.equal(ok.statusCode, 200)
    t.same(ok.json(), { defaults: mine, source: 'Raadsbesluit 12' })
    t.same((await api({ method: 'GET', url: '/api/v1/reform-defaults', token: lezer })).json(), {
      defaults: mine,
      source: 'Raadsbesluit 12',
    })
    const g2 = (await api({ method: 'GET', url: '/api/v1/reform-assumptions?scheme=szw-g2' })).json().items[0]
    t.match(g2, { treatment: 'continues', fromYear: 2027, origin: 'standaard', standing: 'wet' }, 'the assumptions follow the new defaults')
    const audit = await api({ method: 'GET', url: '/api/v1/audit?entity=setting&id=reports.reform.defaults' })
    t.equal(audit.json().total, 1, 'audited')
  })
  void f
})
