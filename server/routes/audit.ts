// The audit trail over HTTP: GET /api/v1/audit?entity=&id= shows the history of one record, to whoever may
// read that record. Read-only: no route updates or deletes audit rows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { listAudit, type AuditEntry } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { grantAccessRow } from '../../db/repositories/grants.js'
import { principalOf, requireOrgRole } from '../access.js'
import { invalid, notFound } from '../../db/errors.js'
import { ListOf, problems } from '../schemas/common.js'
import { AuditEntrySchema, AuditQuery } from '../schemas/grants.js'

const grantOrg = (db: Db, id: string) => (/^\d+$/.test(id) ? grantAccessRow(db, Number(id))?.organisationId : undefined)

/** The organisation a history belongs to, from the record itself or (for a deleted one) from its rows. */
function organisationOf(db: Db, entity: string, id: string, rows: AuditEntry[]): number | 'public' | undefined {
  if (entity === 'scheme') return 'public'
  if (entity === 'organisation') return findOrganisation(db, id)?.id
  if (entity === 'grant') {
    const org = grantOrg(db, id)
    if (org !== undefined) return org
  }
  for (const r of rows) {
    for (const side of [r.after, r.before]) {
      const o = side as Record<string, unknown> | null
      if (o && typeof o.organisationId === 'number') return o.organisationId
      if (o && typeof o.grantId === 'number') {
        const org = grantOrg(db, String(o.grantId))
        if (org !== undefined) return org
      }
    }
  }
  return undefined
}

function authorise(db: Db, req: FastifyRequest, entity: string, id: string, rows: AuditEntry[]): void {
  if (principalOf(req).isAdmin) return
  const org = organisationOf(db, entity, id, rows)
  if (org === 'public') return
  if (org === undefined) throw notFound(`Historie van ${entity} ${id} bestaat niet`)
  requireOrgRole(req, org, 'lezer', `Historie van ${entity} ${id}`)
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'History of one record (entity = grant, organisation, scheme, ...; id = its id or code), oldest first. ' +
          'Without entity and id: the whole trail, operators only.',
        querystring: AuditQuery,
        response: { 200: ListOf(AuditEntrySchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { entity, id, limit = 100, offset = 0 } = req.query
      if (!principalOf(req).isAdmin && (!entity || !id)) {
        throw invalid('Geef entity en id op: de historie van één record.', [
          { field: entity ? 'querystring.id' : 'querystring.entity', message: 'verplicht' },
        ])
      }
      const page = listAudit(app.db, { entity, entityId: id }, limit, offset)
      if (entity && id) authorise(app.db, req, entity, id, page.items)
      return page
    },
  )
}

export default routes
