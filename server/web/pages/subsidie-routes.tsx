// The routes of the Subsidie page and of Nieuwe subsidie: each form is validated whole, written through the same
// repository functions as the API (one transaction each), and shown again with its errors when refused.
import type { FastifyInstance } from 'fastify'
import { DomainError } from '../../../db/errors.js'
import { COFINANCING_SOURCES } from '../../../db/repositories/cofinancing.js'
import { createCustomDeadline, LEGAL_INSTRUMENTS } from '../../../db/repositories/deadlines.js'
import {
  addCommitment,
  addPayment,
  getGrant,
  putGrantYear,
  transitionGrant,
  updateGrant,
  type GrantDetail,
  type GrantFields,
  type YearFigures,
} from '../../../db/repositories/grants.js'
import { TRANSITION_TARGETS, type TransitionTarget } from '../../../db/lifecycle.js'
import type { Role } from '../../../db/repositories/users.js'
import { requireOrgRole } from '../../access.js'
import { Problem } from '../../errors.js'
import { sendHtml, webRoute, type WebContext } from '../context.js'
import { FormState } from '../forms.js'
import { GRANT_FIELDS, GrantPage, YEAR_LABELS, type GrantForms } from './subsidie.js'

type IdParams = { id: string }

/** The grant, if the user has at least `min` in its organisation; otherwise the same 404 page as for a missing one. */
export function grantFor(c: WebContext, idText: string, min: Role): GrantDetail {
  const id = /^\d{1,12}$/.test(idText) ? Number(idText) : NaN
  const g = Number.isSafeInteger(id) ? getGrant(c.db, id) : undefined
  if (!g) throw new Problem(404, 'Niet gevonden', `Subsidie ${idText} bestaat niet`)
  requireOrgRole(c.req, g.organisationId, min, `Subsidie ${idText}`)
  return g
}

export const isStale = (e: unknown) => (e as Error)?.name === 'GrantStaleError' || (e instanceof DomainError && e.kind === 'stale')

/** Re-render the grant page with one form's errors (status 400), or rethrow what is not an input error. */
function refused(c: WebContext, id: string, forms: GrantForms, form: FormState, e?: unknown) {
  if (e !== undefined && !form.absorb(e)) {
    if (isStale(e))
      form.general.push('De subsidie is intussen door iemand anders gewijzigd. Controleer de gegevens en probeer het opnieuw.')
    else throw e
  }
  return sendHtml(c.reply, <GrantPage c={c} g={grantFor(c, id, 'lezer')} forms={forms} />, e !== undefined && isStale(e) ? 409 : 400)
}

