// Mijn tokens: a user's own API and calendar-feed tokens; a new secret is shown once, on the answer to the POST only.
import type { FastifyInstance } from 'fastify'
import { listTokens, type TokenListItem } from '../../../db/repositories/users.js'
import { createOwnToken, feedUrl, revokeOwnToken } from '../../own-tokens.js'
import { sendHtml, webRoute, type WebContext } from '../context.js'
import { datum, moment } from '../format.js'
import { ErrorSummary, Field, FormState, PostForm, SelectField, Submit } from '../forms.js'
import { Alert, Layout, Notice } from '../layout.js'
import { DataTable } from '../table.js'

interface Created {
  kind: 'api' | 'feed'
  secret: string
  feedUrl: string | null
}

function Page({ c, form, created, notice }: { c: WebContext; form: FormState; created?: Created; notice?: string }) {
  const tokens = listTokens(c.db, c.session.userId)
  return (
    <Layout c={c} title="Mijn tokens">
      <Notice code={notice} />
      {created && (
        <Alert kind="ok">
          <h2 class="utrecht-heading-2">{created.kind === 'feed' ? 'Nieuwe agendafeed' : 'Nieuw API-token'}</h2>
          <p class="utrecht-paragraph">Kopieer het nu: Woud bewaart alleen een versleutelde vorm en toont het niet nog eens.</p>
          <p class="utrecht-paragraph">
            <code class="woud-secret" id="nieuw-geheim">
              {created.feedUrl ?? created.secret}
            </code>
          </p>
          {created.feedUrl && <p class="utrecht-paragraph">Plak deze link in Outlook bij ‘Agenda toevoegen → Van internet’.</p>}
        </Alert>
      )}
      <ErrorSummary form={form} />
      <TokenTable c={c} tokens={tokens} />
      <h2 class="utrecht-heading-2">Nieuw API-token</h2>
      <p class="utrecht-paragraph">
        Voor scripts en koppelingen: stuur het mee als <code>Authorization: Bearer …</code>.
      </p>
      <PostForm c={c} action="/mijn-tokens">
        <input type="hidden" name="kind" value="api" />
        <Field
          form={form}
          name="label"
          label="Omschrijving"
          description="Waarvoor is het token, bijvoorbeeld ‘koppeling financieel systeem’"
        />
        <Field form={form} name="expiresOn" label="Geldig tot en met" type="date" />
        <Submit>Token maken</Submit>
      </PostForm>
      {c.orgs.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">Nieuwe agendafeed</h2>
          <p class="utrecht-paragraph">Een link die alleen de deadlines van één organisatie in uw agenda toont.</p>
          <PostForm c={c} action="/mijn-tokens">
            <input type="hidden" name="kind" value="feed" />
            <SelectField
              form={form}
              name="organisation"
              idPrefix="feed"
              label="Organisatie"
              required
              options={c.orgs.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
            />
            <Submit>Agendafeed maken</Submit>
          </PostForm>
        </>
      )}
    </Layout>
  )
}

function TokenTable({ c, tokens }: { c: WebContext; tokens: TokenListItem[] }) {
  if (!tokens.length) return <p class="utrecht-paragraph">U heeft nog geen tokens.</p>
  return (
    <DataTable
      caption="Uw tokens"
      rows={tokens}
      columns={[
        { label: 'Nummer', cell: (t) => t.id },
        { label: 'Soort', cell: (t) => (t.kind === 'feed' ? `Agendafeed ${t.organisation ?? ''}` : 'API') },
        { label: 'Omschrijving', cell: (t) => t.label ?? '—' },
        { label: 'Geldig tot en met', cell: (t) => (t.expiresOn ? datum(t.expiresOn) : 'geen einddatum') },
        { label: 'Laatst gebruikt', cell: (t) => (t.lastUsedAt ? moment(t.lastUsedAt) : 'nooit') },
        { label: 'Status', cell: (t) => (t.revokedAt ? `ingetrokken ${moment(t.revokedAt)}` : 'actief') },
        {
          label: 'Actie',
          cell: (t) =>
            !t.revokedAt && (
              <PostForm c={c} action={`/mijn-tokens/${t.id}/intrekken`} class="woud-inline-form">
                <Submit secondary>{`Token ${t.id} intrekken`}</Submit>
              </PostForm>
            ),
        },
      ]}
    />
  )
}

export async function mijnTokensPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { melding?: string }>(app, 'GET', '/mijn-tokens', { needsOrg: false }, (c, req) => (
    <Page c={c} form={new FormState()} notice={req.query.melding} />
  ))

  webRoute(app, 'POST', '/mijn-tokens', { needsOrg: false }, (c, req) => {
    const form = FormState.fromBody(req.body)
    const kind = form.oneOf('kind', ['api', 'feed'] as const, { required: true }) ?? 'api'
    const label = form.text('label', { max: 200 })
    const expiresOn = form.date('expiresOn', { label: 'De einddatum' })
    const organisation = kind === 'feed' ? form.text('organisation', { required: true, label: 'De organisatie' }) : null
    if (!form.ok) return sendHtml(c.reply, <Page c={c} form={form} />, 400)
    try {
      const tok = createOwnToken(c.db, c.req.principal!, c.actor, { kind, label, expiresOn, organisation }, c.today)
      const url = tok.organisation ? feedUrl(`${req.protocol}://${req.host}`, tok.organisation, tok.token) : null
      return <Page c={c} form={new FormState()} created={{ kind, secret: tok.token, feedUrl: url }} />
    } catch (e) {
      if (form.absorb(e)) return sendHtml(c.reply, <Page c={c} form={form} />, 400)
      throw e
    }
  })

  webRoute<{ id: string }>(app, 'POST', '/mijn-tokens/:id/intrekken', { needsOrg: false }, (c, req) => {
    const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : 0
    revokeOwnToken(c.db, c.req.principal!, c.actor, id)
    return c.reply.redirect('/mijn-tokens?melding=token-ingetrokken', 303)
  })
}
