// SiSa routes: the page per year, an indicator's override or reset (setSisaValues, as PUT /api/v1/grants/:id/sisa/:year;
// with htmx only the row is swapped, without JavaScript a form post and redirect) and a new fout/onzekerheid.
import type { FastifyInstance } from 'fastify'
import type { VNode } from 'preact'
import { createFoutOnzekerheid } from '../../../db/repositories/sisa-values.js'
import { getYearDefinitions } from '../../../db/repositories/sisa.js'
import { computeSisa } from '../../../reports/sisa.js'
import { setSisaValues, SisaInputError, type ValueInput } from '../../../reports/sisa-input.js'
import { Problem } from '../../errors.js'
import { sendHtml, webRoute, type WebContext } from '../context.js'
import { FormState } from '../forms.js'
import { CellRow, cellId, GeneralFindings, SisaPage, type CellError } from './sisa.js'
import { grantFor } from './subsidie-routes.js'

const yearOf = (s: string) => {
  if (!/^\d{4}$/.test(s)) throw new Problem(404, 'Niet gevonden', `SiSa ${s} bestaat niet`)
  return Number(s)
}

/**
 * One indicator row as it is now (values, source, findings), for an htmx swap, and the other rows of the same grant
 * (their findings may follow from this value, e.g. a cumulative check); undefined if the cell is not on the page.
 */
function cellFragment(c: WebContext, year: number, grantId: number, cell: string, error?: CellError) {
  const d = computeSisa(c.db, c.org!.id, year)
  const b = d.blocks.find((x) => x.grantId === grantId)
  if (!b) return undefined
  const findings = d.findings.filter((f) => f.grantId === grantId)
  const general = d.findings.filter((f) => !f.indicator)
  let row: VNode | undefined
  const others: VNode[] = []
  for (const ind of b.indicators)
    for (const v of ind.cells) {
      const props = { c, year, b, ind, cell: v, findings }
      if (cellId(b, ind, v) === cell) row = <CellRow {...props} error={error?.message} typed={error?.typed} focus />
      else if (!error) others.push(<CellRow {...props} oob />)
    }
  return row && { row, others, general }
}

export async function sisaPages(app: FastifyInstance): Promise<void> {
  webRoute(app, 'GET', '/sisa', {}, (c) => c.reply.redirect(`/sisa/${Number(c.today.slice(0, 4)) - 1}`, 303))

  webRoute<{ jaar: string }, { melding?: string }>(app, 'GET', '/sisa/:jaar', {}, (c, req) => {
    const year = yearOf(req.params.jaar)
    return <SisaPage c={c} year={year} d={computeSisa(c.db, c.org!.id, year)} notice={req.query.melding} />
  })

  webRoute<{ jaar: string }>(app, 'POST', '/sisa/:jaar/waarde', { role: 'controller' }, (c, req) => {
    const year = yearOf(req.params.jaar)
    const form = FormState.fromBody(req.body)
    const g = grantFor(c, form.value('grant'), 'controller')
    const indicator = form.value('indicator')
    const rowNo = Number(form.value('rowNo')) || 0
    const reset = form.value('actie') === 'herstel'
    const ind = getYearDefinitions(c.db, year)
      ?.regelingen.flatMap((r) => r.indicators.map((i) => ({ ...i, code: `${r.sisaCode}/${i.number}` })))
      .find((i) => i.code === indicator)
    const input: ValueInput = { indicator, rowNo: rowNo || undefined }
    const typed = form.value('value').trim()
    // Amounts are typed in Dutch notation like every amount in Woud's forms; other types go to the domain as typed.
    if (reset || typed === '') input.value = null
    else if (ind?.dataType === 'euro') {
      const cents = form.money('value', { allowNegative: true })
      if (cents !== null) input.valueCents = cents
    } else input.value = typed
    const cell = `cel-${g.id}-${ind?.number ?? ''}-${rowNo}`
    const again = (message: string) => {
      const cellError = { cell, message, typed }
      // htmx: only the row comes back, with the typed value and the message (htmx-config swaps 400 responses).
      const row = c.htmx ? cellFragment(c, year, g.id, cell, cellError)?.row : undefined
      // No such row on the page (a forged indicator): htmx replaces the whole body with the page and its message.
      if (c.htmx && !row) void c.reply.header('hx-retarget', 'body').header('hx-reswap', 'outerHTML')
      return sendHtml(c.reply, row ?? <SisaPage c={c} year={year} d={computeSisa(c.db, c.org!.id, year)} cellError={cellError} />, 400)
    }
    if (!form.ok) return again(form.errors.value)
    try {
      setSisaValues(c.db, c.actor, g.id, year, [input])
    } catch (e) {
      if (e instanceof SisaInputError) return again(e.errors.map((x) => x.message).join(' '))
      throw e
    }
    if (c.htmx) {
      const swap = cellFragment(c, year, g.id, cell)
      if (swap)
        return (
          <>
            {swap.row}
            {/* Out of band, each in a <template>: a <div> may not follow a <tr> in the parser's table mode. */}
            <template>
              <div id="sisa-melding" hx-swap-oob="innerHTML">
                <p class="utrecht-paragraph woud-notice">
                  {reset ? `${indicator}: de vooringevulde waarde is teruggezet.` : `${indicator}: de waarde is opgeslagen.`}
                </p>
              </div>
            </template>
            {swap.others.length > 0 && <template>{swap.others}</template>}
            <template>
              <GeneralFindings findings={swap.general} oob />
            </template>
          </>
        )
    }
    const back = `/sisa/${year}?melding=${reset ? 'hersteld' : 'opgeslagen'}#${cell}`
    // Without JavaScript (or a row that is not on the page): back to the whole page, as after any form.
    if (c.htmx) return c.reply.header('hx-redirect', back).send('')
    return c.reply.redirect(back, 303)
  })

  webRoute<{ jaar: string }>(app, 'POST', '/sisa/:jaar/fouten-onzekerheden', { role: 'controller' }, (c, req) => {
    const year = yearOf(req.params.jaar)
    const form = FormState.fromBody(req.body)
    const sisaCode = (form.text('sisaCode', { required: true, label: 'De uitkeringscode' }) ?? '').toUpperCase()
    const nr = form.text('indicatorNumber')
    const foutCents = form.money('foutCents', { required: true, label: 'De fout' })
    const onzekerheidCents = form.money('onzekerheidCents', { required: true, label: 'De onzekerheid' })
    const reg = getYearDefinitions(c.db, year)?.regelingen.find((r) => r.sisaCode === sisaCode)
    if (sisaCode && !reg) form.error('sisaCode', `Uitkering ${sisaCode} komt niet voor in de SiSa-definities van ${year}.`)
    const indicatorNumber = nr ? nr.padStart(2, '0') : null
    if (reg && indicatorNumber && !reg.indicators.some((i) => i.number === indicatorNumber))
      form.error('indicatorNumber', `Indicator ${sisaCode}/${indicatorNumber} bestaat niet.`)
    if (!form.ok) return sendHtml(c.reply, <SisaPage c={c} year={year} d={computeSisa(c.db, c.org!.id, year)} fo={form} />, 400)
    createFoutOnzekerheid(c.db, c.actor, c.org!.id, year, {
      sisaCode,
      indicatorNumber,
      foutCents: foutCents!,
      onzekerheidCents: onzekerheidCents!,
      toelichting: form.text('toelichting', { max: 2000 }),
    })
    return c.reply.redirect(`/sisa/${year}?melding=opgeslagen#kop-fo`, 303)
  })
}
