// The outcome of an import (dry run or real) as the user reads it: counts, per-row changes where the importer gives
// them (before → after), every error and warning with its sheet, row and column.
import type { ImportResult } from '../../../importers/types.js'
import { euro } from '../format.js'
import { Alert } from '../layout.js'
import { DataTable } from '../table.js'

type Row = Record<string, unknown>
const FIELD_NL: Record<string, string> = {
  grantId: 'Subsidie',
  year: 'Jaar',
  outcome: 'Uitkomst',
  sheet: 'Tabblad',
  row: 'Rij',
  column: 'Kolom',
  message: 'Melding',
  realisedBatenCents: 'Gerealiseerde baten',
  realisedLastenCents: 'Gerealiseerde lasten',
  action: 'Actie',
  entity: 'Soort',
  key: 'Sleutel',
}

const COUNT_NL = { created: 'Nieuw', updated: 'Gewijzigd', unchanged: 'Ongewijzigd', rejected: 'Afgewezen' } as const
const OUTCOME_NL: Record<string, string> = { created: 'nieuw', updated: 'gewijzigd', unchanged: 'ongewijzigd' }

/** One changed field of one imported record: what the preview shows as "field: before → after". */
export interface FieldChange {
  subject: string
  href?: string
  year?: number
  field: string
  before: unknown
  after: unknown
  outcome: string
}

interface ActualsDetail {
  grantId: number
  year: number
  outcome: string
  before: Row
  after: Row
}
const isActualsDetail = (x: Row): x is Row & ActualsDetail =>
  typeof x.grantId === 'number' && typeof x.year === 'number' && !!x.before && !!x.after && typeof x.before === 'object'

/**
 * Ledger actuals: per grant and year the realised figures that change, before → after (the importer reports the
 * year's figures before and after the write; unchanged rows are only counted).
 */
export function actualsChanges(details: unknown, title: (grantId: number) => string | undefined): FieldChange[] | undefined {
  if (!Array.isArray(details) || !details.length || !details.every((d) => d && typeof d === 'object' && isActualsDetail(d as Row)))
    return undefined
  const out: FieldChange[] = []
  for (const d of details as ActualsDetail[]) {
    if (d.outcome === 'unchanged') continue
    for (const [field, after] of Object.entries(d.after)) {
      // A year that did not exist yet has no earlier value (the importer reports it as 0).
      const before = d.outcome === 'created' ? null : (d.before[field] ?? null)
      if (before === after || (before === null && after === 0)) continue
      out.push({
        subject: title(d.grantId) ?? `Subsidie ${d.grantId}`,
        href: `/subsidies/${d.grantId}`,
        year: d.year,
        field,
        before,
        after,
        outcome: d.outcome,
      })
    }
  }
  return out
}

/** The per-field changes as a table: one row per changed field, with the record and year it belongs to. */
export function FieldChangeTable({ changes, limit = 1000 }: { changes: FieldChange[]; limit?: number }) {
  if (!changes.length) return <p class="utrecht-paragraph">Geen wijzigingen: alle bedragen staan al zo in Woud.</p>
  return (
    <DataTable
      caption={`Wijzigingen per veld${changes.length > limit ? ` (eerste ${limit} van ${changes.length})` : ''}`}
      columns={[
        {
          label: 'Subsidie',
          cell: (x: FieldChange) =>
            x.href ? (
              <a class="utrecht-link" href={x.href}>
                {x.subject}
              </a>
            ) : (
              x.subject
            ),
        },
        { label: 'Jaar', cell: (x) => (x.year === undefined ? '—' : String(x.year)) },
        { label: 'Veld', cell: (x) => FIELD_NL[x.field] ?? x.field },
        { label: 'Voor', cell: (x) => show(x.before, x.field), numeric: true },
        { label: 'Na', cell: (x) => show(x.after, x.field), numeric: true },
        { label: 'Uitkomst', cell: (x) => OUTCOME_NL[x.outcome] ?? x.outcome },
      ]}
      rows={changes.slice(0, limit)}
      rowAttrs={(x) => ({ 'data-field': x.field })}
    />
  )
}

