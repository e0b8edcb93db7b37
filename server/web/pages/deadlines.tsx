// Deadlines: the list of the current organisation with filters and states (listDeadlines, as the API), mark done and
// reopen (markDeadlineDone / reopenDeadline), and a calendar-feed link to paste into Outlook (a revocable feed token).
import type { FastifyInstance } from 'fastify'
import { addDays, nowInstant } from '../../../db/dates.js'
import { markDeadlineDone, reopenDeadline } from '../../../db/repositories/deadlines.js'
import { createToken } from '../../../db/repositories/users.js'
import {
  findDeadline,
  KIND_NL,
  listDeadlines,
  organisationOfKey,
  STATE_NL,
  STATES,
  type Deadline,
  type DeadlineState,
} from '../../../reports/deadlines.js'
import { Problem } from '../../errors.js'
import { can, webRoute, type WebContext } from '../context.js'
import { datum } from '../format.js'
import { Field, FormState, PostForm, SelectField } from '../forms.js'
import { Layout, Notice } from '../layout.js'
import { DataTable } from '../table.js'

type Q = { van?: string; tot?: string; status?: string; soort?: string; melding?: string }

function DeadlinesPage({ c, q, form, items, feedUrl }: { c: WebContext; q: Q; form: FormState; items: Deadline[]; feedUrl?: string }) {
  const kept = Object.entries(q).filter(([k, v]) => v && k !== 'melding') as [string, string][]
  const back = `/deadlines${kept.length ? '?' + new URLSearchParams(kept).toString() : ''}`
  return (
    <Layout c={c} title="Deadlines" active="deadlines">
      <Notice code={q.melding} />
      <form
        method="get"
        action="/deadlines"
        class="woud-filters"
        role="search"
        aria-label="Deadlines filteren"
        hx-get="/deadlines"
        hx-target="#deadlines-lijst"
        hx-select="#deadlines-lijst"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <Field form={form} name="van" label="Van" type="date" idPrefix="filter" />
        <Field form={form} name="tot" label="Tot en met" type="date" idPrefix="filter" />
        <SelectField
          form={form}
          name="status"
          label="Status"
          idPrefix="filter"
          empty="Alle"
          options={STATES.map((s) => ({ value: s, label: STATE_NL[s] }))}
        />
        <SelectField
          form={form}
          name="soort"
          label="Soort"
          idPrefix="filter"
          empty="Alle"
          options={Object.entries(KIND_NL).map(([value, label]) => ({ value, label }))}
        />
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          Filteren
        </button>
      </form>
      <div id="deadlines-lijst">
        <p class="utrecht-paragraph" role="status">
          {items.length} deadlines.
        </p>
        <div class="woud-table-wrap" tabindex={0} role="region" aria-label="Tabel (horizontaal scrollbaar)">
          <DataTable
            caption="Deadlines"
            captionHidden
            rows={items}
            columns={[
              {
                label: 'Datum',
                cell: (d) => (
                  <>
                    {datum(d.date)}
                    {d.shiftReason ? <div class="woud-muted">{`nominaal ${datum(d.nominalDate)}: ${d.shiftReason}`}</div> : null}
                  </>
                ),
              },
              {
                label: 'Omschrijving',
                cell: (d) =>
                  d.grantId ? (
                    <a class="utrecht-link" href={`/subsidies/${d.grantId}`}>
                      {d.title}
                    </a>
                  ) : (
                    d.title
                  ),
              },
              { label: 'Soort', cell: (d) => KIND_NL[d.kind] ?? d.kind },
              {
                label: 'Status',
                cell: (d) => (
                  <>
                    <span class={`woud-badge woud-badge--${d.state === 'overdue' ? 'overdue' : d.state === 'done' ? 'done' : d.urgency}`}>
                      {STATE_NL[d.state]}
                    </span>
                    {d.doneBy ? <div class="woud-muted">{`door ${d.doneBy}`}</div> : null}
                  </>
                ),
              },
              {
                label: <span class="woud-visually-hidden">Actie</span>,
                cell: (d) =>
                  can(c, 'medewerker') &&
                  d.action && (
                    <PostForm c={c} action={d.doneAt ? '/deadlines/heropenen' : '/deadlines/afronden'} class="woud-inline-form">
                      <input type="hidden" name="key" value={d.id} />
                      <input type="hidden" name="terug" value={back} />
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                        {d.doneAt ? 'Heropenen' : 'Afgerond'}
                        <span class="woud-visually-hidden">
                          : {d.title} {datum(d.date)}
                        </span>
                      </button>
                    </PostForm>
                  ),
              },
            ]}
          />
        </div>
      </div>
      <section aria-labelledby="kop-agenda">
        <h2 class="utrecht-heading-2" id="kop-agenda">
          In uw agenda
        </h2>
        {feedUrl ? (
          <div class="utrecht-alert utrecht-alert--ok" role="status">
            <p class="utrecht-paragraph">
              Plak deze link in Outlook (Agenda toevoegen → Van internet). Hij wordt maar één keer getoond; intrekken kan bij Mijn tokens.
            </p>
            <label class="utrecht-form-label" for="agendalink">
              Agendalink
            </label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="agendalink" type="text" readOnly value={feedUrl} />
          </div>
        ) : (
          <PostForm c={c} action="/deadlines/agendalink">
            <p class="utrecht-paragraph">
              Maak een persoonlijke link naar de deadlines van {c.org!.name} voor Outlook of een andere agenda.
            </p>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              Maak een agendalink
            </button>
          </PostForm>
        )}
      </section>
    </Layout>
  )
}

