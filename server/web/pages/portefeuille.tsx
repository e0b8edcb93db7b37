// Portefeuille: the grants of the current organisation, filtered, sorted and paged on the server (listGrants, the same
// query as GET /api/v1/grants), and the current view as a workbook (reports/render, the same renderer as the reports).
import type { FastifyInstance } from 'fastify'
import { STATUS_LABELS } from '../../../db/lifecycle.js'
import { listGrants, type GrantFilter, type GrantListItem } from '../../../db/repositories/grants.js'
import { grantMinistries, SORT_KEYS } from '../../../db/repositories/grant-list.js'
import { GRANT_STATUSES, type GrantStatus } from '../../../db/schema.js'
import { renderWorkbook } from '../../../reports/render/workbook.js'
import type { TableSheet } from '../../../reports/types.js'
import { badRequest } from '../../errors.js'
import { webRoute, type WebContext } from '../context.js'
import { datum, euro } from '../format.js'
import { FormState, SelectField, Field } from '../forms.js'
import { Layout } from '../layout.js'
import { DataTable } from '../table.js'
import type { ComponentChildren } from 'preact'

export const PAGE_SIZE = 50
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface PortfolioQuery {
  status?: string
  regeling?: string
  ministerie?: string
  jaar?: string
  q?: string
  sort?: string
  pagina?: string
}

interface View {
  filter: GrantFilter
  sort: string
  page: number
  year: number
  form: FormState
  /** The choices of the ministry filter: the ministries of this organisation's grants. */
  ministries: string[]
}

function viewOf(c: WebContext, q: PortfolioQuery): View {
  const form = new FormState({
    status: q.status ?? '',
    regeling: q.regeling ?? '',
    ministerie: q.ministerie ?? '',
    jaar: q.jaar ?? '',
    q: q.q ?? '',
  })
  const status = form.oneOf('status', GRANT_STATUSES) as GrantStatus | null
  const ministries = grantMinistries(c.db, [c.org!.id])
  const ministry = form.oneOf('ministerie', ministries)
  const year = form.int('jaar', { min: 2000, max: 2100 })
  const sortKey = (q.sort ?? '').replace(/^-/, '')
  const sort = sortKey in SORT_KEYS ? q.sort! : 'title'
  const page = Math.max(1, Number(/^\d{1,6}$/.test(q.pagina ?? '') ? q.pagina : 1))
  return {
    filter: {
      organisationIds: [c.org!.id],
      status: status ? [status] : undefined,
      schemeCode: form.text('regeling') ?? undefined,
      ministry: ministry ?? undefined,
      year: year ?? undefined,
      q: form.text('q') ?? undefined,
    },
    sort,
    page,
    year: year ?? Number(c.today.slice(0, 4)),
    form,
    ministries,
  }
}

const queryString = (q: PortfolioQuery, over: Partial<PortfolioQuery>) => {
  const all = { ...q, ...over }
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(all)) if (v) p.set(k, v)
  const s = p.toString()
  return s ? `?${s}` : ''
}

const COLUMNS: { key: string; label: string; money?: boolean; cell: (g: GrantListItem) => ComponentChildren }[] = [
  {
    key: 'title',
    label: 'Titel',
    cell: (g) => (
      <a class="utrecht-link" href={`/subsidies/${g.id}`}>
        {g.title}
      </a>
    ),
  },
  { key: 'scheme', label: 'Regeling', cell: (g) => g.scheme },
  { key: 'status', label: 'Status', cell: (g) => STATUS_LABELS[g.status as GrantStatus] },
  { key: 'requestedCents', label: 'Aangevraagd', money: true, cell: (g) => euro(g.requestedCents) },
  { key: 'awardedCents', label: 'Toegekend', money: true, cell: (g) => euro(g.awardedCents) },
  { key: 'periodTo', label: 'Looptijd tot', cell: (g) => datum(g.periodTo) },
  { key: 'spendUntil', label: 'Besteden tot', cell: (g) => datum(g.spendUntil) },
]

function SortHeader({ q, col }: { q: PortfolioQuery; col: (typeof COLUMNS)[number] }) {
  const cur = q.sort ?? 'title'
  const asc = cur === col.key,
    desc = cur === `-${col.key}`
  const next = asc ? `-${col.key}` : col.key
  return (
    <th
      class={`utrecht-table__header-cell${col.money ? ' woud-money' : ''}`}
      scope="col"
      aria-sort={asc ? 'ascending' : desc ? 'descending' : undefined}
    >
      <a class="utrecht-link" href={`/portefeuille${queryString(q, { sort: next, pagina: undefined })}`}>
        {col.label}
        <span class="woud-visually-hidden">, sorteer {asc ? 'aflopend' : 'oplopend'}</span>
        {asc ? ' ▲' : desc ? ' ▼' : ''}
      </a>
    </th>
  )
}

