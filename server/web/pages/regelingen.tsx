// Regelingen: the scheme catalogue (listSchemes, as GET /api/v1/schemes) with open application windows first, and
// Nieuwe subsidie: pick a regeling by search, then create the grant with createGrant (as POST /api/v1/grants).
import type { FastifyInstance } from 'fastify'
import { createGrant } from '../../../db/repositories/grants.js'
import { findSchemeByCode, listSchemes, type SchemeRow } from '../../../db/repositories/schemes.js'
import type { SchemeListItem } from '../../../db/repositories/scheme-list.js'
import { can, sendHtml, webRoute, type WebContext } from '../context.js'
import { datum } from '../format.js'
import { ErrorSummary, Field, FormState, PostForm, Submit } from '../forms.js'
import { Layout } from '../layout.js'
import { DataTable } from '../table.js'

type Scheme = SchemeListItem

const openWindow = (s: Scheme, today: string) =>
  s.windows.find((w) => (!w.opensOn || w.opensOn <= today) && !!w.closesOn && w.closesOn >= today)
const nextWindow = (s: Scheme, today: string) =>
  s.windows.filter((w) => w.opensOn && w.opensOn > today).sort((a, b) => a.opensOn!.localeCompare(b.opensOn!))[0]

/** Open windows first (closing soonest first), then windows that will open, then the rest by code. */
export function catalogueOrder(items: Scheme[], today: string): Scheme[] {
  const rank = (s: Scheme) => {
    const o = openWindow(s, today)
    if (o) return `0${o.closesOn}`
    const n = nextWindow(s, today)
    return n ? `1${n.opensOn}` : '2'
  }
  return items
    .map((s) => ({ s, r: rank(s) }))
    .sort((a, b) => a.r.localeCompare(b.r) || a.s.code.localeCompare(b.s.code))
    .map((x) => x.s)
}

function WindowText({ s, today }: { s: Scheme; today: string }) {
  const o = openWindow(s, today)
  if (o) return <span class="woud-badge woud-badge--done">Open tot {datum(o.closesOn)}</span>
  const n = nextWindow(s, today)
  if (n) return <span class="woud-badge">Opent {datum(n.opensOn)}</span>
  return <span class="woud-muted">Geen open aanvraagvenster</span>
}

function SchemeTable({ c, items, pick }: { c: WebContext; items: Scheme[]; pick?: boolean }) {
  return (
    <div class="woud-table-wrap" tabindex={0} role="region" aria-label="Tabel (horizontaal scrollbaar)">
      <DataTable
        caption="Regelingen"
        captionHidden
        rows={items}
        columns={[
          {
            label: 'Code',
            cell: (s) => (
              <>
                {s.code}
                {s.sisaCode ? <span class="woud-muted"> ({s.sisaCode})</span> : null}
              </>
            ),
          },
          { label: 'Naam', cell: (s) => s.name },
          { label: 'Ministerie', cell: (s) => s.ministry },
          { label: 'Aanvragen', cell: (s) => <WindowText s={s} today={c.today} /> },
          {
            label: <span class="woud-visually-hidden">Actie</span>,
            cell: (s) =>
              (pick || can(c, 'medewerker')) && (
                <a class="utrecht-link" href={`/subsidies/nieuw?regeling=${encodeURIComponent(s.code)}`}>
                  Subsidie aanmaken<span class="woud-visually-hidden"> voor {s.name}</span>
                </a>
              ),
          },
        ]}
      />
    </div>
  )
}

function SearchForm({ action, q, label }: { action: string; q: string; label: string }) {
  return (
    <form method="get" action={action} class="woud-filters" role="search" aria-label={label}>
      <Field
        form={new FormState({ q })}
        name="q"
        label="Zoek een regeling"
        type="search"
        description="Naam, code of SiSa-code"
        idPrefix="zoek"
      />
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
        Zoeken
      </button>
    </form>
  )
}

