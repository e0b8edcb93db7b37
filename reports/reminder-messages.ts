// The text of a reminder, in Dutch, as plain text and HTML: no images, no tracking, links only into Woud itself.
import { DateTime } from 'luxon'
import { formatDateNl } from '../db/dates.js'
import type { Deadline } from './deadlines.js'
import type { PlannedReminder } from './reminders.js'

/** What the recipient has to do, per kind of deadline. */
export const NEEDED_NL: Record<string, string> = {
  'window-close': 'aanvraag indienen vóór het venster sluit',
  spend: 'middelen besteden vóór het einde van de bestedingstermijn (of tijdig uitstel aanvragen)',
  sisa: 'SiSa-waarden invullen en met de jaarstukken aanleveren bij het CBS',
  eindverantwoording: 'SiSa-waarden invullen met Eindverantwoording = Ja',
  jaarrekening: 'jaarrekening vaststellen en toezenden',
  begroting: 'begroting vaststellen en toezenden',
}
const neededFor = (d: Deadline) => NEEDED_NL[d.kind] ?? (d.custom ? 'de eigen deadline afhandelen' : 'afhandelen vóór de deadline')

/** Web pages of Woud the messages link to (the web application serves them under PUBLIC_URL). */
export const grantPath = (id: number) => `/subsidies/${id}`
export const PREFERENCES_PATH = '/instellingen/herinneringen'

export interface ComposedMessage {
  subject: string
  text: string
  html: string
}

const longDate = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).setLocale('nl').toFormat('cccc d LLLL yyyy')
const days = (n: number) => (n === 1 ? '1 dag' : `${n} dagen`)

function when(d: Deadline): string {
  if (d.daysLeft > 0) return `nog ${days(d.daysLeft)}`
  if (d.daysLeft === 0) return 'vandaag'
  return `${days(-d.daysLeft)} verlopen`
}

/** The facts of one deadline as label/value lines; links are absolute URLs or absent. */
function facts(d: Deadline, base: string | null): [string, string][] {
  const lines: [string, string][] = [
    ['Deadline', d.title],
    ['Datum', `${longDate(d.date)} (${formatDateNl(d.date)}, ${when(d)})`],
  ]
  if (d.nominalDate !== d.date) {
    lines.push([
      'Oorspronkelijke datum',
      `${longDate(d.nominalDate)} (${formatDateNl(d.nominalDate)}); ` +
        `verschoven door de Algemene termijnenwet (${d.shiftReason ?? 'geen werkdag'})`,
    ])
  }
  if (d.grantTitle) lines.push(['Subsidie', d.grantTitle])
  if (d.schemeName) lines.push(['Regeling', `${d.schemeName}${d.schemeCode ? ` (${d.schemeCode})` : ''}`])
  lines.push(['Wat is nodig', neededFor(d)])
  if (d.description) lines.push(['Toelichting', d.description])
  if (base && d.grantId !== null) lines.push(['Bekijk in Woud', base + grantPath(d.grantId)])
  return lines
}

function subjectOf(p: PlannedReminder): string {
  const d = p.deadlines[0]
  if (p.kind === 'digest') return `Woud: weekoverzicht deadlines ${p.organisation.name} (${p.deadlines.length})`
  if (p.kind === 'overdue') return `Woud: deadline verlopen op ${formatDateNl(d.date)}: ${d.title}`
  return `Woud: nog ${days(d.daysLeft)} tot ${formatDateNl(d.date)}: ${d.title}`
}

function intro(p: PlannedReminder): string {
  const hello = p.recipient.name ? `Beste ${p.recipient.name},` : 'Beste collega,'
  if (p.kind === 'digest') {
    const overdue = p.deadlines.filter((d) => d.state === 'overdue').length
    return (
      `${hello}\n\nDit is het weekoverzicht van ${p.organisation.name} (${p.organisation.code}): ${p.deadlines.length} ` +
      `deadline(s) in de komende periode${overdue ? `, waarvan ${overdue} verlopen` : ''}.`
    )
  }
  if (p.kind === 'overdue') return `${hello}\n\nDeze deadline van ${p.organisation.name} is verlopen en nog niet als afgerond gemarkeerd.`
  return `${hello}\n\nHerinnering: over ${days(p.deadlines[0].daysLeft)} verloopt deze deadline van ${p.organisation.name}.`
}

function footer(p: PlannedReminder, base: string | null): string {
  const why =
    p.recipient.role === 'mailbox'
      ? `Je ontvangt dit bericht omdat dit adres de financiële mailbox van ${p.organisation.name} is in Woud. ` +
        'Een beheerder van de organisatie wijzigt dit adres of wat het ontvangt.'
      : `Je ontvangt dit bericht als eigenaar of volger van een subsidie van ${p.organisation.name} in Woud.`
  const api =
    p.recipient.role === 'mailbox'
      ? `PUT /api/v1/organisations/${p.organisation.code}/reminders {"financeMailbox": "...", "financeMode": "digest" | "lead" | "none"}`
      : `PUT /api/v1/organisations/${p.organisation.code}/reminders/preference {"mode": "digest" | "lead" | "none"}`
  const how = base
    ? `\nVoorkeuren wijzigen (weekoverzicht, herinneringen of niets): ${base}${PREFERENCES_PATH}`
    : `\nVoorkeuren wijzigen (weekoverzicht, herinneringen of niets): in Woud onder Herinneringen, of met ${api}.`
  return `${why}${how}`
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const cell = (label: string, value: string) => {
  const v = /^https?:\/\//.test(value) ? `<a href="${escape(value)}">${escape(value)}</a>` : escape(value)
  return `<tr><th align="left" valign="top" style="padding-right:1em">${escape(label)}</th><td>${v}</td></tr>`
}
const paragraphs = (s: string) =>
  s
    .split('\n')
    .filter((l) => l)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('\n')
const linkify = (html: string) => html.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')

/** Subject, plain text and HTML of a planned reminder; `publicUrl` (no trailing slash) adds links into Woud. */
export function composeReminder(p: PlannedReminder, publicUrl: string | null): ComposedMessage {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : null
  const blocks = p.deadlines.map((d) => facts(d, base))
  const text = [intro(p), ...blocks.map((b) => b.map(([k, v]) => `${k}: ${v}`).join('\n')), '--', footer(p, base)].join('\n\n') + '\n'
  const html = [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><title>' + escape(subjectOf(p)) + '</title></head><body>',
    paragraphs(intro(p)),
    ...blocks.map((b) => `<table>${b.map(([k, v]) => cell(k, v)).join('')}</table><hr>`),
    `<p style="color:#555">${linkify(escape(footer(p, base))).replace(/\n/g, '<br>')}</p>`,
    '</body></html>',
  ].join('\n')
  return { subject: subjectOf(p), text, html }
}