function show(v: unknown, key = ''): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'number' && key.endsWith('Cents')) return euro(v)
  if (typeof v === 'string' && key === 'outcome') return OUTCOME_NL[v] ?? v
  if (typeof v === 'object') {
    const o = v as { before?: unknown; after?: unknown }
    if ('before' in o || 'after' in o) return `${show(o.before, key)} → ${show(o.after, key)}`
    return Array.isArray(v)
      ? v.map((x) => show(x, key)).join(', ')
      : Object.entries(v)
          .map(([k, x]) => `${FIELD_NL[k] ?? k}: ${show(x, k)}`)
          .join('; ')
  }
  return String(v)
}

/** A list of flat records as a table, headed by their keys (the importer decides what a row says). */
function RecordTable({ caption, rows, limit = 500 }: { caption: string; rows: Row[]; limit?: number }) {
  const keys = [...new Set(rows.slice(0, limit).flatMap((r) => Object.keys(r)))]
  return (
    <DataTable
      caption={`${caption}${rows.length > limit ? ` (eerste ${limit} van ${rows.length})` : ''}`}
      columns={keys.map((k) => ({ label: FIELD_NL[k] ?? k, cell: (r: Row) => show(r[k], k) }))}
      rows={rows.slice(0, limit)}
    />
  )
}

const isRecords = (v: unknown): v is Row[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))

/** The importer's own report: one table per list it contains (changes, per-year outcomes, differences). */
function Details({ details }: { details: unknown }) {
  if (isRecords(details)) return <RecordTable caption="Wijzigingen per rij" rows={details} />
  if (!details || typeof details !== 'object') return null
  const lists = Object.entries(details as Row).filter(([, v]) => isRecords(v)) as [string, Row[]][]
  return (
    <>
      {lists.map(([name, rows]) => (
        <RecordTable caption={`Details: ${name}`} rows={rows} />
      ))}
    </>
  )
}

export function ImportPreview({
  label,
  fileName,
  result,
  done,
  grantTitle = () => undefined,
}: {
  label: string
  fileName: string
  result: ImportResult
  done: boolean
  /** The title of a grant by id, to name the grants of per-field changes. */
  grantTitle?: (grantId: number) => string | undefined
}) {
  const r = result as ImportResult & { changes?: unknown }
  const fieldChanges = actualsChanges(r.details, grantTitle)
  const rejected = r.errors.length > 0
  return (
    <>
      {rejected ? (
        <Alert kind="error">
          <p class="utrecht-paragraph">
            {`${r.errors.length} fout(en) in ${fileName}: er is niets opgeslagen. ` + 'Verbeter het bestand en probeer het opnieuw.'}
          </p>
        </Alert>
      ) : (
        <Alert kind={done ? 'ok' : 'info'}>
          <p class="utrecht-paragraph">
            {done ? `${fileName} is ingelezen en opgeslagen.` : `Zo zou ${fileName} worden ingelezen. Er is nog niets opgeslagen.`}
          </p>
        </Alert>
      )}
      <dl class="woud-facts">
        <dt>Soort</dt>
        <dd>{label}</dd>
        <dt>Herkend formaat</dt>
        <dd>{r.format}</dd>
      </dl>
      <DataTable
        caption="Aantallen"
        class="woud-counts"
        columns={(['created', 'updated', 'unchanged', 'rejected'] as const).map((k) => ({
          label: COUNT_NL[k],
          cell: () => String(r[k]),
          cellAttrs: () => ({ 'data-count': k }),
        }))}
        rows={[r]}
      />
      {rejected && (
        <RecordTable
          caption="Fouten"
          rows={r.errors.map((e) => ({ sheet: e.sheet ?? '—', row: e.row || '—', column: e.column || '—', message: e.message }))}
          limit={1000}
        />
      )}
      {r.warnings.length > 0 && (
        <RecordTable
          caption="Waarschuwingen"
          rows={r.warnings.map((e) => ({ sheet: e.sheet ?? '—', row: e.row || '—', column: e.column || '—', message: e.message }))}
        />
      )}
      {isRecords(r.changes) && <RecordTable caption="Wijzigingen per rij" rows={r.changes} />}
      {!rejected && (fieldChanges ? <FieldChangeTable changes={fieldChanges} /> : <Details details={r.details} />)}
    </>
  )
}
