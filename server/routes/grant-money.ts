// Lifecycle transitions, money per budget year, payments and co-financing commitments of one grant.
// If-Match is optional here (412 when given and stale): these writes add to the grant rather than overwrite it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayAmsterdam } from '../../db/dates.js'
import { addCommitment, addPayment, checkVersion, grantAccessRow, putGrantYear, transitionGrant } from '../../db/repositories/grants.js'
import { actorOf } from '../access.js'
import { problems } from '../schemas/common.js'
import { CommitmentBody, GrantDetailSchema, PaymentBody, TransitionBody, YearBody, YearSchema } from '../schemas/grants.js'
import { etagOf, grantAccess, ifMatchVersion, sendDetail } from './grant-http.js'

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
const tags = ['grants']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => todayAmsterdam(app.config.now())

  app.post(
    '/api/v1/grants/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a grant along its lifecycle (409 lists the allowed transitions); gewijzigd records an amendment',
        params: IdParams,
        body: TransitionBody,
        response: { 200: GrantDetailSchema, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      transitionGrant(app.db, actorOf(req), req.params.id, { ...req.body, expectedVersion: ifMatchVersion(req) }, { today: today() })
      return sendDetail(reply, app.db, req.params.id)
    },
  )

  app.put(
    '/api/v1/grants/:id/years/:year',
    {
      schema: {
        tags,
        summary: 'Set planned and realised money for one budget year (fields left out keep their value)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
        body: YearBody,
        response: { 200: YearSchema, 201: YearSchema, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      const { year: _ignored, ...figures } = req.body
      const { row, outcome } = putGrantYear(app.db, actorOf(req), req.params.id, req.params.year, figures, {
        expectedVersion: ifMatchVersion(req),
        today: today(),
      })
      const version = grantAccessRow(app.db, req.params.id)!.version
      // The response schema keeps the declared year fields of the row.
      return reply
        .status(outcome === 'created' ? 201 : 200)
        .header('etag', etagOf(version))
        .send(row)
    },
  )

  app.post(
    '/api/v1/grants/:id/payments',
    {
      schema: {
        tags,
        summary: 'Record a voorschot, betaling or terugbetaling',
        params: IdParams,
        body: PaymentBody,
        response: { 201: GrantDetailSchema, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (req, reply) => {
      const g = grantAccess(app.db, req, req.params.id, 'medewerker')
      checkVersion(g, ifMatchVersion(req))
      addPayment(app.db, actorOf(req), req.params.id, req.body)
      return sendDetail(reply, app.db, req.params.id, 201)
    },
  )

  app.post(
    '/api/v1/grants/:id/cofinancing',
    {
      schema: {
        tags,
        summary: 'Add a co-financing commitment (source, amount, reserved in the begroting or not)',
        params: IdParams,
        body: CommitmentBody,
        response: { 201: GrantDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      addCommitment(app.db, actorOf(req), req.params.id, req.body)
      return sendDetail(reply, app.db, req.params.id, 201)
    },
  )
}

export default routes
