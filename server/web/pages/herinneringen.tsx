// Instellingen › Herinneringen: a user's own reminder preference per organisation (the page the reminder e-mails link
// to, PREFERENCES_PATH). Reads and writes through db/repositories/reminders.ts, as the API's .../reminders/preference.
import type { FastifyInstance } from 'fastify'
import { listPreferences, REMINDER_MODES, setPreferences, type ReminderMode } from '../../../db/repositories/reminders.js'
import { PREFERENCES_PATH } from '../../../reports/reminder-messages.js'
import { sendHtml, webRoute, type WebContext } from '../context.js'
import { ErrorSummary, FormState, PostForm, Submit } from '../forms.js'
import { Layout, Notice } from '../layout.js'

const MODES: Record<ReminderMode, { label: string; description: string }> = {
  lead: { label: 'Herinneringen per deadline', description: 'Een e-mail enige tijd vóór elke deadline van uw subsidies, en bij verloop.' },
  digest: { label: 'Weekoverzicht', description: 'Eén e-mail per week met alle deadlines die eraan komen.' },
  none: { label: 'Geen e-mail', description: 'U ziet de deadlines alleen in Woud en in uw agendafeed.' },
}
const field = (orgCode: string) => `modus-${orgCode}`

function ModeFieldset({ form, code, name, isDefault }: { form: FormState; code: string; name: string; isDefault: boolean }) {
  const f = field(code)
  const err = form.errors[f]
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${err ? ' utrecht-form-fieldset--invalid' : ''}`}
      id={`veld-${f}`}
      aria-describedby={err ? `veld-${f}-fout` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{name}</legend>
      {err && (
        <div class="utrecht-form-field-error-message" id={`veld-${f}-fout`}>
          {err}
        </div>
      )}
      {REMINDER_MODES.map((m) => {
        const id = `veld-${f}-${m}`
        return (
          <div class="utrecht-form-field utrecht-form-field--radio">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={id}
                name={f}
                value={m}
                checked={form.value(f) === m}
                aria-describedby={`${id}-uitleg`}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                {MODES[m].label}
                {isDefault && m === 'lead' ? ' (standaard)' : ''}
              </label>
            </div>
            <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
              {MODES[m].description}
            </div>
          </div>
        )
      })}
    </fieldset>
  )
}

function Page({ c, form, notice }: { c: WebContext; form?: FormState; notice?: string }) {
  const prefs = listPreferences(c.db, c.session.userId)
  const shown = form ?? new FormState(Object.fromEntries(prefs.map((p) => [field(p.organisation), p.mode])))
  return (
    <Layout c={c} title="Herinneringen per e-mail">
      <Notice code={notice} />
      <p class="utrecht-paragraph">
        Woud mailt de eigenaar en de volgers van een subsidie over de deadlines die eraan komen. Kies per organisatie wat u wilt ontvangen.
      </p>
      {prefs.length === 0 ? (
        <p class="utrecht-paragraph">U heeft nog geen rol in een organisatie, dus Woud stuurt u geen herinneringen.</p>
      ) : (
        <PostForm c={c} action={PREFERENCES_PATH}>
          <ErrorSummary form={shown} />
          {prefs.map((p) => (
            <ModeFieldset form={shown} code={p.organisation} name={p.name} isDefault={p.isDefault} />
          ))}
          <Submit>Voorkeuren opslaan</Submit>
        </PostForm>
      )}
    </Layout>
  )
}

export async function herinneringenPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { melding?: string }>(app, 'GET', PREFERENCES_PATH, { needsOrg: false }, (c, req) => (
    <Page c={c} notice={req.query.melding} />
  ))

  webRoute(app, 'POST', PREFERENCES_PATH, { needsOrg: false }, (c, req) => {
    const form = FormState.fromBody(req.body)
    const prefs = listPreferences(c.db, c.session.userId)
    const chosen = prefs.map((p) => ({
      p,
      mode: form.oneOf(field(p.organisation), REMINDER_MODES, { required: true, label: `De keuze voor ${p.name}` }),
    }))
    if (!form.ok) return sendHtml(c.reply, <Page c={c} form={form} />, 400)
    // All or nothing; only what changed is written (and so audited, by setPreferences).
    c.db.$client.transaction(() => {
      for (const { p, mode } of chosen) if (mode && mode !== p.mode) setPreferences(c.db, c.actor, c.session.userId, p.organisationId, mode)
    })()
    return c.reply.redirect(`${PREFERENCES_PATH}?melding=opgeslagen`, 303)
  })
}
