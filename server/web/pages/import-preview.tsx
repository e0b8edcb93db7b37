// The outcome of an import (dry run or real) as the user reads it: counts, per-row changes where the importer gives
// them (before → after), every error and warning with its sheet, row and column.
import type { ImportResult } from '../../../importers/types.js'
import { euro } from '../format.js'
import { Alert } from '../layout.js'

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

const OUTCOME_NL: Record<string, string> = { created: 'nieuw', updated: 'gewijzigd', unchanged: 'ongewijzigd' }

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
    <table class="utrecht-table woud-table">
      <caption class="utrecht-table__caption">
        {caption}
        {rows.length > limit ? ` (eerste ${limit} van ${rows.length})` : ''}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {keys.map((k) => (
            <th class="utrecht-table__header-cell" scope="col">
              {FIELD_NL[k] ?? k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.slice(0, limit).map((r) => (
          <tr class="utrecht-table__row">
            {keys.map((k) => (
              <td class="utrecht-table__cell">{show(r[k], k)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
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

export function ImportPreview({ label, fileName, result, done }: { label: string; fileName: string; result: ImportResult; done: boolean }) {
  const r = result as ImportResult & { changes?: unknown }
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
      <table class="utrecht-table woud-table woud-counts">
        <caption class="utrecht-table__caption">Aantallen</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {['Nieuw', 'Gewijzigd', 'Ongewijzigd', 'Afgewezen'].map((h) => (
              <th class="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          <tr class="utrecht-table__row">
            <td class="utrecht-table__cell" data-count="created">
              {r.created}
            </td>
            <td class="utrecht-table__cell" data-count="updated">
              {r.updated}
            </td>
            <td class="utrecht-table__cell" data-count="unchanged">
              {r.unchanged}
            </td>
            <td class="utrecht-table__cell" data-count="rejected">
              {r.rejected}
            </td>
          </tr>
        </tbody>
      </table>
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
      {!rejected && <Details details={r.details} />}
    </>
  )
}
