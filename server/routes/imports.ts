// POST /api/v1/imports/:kind (docs/api.md): a multipart upload run through the all-or-nothing import runner.
// 200 with the import result; 422 (a problem document that also carries the result) when rejected; 413 above the cap.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { runImport } from '../../importers/index.js'
import { isTemplateKind, TEMPLATE_KINDS, templateWorkbook } from '../../importers/templates.js'
import { parseMap, parseMinistry, parsePeriod, parseSchemeFor } from '../../importers/options.js'
import { actorOf, requireAnyRole, requireOrganisation } from '../access.js'
import { importAccess, ImportOptionMissing } from '../../importers/permissions.js'
import { todayAmsterdam } from '../../db/dates.js'
import { IMPORT_KIND, parseEnum } from '../../db/enums.js'
import { badRequest, Problem } from '../errors.js'
import { problems } from '../schemas/common.js'
import { ImportBody, ImportParams, ImportResultSchema, TemplateQuery } from '../schemas/imports.js'

interface Upload {
  bytes: Buffer
  fileName: string
  org?: string
  year?: number
  dryRun: boolean
  map: Record<string, string>
  schemeFor: Record<string, string>
  allowSchemeChange: boolean
  ministry?: string
  period?: { from: number; to: number }
}

const FIELDS = new Set(['org', 'year', 'dryRun', 'map', 'scheme', 'allowSchemeChange', 'ministry', 'from', 'to'])

async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new Problem(415, 'Verkeerd formaat', 'Stuur het bestand als multipart/form-data in het veld "file".')
  let file: { bytes: Buffer; fileName: string } | undefined
  const fields: Record<string, string[]> = {}
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      // toBuffer() throws FST_REQ_FILE_TOO_LARGE above the multipart fileSize limit: a 413 from the error handler.
      const bytes = await part.toBuffer()
      if (part.fieldname !== 'file') throw badRequest(`onbekend bestandsveld '${part.fieldname}'; gebruik "file"`)
      file = { bytes, fileName: part.filename || 'upload' }
    } else {
      if (!FIELDS.has(part.fieldname))
        throw badRequest(`onbekend veld '${part.fieldname}'`, [{ field: part.fieldname, message: 'onbekend veld' }])
      ;(fields[part.fieldname] ??= []).push(String(part.value))
    }
  }
  if (!file) throw badRequest('het veld "file" met het bestand ontbreekt', [{ field: 'file', message: 'verplicht veld ontbreekt' }])
  const one = (k: string) => {
    if ((fields[k]?.length ?? 0) > 1)
      throw badRequest(`veld '${k}' staat er meer dan één keer`, [{ field: k, message: 'één waarde verwacht' }])
    const v = fields[k]?.[0]?.trim()
    return v === '' ? undefined : v
  }
  const yearText = one('year')
  const year = yearText === undefined ? undefined : /^\d{4}$/.test(yearText) && +yearText >= 1990 && +yearText <= 2100 ? +yearText : NaN
  if (Number.isNaN(year)) throw badRequest(`year '${yearText}' is geen jaartal`, [{ field: 'year', message: 'jaartal JJJJ verwacht' }])
  const flag = (k: string) => {
    const text = (one(k) ?? 'false').toLowerCase()
    if (!['true', 'false', '1', '0', 'ja', 'nee'].includes(text))
      throw badRequest(`${k} '${text}' is geen true of false`, [{ field: k, message: 'true of false' }])
    return ['true', '1', 'ja'].includes(text)
  }
  const dryRun = flag('dryRun')
  const allowSchemeChange = flag('allowSchemeChange')
  const parsed = parseMap(fields.map)
  if ('error' in parsed) throw badRequest(`map ${parsed.error}`, [{ field: 'map', message: 'VELD=KOLOMKOP' }])
  const schemeFor = parseSchemeFor(fields.scheme)
  if ('error' in schemeFor) throw badRequest(`scheme ${schemeFor.error}`, [{ field: 'scheme', message: 'CODE=SISA' }])
  const ministry = parseMinistry(one('ministry'))
  if ('error' in ministry) throw badRequest(`ministry ${ministry.error}`, [{ field: 'ministry', message: 'onbekend ministerie' }])
  const period = parsePeriod(one('from'), one('to'), year)
  if ('error' in period) throw badRequest(period.error.replace(/--/g, ''), [{ field: 'from', message: 'maand MM of JJJJ-MM' }])
  return {
    ...file,
    period: period.period,
    ministry: ministry.ministry,
    org: one('org'),
    year,
    dryRun,
    map: parsed.map,
    schemeFor: schemeFor.map,
    allowSchemeChange,
  }
}