function NewGrantPage({
  c,
  scheme,
  form,
  q,
  results,
}: {
  c: WebContext
  scheme?: SchemeRow
  form?: FormState
  q: string
  results?: Scheme[]
}) {
  return (
    <Layout c={c} title="Nieuwe subsidie" active="portefeuille">
      {!scheme ? (
        <>
          <p class="utrecht-paragraph">Kies eerst de regeling waaronder de subsidie valt.</p>
          <SearchForm action="/subsidies/nieuw" q={q} label="Regeling zoeken" />
          {results &&
            (results.length ? <SchemeTable c={c} items={results} pick /> : <p class="utrecht-paragraph">Geen regelingen gevonden.</p>)}
        </>
      ) : (
        <>
          <p class="utrecht-paragraph">
            Regeling: <strong>{scheme.name}</strong> ({scheme.code}) ·{' '}
            <a class="utrecht-link" href="/subsidies/nieuw">
              andere regeling kiezen
            </a>
          </p>
          <ErrorSummary form={form!} />
          <PostForm c={c} action="/subsidies">
            <input type="hidden" name="scheme" value={scheme.code} />
            <Field form={form!} name="title" label="Titel" required />
            <Field form={form!} name="reference" label="Eigen kenmerk" />
            <Field form={form!} name="requestedCents" label="Aan te vragen bedrag" type="money" />
            <div class="woud-form-row">
              <Field form={form!} name="periodFrom" label="Looptijd van" type="date" />
              <Field form={form!} name="periodTo" label="Looptijd tot" type="date" />
            </div>
            <Field form={form!} name="owner" label="Eigenaar (e-mail)" />
            <div class="woud-actions">
              <Submit>Subsidie aanmaken</Submit>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  )
}

export async function regelingenPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { q?: string; pagina?: string }>(app, 'GET', '/regelingen', {}, (c, req) => {
    const q = (req.query.q ?? '').slice(0, 200)
    const all = catalogueOrder(listSchemes(c.db, { q: q || undefined }, 5000, 0).items, c.today)
    const page = Math.max(1, Number(/^\d{1,5}$/.test(req.query.pagina ?? '') ? req.query.pagina : 1))
    const pages = Math.max(1, Math.ceil(all.length / 50))
    return (
      <Layout c={c} title="Regelingen" active="regelingen">
        <SearchForm action="/regelingen" q={q} label="Regelingen zoeken" />
        <p class="utrecht-paragraph" role="status">
          {all.length} regelingen, open aanvraagvensters eerst.
        </p>
        <SchemeTable c={c} items={all.slice((page - 1) * 50, page * 50)} />
        {pages > 1 && (
          <nav class="woud-pagination" aria-label="Paginering">
            {page > 1 && (
              <a class="utrecht-link" href={`/regelingen?q=${encodeURIComponent(q)}&pagina=${page - 1}`}>
                Vorige pagina
              </a>
            )}
            <span>
              Pagina {page} van {pages}
            </span>
            {page < pages && (
              <a class="utrecht-link" href={`/regelingen?q=${encodeURIComponent(q)}&pagina=${page + 1}`}>
                Volgende pagina
              </a>
            )}
          </nav>
        )}
      </Layout>
    )
  })

  webRoute<Record<string, string>, { q?: string; regeling?: string }>(app, 'GET', '/subsidies/nieuw', { role: 'medewerker' }, (c, req) => {
    const q = (req.query.q ?? '').slice(0, 200)
    const scheme = req.query.regeling ? findSchemeByCode(c.db, req.query.regeling) : undefined
    const results = !scheme && q ? catalogueOrder(listSchemes(c.db, { q }, 100, 0).items, c.today) : undefined
    return <NewGrantPage c={c} scheme={scheme} q={q} results={results} form={new FormState({ owner: c.session.email })} />
  })

  webRoute(app, 'POST', '/subsidies', { role: 'medewerker' }, (c, req) => {
    const form = FormState.fromBody(req.body)
    const scheme = findSchemeByCode(c.db, form.value('scheme'))
    if (!scheme) return sendHtml(c.reply, <NewGrantPage c={c} q="" results={[]} />, 400)
    const title = form.text('title', { required: true, label: 'De titel', max: 300 })
    const input = {
      organisationId: c.org!.id,
      schemeCode: scheme.code,
      title: title ?? '',
      reference: form.text('reference', { max: 200 }),
      requestedCents: form.money('requestedCents'),
      periodFrom: form.date('periodFrom'),
      periodTo: form.date('periodTo'),
      owner: form.text('owner', { max: 300 }),
    }
    if (!form.ok) return sendHtml(c.reply, <NewGrantPage c={c} scheme={scheme} form={form} q="" />, 400)
    let id: number
    try {
      id = createGrant(c.db, c.actor, input, { today: c.today }).id
    } catch (e) {
      if (!form.absorb(e)) throw e
      return sendHtml(c.reply, <NewGrantPage c={c} scheme={scheme} form={form} q="" />, 400)
    }
    return c.reply.redirect(`/subsidies/${id}?melding=aangemaakt`, 303)
  })
}