export function PortfolioPage({
  c,
  q,
  v,
  items,
  total,
}: {
  c: WebContext
  q: PortfolioQuery
  v: View
  items: GrantListItem[]
  total: number
}) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const statusOptions = GRANT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))
  return (
    <Layout c={c} title="Portefeuille" active="portefeuille">
      <form
        method="get"
        action="/portefeuille"
        class="woud-filters"
        role="search"
        aria-label="Subsidies filteren"
        hx-get="/portefeuille"
        hx-target="#resultaten"
        hx-select="#resultaten"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <SelectField form={v.form} name="status" label="Status" options={statusOptions} empty="Alle statussen" idPrefix="filter" />
        <Field form={v.form} name="regeling" label="Regeling (code)" idPrefix="filter" />
        <SelectField
          form={v.form}
          name="ministerie"
          label="Ministerie"
          options={v.ministries.map((m) => ({ value: m, label: m }))}
          empty="Alle ministeries"
          idPrefix="filter"
        />
        <Field form={v.form} name="jaar" label="Jaar" type="number" idPrefix="filter" />
        <Field
          form={v.form}
          name="q"
          label="Zoektekst"
          type="search"
          idPrefix="filter"
          description="Titel, kenmerk of beschikkingsnummer"
        />
        {q.sort && <input type="hidden" name="sort" value={q.sort} />}
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          Filteren
        </button>
      </form>
      <div id="resultaten">
        <p class="utrecht-paragraph" role="status">
          {total} subsidies{pages > 1 ? `, pagina ${v.page} van ${pages}` : ''}.{' '}
          <a class="utrecht-link" href={`/portefeuille.xlsx${queryString(q, { pagina: undefined })}`}>
            Download deze selectie als Excel
          </a>
          {c.role && c.role !== 'lezer' ? (
            <>
              {' '}
              ·{' '}
              <a class="utrecht-link" href="/subsidies/nieuw">
                Nieuwe subsidie
              </a>
            </>
          ) : null}
        </p>
        <DataTable
          caption={`Subsidies van ${c.org!.name}`}
          captionHidden
          scroll
          rows={items}
          columns={COLUMNS.map((col) => ({
            label: col.label,
            numeric: col.money,
            cell: col.cell,
            header: () => <SortHeader q={q} col={col} />,
          }))}
        />
        {pages > 1 && (
          <nav class="woud-pagination" aria-label="Paginering">
            {v.page > 1 && (
              <a class="utrecht-link" href={`/portefeuille${queryString(q, { pagina: String(v.page - 1) })}`}>
                Vorige pagina
              </a>
            )}
            <span>
              Pagina {v.page} van {pages}
            </span>
            {v.page < pages && (
              <a class="utrecht-link" href={`/portefeuille${queryString(q, { pagina: String(v.page + 1) })}`}>
                Volgende pagina
              </a>
            )}
          </nav>
        )}
      </div>
    </Layout>
  )
}

export async function portefeuillePages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, PortfolioQuery>(app, 'GET', '/portefeuille', {}, (c, req) => {
    const v = viewOf(c, req.query)
    const { items, total } = v.form.ok
      ? listGrants(c.db, v.filter, { limit: PAGE_SIZE, offset: (v.page - 1) * PAGE_SIZE, sort: v.sort, figuresYear: v.year })
      : { items: [], total: 0 }
    return <PortfolioPage c={c} q={req.query} v={v} items={items} total={total} />
  })

  webRoute<Record<string, string>, PortfolioQuery>(app, 'GET', '/portefeuille.xlsx', {}, async (c, req) => {
    const v = viewOf(c, req.query)
    // A selection with an invalid filter is refused, never silently widened to the whole portfolio.
    if (!v.form.ok)
      throw badRequest(
        'De selectie is ongeldig.',
        Object.entries(v.form.errors).map(([field, message]) => ({ field, message })),
      )
    const { items } = listGrants(c.db, v.filter, { limit: 100_000, offset: 0, sort: v.sort, figuresYear: v.year })
    const sheet: TableSheet = {
      kind: 'table',
      name: 'Portefeuille',
      preamble: [`Subsidieportefeuille ${c.org!.name}`, `Selectie van ${datum(c.today)}`],
      columns: [
        { key: 'id', header: 'Nummer', type: 'integer' },
        { key: 'title', header: 'Titel', type: 'text', width: 40 },
        { key: 'scheme', header: 'Regeling', type: 'text' },
        { key: 'status', header: 'Status', type: 'text' },
        { key: 'beschikkingsnummer', header: 'Beschikkingsnummer', type: 'text' },
        { key: 'requested', header: 'Aangevraagd', type: 'money', total: true },
        { key: 'awarded', header: 'Toegekend', type: 'money', total: true },
        { key: 'periodFrom', header: 'Looptijd van', type: 'date' },
        { key: 'periodTo', header: 'Looptijd tot', type: 'date' },
        { key: 'spendUntil', header: 'Besteden tot', type: 'date' },
        { key: 'plannedBaten', header: `Baten ${v.year} (begroot)`, type: 'money', total: true },
        { key: 'plannedLasten', header: `Lasten ${v.year} (begroot)`, type: 'money', total: true },
      ],
      rows: items.map((g) => ({
        id: g.id,
        title: g.title,
        scheme: g.scheme,
        status: STATUS_LABELS[g.status as GrantStatus],
        beschikkingsnummer: g.beschikkingsnummer,
        requested: g.requestedCents,
        awarded: g.awardedCents,
        periodFrom: g.periodFrom,
        periodTo: g.periodTo,
        spendUntil: g.spendUntil,
        plannedBaten: g.yearFigures?.plannedBatenCents ?? null,
        plannedLasten: g.yearFigures?.plannedLastenCents ?? null,
      })),
      totals: true,
    }
    const buf = await renderWorkbook([sheet], { title: `Portefeuille ${c.org!.name}` })
    return c.reply.type(XLSX).header('content-disposition', `attachment; filename="portefeuille-${c.org!.code}-${c.today}.xlsx"`).send(buf)
  })
}
