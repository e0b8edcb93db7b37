// Sheets -> xlsx with exceljs's streaming writer. The only place (with importers/read.ts) that touches exceljs.
import type { Writable } from 'node:stream'
import type { SheetSpec } from '../types.js'

/** Write the workbook to a stream (HTTP response, file). Resolves when the stream has all bytes. */
export async function writeWorkbook(_sheets: SheetSpec[], _out: Writable, _meta: { title?: string } = {}): Promise<void> {
  throw new Error('renderer not yet implemented')
}

/** The workbook as a Buffer (tests, small exports). */
export async function renderWorkbook(_sheets: SheetSpec[], _meta: { title?: string } = {}): Promise<Buffer> {
  throw new Error('renderer not yet implemented')
}