function query(c: WebContext, q: Q): { form: FormState; items: Deadline[] } {
  const form = new FormState({ van: q.van ?? '', tot: q.tot ?? '', status: q.status ?? '', soort: q.soort ?? '' })
  const from = form.date('van') ?? addDays(c.today, -30)
  const to = form.date('tot') ?? addDays(c.today, 365)
  const state = form.oneOf('status', STATES) as DeadlineState | null
  const kind = form.oneOf('soort', Object.keys(KIND_NL))
  if (from > to) form.error('tot', 'De einddatum ligt voor de begindatum.')
  if (!form.ok) return { form, items: [] }
  return { form, items: listDeadlines(c.db, [c.org!.id], c.today, { from, to, state: state ?? undefined, kind: kind ?? undefined }) }
}

/** The deadline a key names in the current organisation; another organisation's key is the same 404 as an unknown one. */
function deadlineFor(c: WebContext, key: string): Deadline {
  const owner = organisationOfKey(c.db, key)
  const d = owner === null || (owner !== undefined && owner !== c.org!.id) ? undefined : findDeadline(c.db, c.org!.id, key, c.today)
  if (!d) throw new Problem(404, 'Niet gevonden', `Deadline ${key} bestaat niet`)
  return d
}

const backTo = (v: unknown) => (typeof v === 'string' && /^\/deadlines(\?[^\s]*)?$/.test(v) ? v : '/deadlines')
const withNotice = (url: string, code: string) => `${url}${url.includes('?') ? '&' : '?'}melding=${code}`

export async function deadlinePages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, Q>(app, 'GET', '/deadlines', {}, (c, req) => {
    const { form, items } = query(c, req.query)
    return <DeadlinesPage c={c} q={req.query} form={form} items={items} />
  })
  webRoute(app, 'POST', '/deadlines/afronden', { role: 'medewerker' }, (c, req) => {
    const d = deadlineFor(c, String(req.body?.key ?? ''))
    markDeadlineDone(c.db, c.actor, c.org!.id, d.id, { at: nowInstant(c.now), note: null })
    return c.reply.redirect(withNotice(backTo(req.body?.terug), 'afgerond'), 303)
  })
  webRoute(app, 'POST', '/deadlines/heropenen', { role: 'medewerker' }, (c, req) => {
    const d = deadlineFor(c, String(req.body?.key ?? ''))
    reopenDeadline(c.db, c.actor, c.org!.id, d.id)
    return c.reply.redirect(withNotice(backTo(req.body?.terug), 'heropend'), 303)
  })
  webRoute(app, 'POST', '/deadlines/agendalink', {}, (c, req) => {
    const tok = createToken(c.db, c.actor, c.session.userId, { kind: 'feed', organisationId: c.org!.id, label: `agenda ${c.org!.code}` })
    const path = `/api/v1/organisations/${encodeURIComponent(c.org!.code)}/deadlines.ics?token=${encodeURIComponent(tok.token)}`
    const url = `${req.protocol}://${req.host}${path}`
    const { form, items } = query(c, {})
    return <DeadlinesPage c={c} q={{}} form={form} items={items} feedUrl={url} />
  })
}