export async function subsidiePages(app: FastifyInstance): Promise<void> {
  webRoute<IdParams, { melding?: string; jaar?: string }>(app, 'GET', '/subsidies/:id', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'lezer')
    return <GrantPage c={c} g={g} notice={req.query.melding} yearEdit={Number(req.query.jaar) || undefined} />
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const patch: GrantFields = { title: form.text('title', { required: true, label: 'De titel', max: 300 }) ?? undefined }
    for (const f of GRANT_FIELDS) {
      if (f.name === 'title') continue
      const v =
        f.type === 'money'
          ? form.money(f.name)
          : f.type === 'date'
            ? form.date(f.name)
            : f.type === 'number'
              ? form.int(f.name, { min: 0, max: 100 })
              : form.text(f.name, { max: 4000 })
      ;(patch as Record<string, unknown>)[f.name] = f.name === 'bcfCents' ? (v ?? 0) : v
    }
    patch.nature = form.oneOf('nature', ['incidenteel', 'structureel'] as const, { required: true, label: 'De aard' }) ?? undefined
    const version = Number(form.value('version'))
    if (!form.ok) return refused(c, req.params.id, { fields: form }, form)
    try {
      updateGrant(c.db, c.actor, g.id, patch, Number.isInteger(version) ? version : -1, { today: c.today })
    } catch (e) {
      // A concurrent edit: show both versions, keep what the user typed, never overwrite silently.
      if (isStale(e))
        return sendHtml(
          c.reply,
          <GrantPage c={c} g={getGrant(c.db, g.id)!} forms={{ fields: form }} conflict={{ mine: form, current: getGrant(c.db, g.id)! }} />,
          409,
        )
      return refused(c, req.params.id, { fields: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=opgeslagen`, 303)
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id/status', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const to = form.oneOf('to', TRANSITION_TARGETS, { required: true, label: 'De nieuwe status' }) as TransitionTarget | null
    const on = form.date('on', { required: true, label: 'De datum' })
    const amountCents = form.money('amountCents')
    const beschikkingsnummer = form.text('beschikkingsnummer', { max: 200 })
    const note = form.text('note', { max: 2000 })
    if (!form.ok || !to || !on) return refused(c, req.params.id, { status: form }, form)
    try {
      transitionGrant(
        c.db,
        c.actor,
        g.id,
        { to, on, amountCents, beschikkingsnummer, note, expectedVersion: Number(form.value('version')) || undefined },
        { today: c.today },
      )
    } catch (e) {
      return refused(c, req.params.id, { status: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=status`, 303)
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id/jaren', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const year = form.int('year', { required: true, label: 'Het jaar', min: 1990, max: 2100 })
    const figures: YearFigures = {}
    for (const k of Object.keys(YEAR_LABELS)) {
      const v = form.money(k, { allowNegative: k.startsWith('realised') || k === 'cofinancingRealisedCents' })
      if (v !== null) (figures as Record<string, number>)[k] = v
    }
    if (!form.ok || year === null) return refused(c, req.params.id, { year: form }, form)
    try {
      putGrantYear(c.db, c.actor, g.id, year, figures, { today: c.today })
    } catch (e) {
      return refused(c, req.params.id, { year: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=opgeslagen#kop-jaren`, 303)
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id/betalingen', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const kind = form.oneOf('kind', ['voorschot', 'betaling', 'terugbetaling'] as const, { required: true, label: 'De soort' })
    const paidOn = form.date('paidOn', { required: true })
    const amountCents = form.money('amountCents', { required: true })
    const reference = form.text('reference', { max: 200 })
    if (!form.ok || !kind || !paidOn || amountCents === null) return refused(c, req.params.id, { payment: form }, form)
    try {
      addPayment(c.db, c.actor, g.id, { kind, paidOn, amountCents, reference })
    } catch (e) {
      return refused(c, req.params.id, { payment: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=opgeslagen#kop-betalingen`, 303)
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id/cofinanciering', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const source = form.oneOf('source', COFINANCING_SOURCES, { required: true, label: 'De bron' })
    const year = form.int('year', { min: 1990, max: 2100 })
    const amountCents = form.money('amountCents', { required: true })
    const reserved = form.oneOf('reservedInBegroting', ['ja', 'nee'] as const, { required: true })
    const description = form.text('description', { max: 2000 })
    if (!form.ok || !source || amountCents === null) return refused(c, req.params.id, { commitment: form }, form)
    try {
      addCommitment(c.db, c.actor, g.id, { source, year, amountCents, reservedInBegroting: reserved === 'ja', description })
    } catch (e) {
      return refused(c, req.params.id, { commitment: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=opgeslagen#kop-cofinanciering`, 303)
  })

  webRoute<IdParams>(app, 'POST', '/subsidies/:id/deadlines', {}, (c, req) => {
    const g = grantFor(c, req.params.id, 'medewerker')
    const form = FormState.fromBody(req.body)
    const title = form.text('title', { required: true, label: 'De omschrijving', max: 300 })
    const date = form.date('date', { required: true })
    const legalInstrument = form.oneOf('legalInstrument', LEGAL_INSTRUMENTS, { required: true })
    if (!form.ok || !title || !date || !legalInstrument) return refused(c, req.params.id, { deadline: form }, form)
    try {
      createCustomDeadline(c.db, c.actor, g.id, { title, date, legalInstrument })
    } catch (e) {
      return refused(c, req.params.id, { deadline: form }, form, e)
    }
    return c.reply.redirect(`/subsidies/${g.id}?melding=opgeslagen#kop-deadlines`, 303)
  })
}