/** Who may import what: the one rule in importers/permissions.ts, answered as HTTP problems. */
function authorise(req: FastifyRequest, kind: string, org: string | undefined, year?: number, template = false): void {
  let access
  try {
    access = importAccess(kind, { org, year }, template)
  } catch (e) {
    if (e instanceof ImportOptionMissing) throw badRequest(e.message, [{ field: e.field, message: 'verplicht veld ontbreekt' }])
    throw e
  }
  if (access.scope === 'organisation') requireOrganisation(req, access.org, access.role)
  else requireAnyRole(req, access.role)
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a file, all or nothing',
        description:
          'Multipart field "file" plus org, year, dryRun and map (repeatable FIELD=HEADER). schemes: the Woud catalogue, a departmental ' +
          'Bijlage specifieke uitkeringen (RBV model 1.37) or, with org and year, a verantwoordingslijst; grants, actuals: org required; sisa: year; ' +
          'sisa-waarden (a filled SiSa appendix: the values of one year): org and year, map CODE=BESCHIKKINGSNUMMER picks the grant when ' +
          'several share a SiSa code. Who may import what: importers/permissions.ts. ' +
          '422 when any row is rejected: nothing is written and errors[] lists every problem with sheet, row and column.',
        consumes: ['multipart/form-data'],
        params: ImportParams,
        body: ImportBody,
        response: { 200: ImportResultSchema, ...problems(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req) => {
      const kind = parseEnum(IMPORT_KIND, req.params.kind, 'params.kind')
      const up = await readUpload(req)
      authorise(req, kind, up.org, up.year)
      const result = await runImport(
        app.db,
        {
          kind,
          fileName: up.fileName,
          bytes: up.bytes,
          orgCode: up.org,
          year: up.year,
          dryRun: up.dryRun,
          map: up.map,
          schemeFor: up.schemeFor,
          who: actorOf(req),
          allowSchemeChange: up.allowSchemeChange,
          ministry: up.ministry,
          period: up.period,
          today: todayAmsterdam(app.config.now()),
        },
        app.config.uploadMaxBytes,
      )
      if (result.errors.length) {
        const { errors, ...rest } = result
        throw new Problem(422, 'Import afgewezen', `${errors.length} fout(en); er is niets opgeslagen.`, errors, rest)
      }
      return result
    },
  )

  app.get(
    '/api/v1/imports/:kind/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'An empty workbook to fill in for this import',
        description:
          `The headers Woud expects (a filled template imports without map), a sheet 'Toelichting' explaining each column, and list ` +
          `validation for fixed values. Same access as importing that kind (grants, actuals: org required). Kinds: ${TEMPLATE_KINDS.join(', ')}.`,
        params: ImportParams,
        querystring: TemplateQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const kind = parseEnum(IMPORT_KIND, req.params.kind, 'params.kind')
      const org = req.query.org?.trim() || undefined
      authorise(req, kind, org, undefined, true)
      if (!isTemplateKind(kind)) throw badRequest(`geen sjabloon voor '${kind}' (kies uit ${TEMPLATE_KINDS.join(', ')})`)
      const year = req.query.year ?? Number(todayAmsterdam(app.config.now()).slice(0, 4))
      const bytes = await templateWorkbook(kind, year)
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="woud-sjabloon-${kind}.xlsx"`)
        .send(bytes)
    },
  )
}

export default routes
