// Schemas of the imports area: the multipart upload (documentation only: fields are read from the stream) and the import result.
import { Type } from 'typebox'
import { EnumQuery, Nullable } from './common.js'
import { IMPORT_KIND } from '../../db/enums.js'

/** The kind by its key or the Dutch word users see (`regelingen`, `subsidies`, `realisatie`); routes turn it into the key. */
export const ImportParams = Type.Object({ kind: EnumQuery(IMPORT_KIND) })

export const TemplateQuery = Type.Object({
  org: Type.Optional(Type.String({ description: 'CBS code of the organisation (grants, actuals: the access check of importing it)' })),
  year: Type.Optional(
    Type.Integer({ minimum: 1990, maximum: 2100, description: 'grants: the year of the per-year columns (default this year)' }),
  ),
})

const RowErrorSchema = Type.Object({
  sheet: Nullable(Type.String({ description: 'sheet name; null for text files' })),
  row: Type.Integer({ description: '1-based row as the user sees it in the file; 0 for the file as a whole' }),
  column: Type.String({ description: "column letter and header, e.g. 'D (2024)'" }),
  message: Type.String(),
})

export const ImportResultSchema = Type.Object({
  format: Type.String({ description: "detected source format, e.g. 'woud-catalogue', 'rbv-bijlage', 'verantwoordingslijst'" }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(RowErrorSchema),
  warnings: Type.Array(RowErrorSchema),
  dryRun: Type.Boolean(),
  batchId: Nullable(Type.Integer({ description: 'the recorded import; null for a dry run' })),
  details: Type.Optional(Type.Unknown({ description: 'import-specific report, e.g. the verantwoordingslijst year-on-year differences' })),
})

/**
 * The multipart body, for the OpenAPI document. It has no `type`, so it also validates the (absent) parsed
 * body: the parts are read from the stream in the handler.
 */
export const ImportBody = {
  content: {
    'multipart/form-data': {
      schema: {
        properties: {
          file: { description: 'the file: .xlsx, .csv, .json or .jsonl (the format is detected from the content)' },
          org: {
            type: 'string',
            description: 'CBS code of the organisation (grants, actuals; schemes: the recipient of a verantwoordingslijst)',
          },
          year: { type: 'string', description: 'YYYY (actuals, sisa; the SiSa year of a verantwoordingslijst)' },
          dryRun: { type: 'string', description: "'true' to report what would change without writing" },
          from: {
            type: 'string',
            description: 'actuals: first month of the ledger period (MM or YYYY-MM); with to. Absent: the whole year',
          },
          to: { type: 'string', description: 'actuals: last month of the ledger period' },
          ministry: { type: 'string', description: 'schemes: the ministry of an RBV table that does not name its own (SZW, OCW, ...)' },
          allowSchemeChange: {
            type: 'string',
            description: "grants: 'true' lets a row move an existing grant to another scheme (a warning)",
          },
          map: { type: 'array', items: { type: 'string' }, description: 'FIELD=HEADER, repeatable: which column holds which field' },
          scheme: {
            type: 'array',
            items: { type: 'string' },
            description: 'CODE=SISA, repeatable: the scheme a bijlage block with that SiSa code belongs to',
          },
        },
        required: ['file'],
      },
    },
  },
} as const
