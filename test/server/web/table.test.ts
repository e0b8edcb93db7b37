// <DataTable>: the shared table markup (Utrecht classes, caption, scoped headers, amounts right, scroll region).
import t from 'tap'
import { h } from 'preact'
import { render } from 'preact-render-to-string'
import { DataTable, type Column } from '../../../server/web/table.js'

interface R {
  name: string
  cents: number
}
const rows: R[] = [
  { name: 'Eerste <b>', cents: 1 },
  { name: 'Tweede', cents: 2 },
]
const columns: Column<R>[] = [
  { label: 'Naam', cell: (r) => r.name, rowHeader: true },
  { label: 'Bedrag', cell: (r) => `€ ${r.cents}`, numeric: true, cellAttrs: (r) => ({ 'data-cents': String(r.cents) }) },
]

t.test('a captioned table with column and row headers, amounts right, cells escaped', async (t) => {
  const html = render(h(DataTable<R>, { caption: 'Proef', columns, rows }))
  t.match(html, /^<table class="utrecht-table woud-table"><caption class="utrecht-table__caption">Proef<\/caption>/)
  t.match(
    html,
    /<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Naam<\/th>/,
  )
  t.match(html, /<th class="utrecht-table__header-cell woud-money" scope="col">Bedrag<\/th>/)
  t.match(html, /<th class="utrecht-table__header-cell" scope="row">Eerste &lt;b><\/th>/, 'a row header, its text escaped')
  t.match(html, /<td class="utrecht-table__cell woud-money" data-cents="2">€ 2<\/td>/)
  t.equal(html.match(/<tr class="utrecht-table__row">/g)?.length, 3, 'one header row and a row per record')
})

t.test('hidden caption, scroll region, custom header and row attributes', async (t) => {
  const html = render(
    h(DataTable<R>, {
      caption: 'Verborgen',
      captionHidden: true,
      scroll: true,
      id: 'tabel',
      class: 'extra',
      rows,
      rowAttrs: (r) => ({ 'data-naam': r.name }),
      columns: [{ ...columns[0], header: () => h('th', { scope: 'col', 'aria-sort': 'ascending' }, 'Eigen kop') }, columns[1]],
    }),
  )
  t.match(html, /^<div class="woud-table-wrap" tabindex="0" role="region" aria-label="Tabel \(horizontaal scrollbaar\)" id="tabel">/)
  t.match(html, /<table class="utrecht-table woud-table extra"><caption class="woud-visually-hidden">Verborgen<\/caption>/)
  t.match(html, /<th scope="col" aria-sort="ascending">Eigen kop<\/th>/)
  t.match(html, /<tr class="utrecht-table__row" data-naam="Tweede">/)
})
