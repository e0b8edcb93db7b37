// SiSa per year (the page; its routes are in sisa-routes.tsx): per uitkering the indicators with their (prefilled) values
// and source, findings next to the indicator they concern, inline override and reset, the tabel fouten en onzekerheden,
// and the appendix as a workbook.
import { aardControleText } from '../../../db/sisa-definitions.js'
import type { CellView, Finding, IndicatorView, SisaBlock, SisaData } from '../../../reports/sisa-types.js'
import type { SisaValue } from '../../../db/repositories/sisa-values.js'
import { can, type WebContext } from '../context.js'
import { euro, euroInput } from '../format.js'
import { ErrorSummary, Field, FormState, PostForm, Submit } from '../forms.js'
import { Alert, Layout, Notice } from '../layout.js'
import { reportUrl } from './report-download.js'
import { DataTable } from '../table.js'

const T = { table: 'utrecht-table woud-table', head: 'utrecht-table__header-cell', cell: 'utrecht-table__cell' }

export function valueText(v: SisaValue | null, _dataType: string): string {
  if (!v) return ''
  if (v.cents !== undefined) return euro(v.cents)
  if (v.bool !== undefined) return v.bool ? 'Ja' : 'Nee'
  if (v.number !== undefined) return String(v.number)
  return v.text ?? ''
}
const inputText = (v: SisaValue | null) =>
  !v
    ? ''
    : v.cents !== undefined
      ? euroInput(v.cents)
      : v.bool !== undefined
        ? v.bool
          ? 'Ja'
          : 'Nee'
        : v.number !== undefined
          ? String(v.number)
          : (v.text ?? '')
const SOURCE_NL = (s: string | null) =>
  !s
    ? 'leeg'
    : s === 'manual'
      ? 'handmatig'
      : s === 'computed'
        ? 'berekend'
        : s.startsWith('prefill')
          ? 'vooringevuld'
          : s.startsWith('import')
            ? 'geïmporteerd'
            : s

/** An id for the cell's form, also the fragment to return to after saving. */
export const cellId = (b: SisaBlock, ind: IndicatorView, cell: CellView) => `cel-${b.grantId}-${ind.number}-${cell.rowNo}`

