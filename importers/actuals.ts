// The 'actuals' import kind. Filled in by the issue that builds this import; until then it refuses every file.
import type { ImportKind } from './types.js'

export const actualsImport: ImportKind = {
  kind: 'actuals',
  prepare: () => ({ format: 'unknown', errors: [{ sheet: null, row: 0, column: '', message: 'deze import is nog niet beschikbaar' }], warnings: [], data: null }),
  apply: () => ({ created: 0, updated: 0, unchanged: 0 }),
}
