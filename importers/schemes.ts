// The 'schemes' import kind: detects the Woud catalogue, a departmental Bijlage specifieke uitkeringen or a
// verantwoordingslijst from the content and hands the file to that importer.
import { matchHeaders, type RowError } from './cells.js'
import { detectSchemesFormat, type SchemesFormat } from './detect.js'
import { applyRbv, prepareRbv, type RbvData } from './rbv-bijlage.js'
import { prepareVerantwoordingslijst, type VlData } from './verantwoordingslijst.js'
import { applyVerantwoordingslijst } from './verantwoordingslijst-apply.js'
import { applyCatalogue, CATALOGUE_REQUIRED, CATALOGUE_SYNONYMS, prepareCatalogueRecords, prepareCatalogueSheets, type CatalogueData } from './woud-catalogue.js'
import type { ImportKind } from './types.js'

export type SchemesData =
  | { format: 'woud-catalogue'; catalogue: CatalogueData }
  | { format: 'rbv-bijlage'; rbv: RbvData }
  | { format: 'verantwoordingslijst'; list: VlData | null }

export const schemesImport: ImportKind<SchemesData | null> = {
  kind: 'schemes',
  prepare(db, file, req) {
    const errors: RowError[] = []
    const warnings: RowError[] = []
    const detected = detectSchemesFormat(file, req.map)
    if ('error' in detected) return { format: 'unknown', errors: [detected.error], warnings, data: null }
    warnings.push(...detected.skipped)
    const format: SchemesFormat = detected.format
    // --org names the recipient of a verantwoordingslijst; with any other file it would let an
    // organisation's controller change the shared catalogue.
    if (req.orgCode && format === 'woud-catalogue' && file.sheets.length && !detected.sheets.some((sh) => matchHeaders(sh.rows, CATALOGUE_SYNONYMS, CATALOGUE_REQUIRED, req.map)?.missing.length === 0)) {
      // With --org the user means a verantwoordingslijst; columns that half look like a catalogue do not change that.
      const list = prepareVerantwoordingslijst(db, detected.sheets, req, errors, warnings)
      return { format: 'verantwoordingslijst', errors, warnings, data: { format: 'verantwoordingslijst', list }, organisationId: list?.organisationId }
    }
    if (req.orgCode && format !== 'verantwoordingslijst') {
      errors.push({ sheet: null, row: 0, column: '', message: `--org hoort alleen bij een verantwoordingslijst; dit bestand is een ${format}. Laat --org weg.` })
      return { format, errors, warnings, data: null }
    }
    if (format === 'woud-catalogue') {
      const catalogue = file.kind === 'json' || file.kind === 'jsonl'
        ? prepareCatalogueRecords(file, errors, warnings)
        : prepareCatalogueSheets(detected.sheets, req.map ?? {}, errors, warnings)
      return { format, errors, warnings, data: { format, catalogue } }
    }
    if (format === 'rbv-bijlage') return { format, errors, warnings, data: { format, rbv: prepareRbv(db, detected.sheets, errors, warnings) } }
    const list = prepareVerantwoordingslijst(db, detected.sheets, req, errors, warnings)
    return { format, errors, warnings, data: { format, list }, organisationId: list?.organisationId }
  },
  apply(db, prepared, who, batchId) {
    const data = prepared.data!
    if (data.format === 'woud-catalogue') return applyCatalogue(db, data.catalogue, who)
    if (data.format === 'rbv-bijlage') return applyRbv(db, data.rbv, who)
    return applyVerantwoordingslijst(db, data.list!, who, batchId)
  },
}
