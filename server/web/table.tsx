// <DataTable>: the one markup for a data table (Utrecht table classes, a caption, column headers with scope, amounts
// aligned right, optionally in a focusable scroll region), so pages describe columns instead of repeating <table> markup.
import type { ComponentChildren, JSX } from 'preact'

export interface Column<T> {
  /** Header text (also what a screen reader announces for each cell). */
  label: ComponentChildren
  /** The cell's content for one row. */
  cell: (row: T, index: number) => ComponentChildren
  /** Amounts and other numbers: aligned right (woud-money). */
  numeric?: boolean
  /** A header cell of its own (e.g. a sort link with aria-sort); replaces the plain <th>. */
  header?: () => JSX.Element
  /** This column heads its row: <th scope="row"> instead of <td>. */
  rowHeader?: boolean
  /** Extra attributes of each cell (e.g. data-count for tests and scripts). */
  cellAttrs?: (row: T) => Record<string, string>
}

export interface DataTableProps<T> {
  caption: ComponentChildren
  /** Keep the caption for screen readers only (the page already has a visible heading). */
  captionHidden?: boolean
  columns: Column<T>[]
  rows: readonly T[]
  /** Wrap in a keyboard-focusable, horizontally scrolling region (wide tables). */
  scroll?: boolean
  id?: string
  class?: string
  rowAttrs?: (row: T) => Record<string, string | undefined>
}

const TH = 'utrecht-table__header-cell'
const TD = 'utrecht-table__cell'
const withMoney = (base: string, numeric?: boolean) => (numeric ? `${base} woud-money` : base)

export function DataTable<T>({ caption, captionHidden, columns, rows, scroll, id, class: cls, rowAttrs }: DataTableProps<T>) {
  const table = (
    <table class={`utrecht-table woud-table${cls ? ` ${cls}` : ''}`} id={scroll ? undefined : id}>
      <caption class={captionHidden ? 'woud-visually-hidden' : 'utrecht-table__caption'}>{caption}</caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {columns.map((col) =>
            col.header ? (
              col.header()
            ) : (
              <th class={withMoney(TH, col.numeric)} scope="col">
                {col.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rows.map((row, i) => (
          <tr class="utrecht-table__row" {...(rowAttrs?.(row) ?? {})}>
            {columns.map((col) =>
              col.rowHeader ? (
                <th class={withMoney(TH, col.numeric)} scope="row" {...(col.cellAttrs?.(row) ?? {})}>
                  {col.cell(row, i)}
                </th>
              ) : (
                <td class={withMoney(TD, col.numeric)} {...(col.cellAttrs?.(row) ?? {})}>
                  {col.cell(row, i)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
  if (!scroll) return table
  return (
    <div class="woud-table-wrap" tabindex={0} role="region" aria-label="Tabel (horizontaal scrollbaar)" id={id}>
      {table}
    </div>
  )
}