export function CellRow({
  c,
  year,
  b,
  ind,
  cell,
  findings,
  error,
  typed,
  focus,
  oob,
}: {
  c: WebContext
  year: number
  b: SisaBlock
  ind: IndicatorView
  cell: CellView
  findings: Finding[]
  error?: string
  typed?: string
  /** Swapped in by htmx: focus the input (htmx honours autofocus in swapped content), so the keyboard stays in the row. */
  focus?: boolean
  /** Sent along out of band (hx-swap-oob) to refresh a row whose findings may have changed. */
  oob?: boolean
}) {
  const id = cellId(b, ind, cell)
  const editable = can(c, 'controller') && !ind.formula
  const own = findings.filter((f) => f.indicator === ind.code && (f.rowNo === null || f.rowNo === cell.rowNo))
  return (
    <tr id={id} hx-swap-oob={oob ? 'true' : undefined}>
      <th class={T.head} scope="row">
        {ind.code}
        {cell.rowNo ? ` regel ${cell.rowNo}` : ''}
      </th>
      <td class={T.cell}>
        {ind.label}
        <div class="woud-muted">
          Aard controle {aardControleText(ind.aardControle)}
          {ind.mandatory ? ' · verplicht' : ''}
        </div>
      </td>
      <td class={T.cell}>
        <strong>{valueText(cell.value, ind.dataType)}</strong>
        <div class="woud-sisa-source">
          {SOURCE_NL(cell.source)}
          {cell.explanation ? `: ${cell.explanation}` : ''}
          {cell.source === 'manual' && cell.prefill ? ` (vooringevuld: ${valueText(cell.prefill, ind.dataType)})` : ''}
        </div>
        {own.map((f) => (
          <div class="woud-finding">
            {f.severity === 'fout' ? 'Fout' : f.severity === 'waarschuwing' ? 'Waarschuwing' : 'Info'}: {f.message}
          </div>
        ))}
      </td>
      <td class={T.cell}>
        {editable && (
          <PostForm
            c={c}
            action={`/sisa/${year}/waarde`}
            class="woud-inline-field"
            hx={{ 'hx-post': `/sisa/${year}/waarde`, 'hx-target': `#${id}`, 'hx-swap': 'outerHTML' }}
          >
            <input type="hidden" name="grant" value={String(b.grantId)} />
            <input type="hidden" name="indicator" value={ind.code} />
            <input type="hidden" name="rowNo" value={String(cell.rowNo)} />
            <label class="woud-visually-hidden" for={`${id}-invoer`}>
              Nieuwe waarde {ind.code}
              {cell.rowNo ? ` regel ${cell.rowNo}` : ''}
            </label>
            <input
              class={`utrecht-textbox utrecht-textbox--html-input${error ? ' woud-invalid' : ''}`}
              type="text"
              id={`${id}-invoer`}
              name="value"
              value={typed ?? inputText(cell.value)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-fout` : undefined}
              autofocus={focus}
            />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="opslaan" id={`${id}-opslaan`}>
              Opslaan<span class="woud-visually-hidden"> {ind.code}</span>
            </button>
            {cell.source === 'manual' && cell.prefill && (
              <button class="utrecht-button utrecht-button--subtle" type="submit" name="actie" value="herstel" id={`${id}-herstel`}>
                Terug naar vooringevuld<span class="woud-visually-hidden"> {ind.code}</span>
              </button>
            )}
            {error && (
              <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
                {error}
              </div>
            )}
          </PostForm>
        )}
      </td>
    </tr>
  )
}

export interface CellError {
  cell: string
  message: string
  typed: string
}

export function SisaPage({
  c,
  year,
  d,
  notice,
  cellError,
  fo,
}: {
  c: WebContext
  year: number
  d: SisaData
  notice?: string
  cellError?: CellError
  fo?: FormState
}) {
  const general = d.findings.filter((f) => !f.indicator)
  const years = [year - 2, year - 1, year, year + 1]
  return (
    <Layout c={c} title={`SiSa ${year}`} active="sisa">
      <Notice code={notice} />
      {cellError && !d.blocks.some((b) => b.indicators.some((ind) => ind.cells.some((x) => cellId(b, ind, x) === cellError.cell))) && (
        // A refused value for a cell that is not on the page (an indicator that does not exist): say so at the top.
        <Alert>
          <p class="utrecht-paragraph">Niet opgeslagen: {cellError.message}</p>
        </Alert>
      )}
      {/* Filled by htmx after an inline change (out of band); a live region announces it. */}
      <div id="sisa-melding" role="status" aria-live="polite" />
      <nav aria-label="SiSa-jaar" class="woud-pagination">
        {years.map((y) =>
          y === year ? (
            <strong>{y}</strong>
          ) : (
            <a class="utrecht-link" href={`/sisa/${y}`}>
              SiSa {y}
            </a>
          ),
        )}
      </nav>
      {!d.formatDate && <p class="utrecht-paragraph">Er zijn nog geen SiSa-definities voor {year}. Importeer ze via Importeren.</p>}
      {can(c, 'controller') && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={reportUrl('sisa', year)}>
            Download de SiSa-bijlage {year} (Excel)
          </a>
        </p>
      )}
      <GeneralFindings findings={general} />
      {d.blocks.map((b) => (
        <section aria-labelledby={`kop-subsidie-${b.grantId}`} id={`subsidie-${b.grantId}`}>
          <h2 class="utrecht-heading-2" id={`kop-subsidie-${b.grantId}`}>
            {b.sisaCode} {b.name}
          </h2>
          <p class="utrecht-paragraph">
            Subsidie{' '}
            <a class="utrecht-link" href={`/subsidies/${b.grantId}`}>
              {b.grantTitle}
            </a>
            {b.beschikkingsnummer ? ` · beschikking ${b.beschikkingsnummer}` : ''} · verstrekker {b.verstrekker}
          </p>
          <div class="woud-table-wrap" tabindex={0} role="region" aria-label="Tabel (horizontaal scrollbaar)">
            <table class={T.table}>
              <caption class="woud-visually-hidden">
                Indicatoren {b.sisaCode} voor {b.grantTitle}
              </caption>
              <thead>
                <tr>
                  <th class={T.head} scope="col">
                    Indicator
                  </th>
                  <th class={T.head} scope="col">
                    Omschrijving
                  </th>
                  <th class={T.head} scope="col">
                    Waarde en bron
                  </th>
                  <th class={T.head} scope="col">
                    Wijzigen
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.indicators.flatMap((ind) =>
                  ind.cells.map((cell) => {
                    const id = cellId(b, ind, cell)
                    const err = cellError?.cell === id ? cellError : undefined
                    return (
                      <CellRow
                        c={c}
                        year={year}
                        b={b}
                        ind={ind}
                        cell={cell}
                        findings={d.findings.filter((f) => f.grantId === b.grantId)}
                        error={err?.message}
                        typed={err?.typed}
                      />
                    )
                  }),
                )}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section aria-labelledby="kop-fo">
        <h2 class="utrecht-heading-2" id="kop-fo">
          Tabel fouten en onzekerheden
        </h2>
        {d.foutenOnzekerheden.length ? (
          <DataTable
            caption="Fouten en onzekerheden"
            captionHidden
            rows={d.foutenOnzekerheden}
            columns={[
              { label: 'Uitkering', cell: (f) => f.sisaCode },
              { label: 'Indicator', cell: (f) => f.indicatorNumber ?? '' },
              { label: 'Fout', cell: (f) => euro(f.foutCents), numeric: true },
              { label: 'Onzekerheid', cell: (f) => euro(f.onzekerheidCents), numeric: true },
              {
                label: 'Rapporteringsgrens',
                numeric: true,
                cell: (f) => (
                  <>
                    {euro(f.grensCents)}
                    {f.aboveGrens ? <strong class="woud-finding"> (boven de grens)</strong> : null}
                  </>
                ),
              },
              { label: 'Toelichting', cell: (f) => f.toelichting ?? '' },
            ]}
          />
        ) : (
          <p class="utrecht-paragraph woud-muted">Geen fouten of onzekerheden vastgelegd.</p>
        )}
        {can(c, 'controller') && d.formatDate && (
          <details class="woud-details" open={!!fo}>
            <summary>Fout of onzekerheid toevoegen</summary>
            {fo && <ErrorSummary form={fo} idPrefix="fo" />}
            <PostForm c={c} action={`/sisa/${year}/fouten-onzekerheden`}>
              <div class="woud-form-row">
                <Field form={fo ?? new FormState()} name="sisaCode" label="Uitkeringscode" required idPrefix="fo" />
                <Field form={fo ?? new FormState()} name="indicatorNumber" label="Indicatornummer" idPrefix="fo" />
                <Field form={fo ?? new FormState()} name="foutCents" label="Fout" type="money" required idPrefix="fo" />
                <Field form={fo ?? new FormState()} name="onzekerheidCents" label="Onzekerheid" type="money" required idPrefix="fo" />
              </div>
              <Field form={fo ?? new FormState()} name="toelichting" label="Toelichting" idPrefix="fo" />
              <Submit>Toevoegen</Submit>
            </PostForm>
          </details>
        )}
      </section>
    </Layout>
  )
}

/**
 * The findings that concern no single indicator, at the top of the page. Always rendered (empty when there are none) so
 * that an inline save can refresh it out of band: a value typed in one row may raise or clear one of these.
 */
export function GeneralFindings({ findings, oob }: { findings: Finding[]; oob?: boolean }) {
  return (
    <div id="sisa-bevindingen" hx-swap-oob={oob ? 'true' : undefined}>
      {findings.length > 0 && (
        <section aria-labelledby="kop-bevindingen">
          <h2 class="utrecht-heading-2" id="kop-bevindingen">
            Bevindingen
          </h2>
          <ul class="utrecht-unordered-list">
            {findings.map((f) => (
              <li class="woud-finding">{f.message}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
