// The page shell: NL Design System (Utrecht) document, header with navigation, organisation switcher and sign-out,
// a skip link, the main content and the assets. Every page renders <Layout>; sendHtml() adds the doctype.
import type { ComponentChildren } from 'preact'
import { roleRank } from '../../db/repositories/users.js'
import { PAGE_ROOTS, type WebContext } from './context.js'
import { NAV } from './nav.js'
import { assetUrl } from './assets.js'

export interface LayoutProps {
  /** null on pages without a session (sign-in, errors for visitors). */
  c: WebContext | null
  title: string
  /** NAV key of the current page (aria-current). */
  active?: string
  children?: ComponentChildren
}

// htmx's default response handling, except that a 400 is swapped too: a refused inline form comes back as the fragment
// with the typed value and the message next to it (e.g. a SiSa cell). Other 4xx/5xx are not swapped.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '400', swap: true, error: false },
    { code: '[45]..', swap: false, error: true },
  ],
})

export function Layout({ c, title, active, children }: LayoutProps) {
  // htmx sends the CSRF token with every request it makes; hx-headers is an attribute, so CSP needs no inline script.
  const hxHeaders = c ? JSON.stringify({ 'X-CSRF-Token': c.csrf }) : undefined
  return (
    <html lang="nl" class="utrecht-root">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · Woud`}</title>
        <link rel="stylesheet" href={assetUrl('woud.css')} />
        <script src={assetUrl('htmx.min.js')} defer />
        <script src={assetUrl('woud.js')} defer />
      </head>
      <body class="utrecht-theme utrecht-document utrecht-body woud-theme" hx-headers={hxHeaders}>
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          Naar de inhoud
        </a>
        <header class="utrecht-page-header woud-header">
          <div class="woud-header__bar">
            <a class="woud-logo" href="/">
              Woud
            </a>
            {c && <UserBox c={c} />}
          </div>
          {c && <Nav c={c} active={active} />}
        </header>
        <main id="inhoud" class="utrecht-page-content woud-main" tabindex={-1}>
          <h1 class="utrecht-heading-1">{title}</h1>
          {children}
        </main>
        <footer class="utrecht-page-footer woud-footer">
          <p class="utrecht-paragraph">Woud — specifieke uitkeringen onder controle</p>
        </footer>
      </body>
    </html>
  )
}
PAGE_ROOTS.add(Layout)

function Nav({ c, active }: { c: WebContext; active?: string }) {
  const items = NAV.filter((n) => c.role && roleRank(c.role) >= roleRank(n.role))
  return (
    <nav class="utrecht-nav-bar woud-nav" aria-label="Hoofdmenu">
      <ul class="utrecht-nav-list woud-nav__list">
        {items.map((n) => (
          <li class="utrecht-nav-list__item" key={n.key}>
            <a
              class={`utrecht-link utrecht-nav-list__link woud-nav__link${n.key === active ? ' woud-nav__link--current' : ''}`}
              href={n.href}
              aria-current={n.key === active ? 'page' : undefined}
            >
              {n.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function UserBox({ c }: { c: WebContext }) {
  return (
    <div class="woud-userbox">
      {c.orgs.length > 1 ? (
        <form method="post" action="/organisatie" class="woud-inline-form">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <label class="utrecht-form-label" for="wissel-organisatie">
            Organisatie
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="wissel-organisatie" name="org">
            {c.orgs.map((o) => (
              <option value={o.code} selected={o.id === c.org?.id}>
                {o.name}
              </option>
            ))}
          </select>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            Wissel
          </button>
        </form>
      ) : c.org ? (
        <span class="woud-userbox__org">{c.org.name}</span>
      ) : null}
      <span class="woud-userbox__user">
        {c.session.name}
        {c.role ? ` (${c.role})` : ''}
      </span>
      <a class="utrecht-link" href="/mijn-tokens">
        Mijn tokens
      </a>
      <a class="utrecht-link" href="/instellingen/herinneringen">
        Herinneringen
      </a>
      <form method="post" action="/afmelden" class="woud-inline-form">
        <input type="hidden" name="_csrf" value={c.csrf} />
        <button class="utrecht-button utrecht-button--subtle" type="submit">
          Afmelden
        </button>
      </form>
    </div>
  )
}

/** A short confirmation after a redirect (?melding=...); only fixed texts, never echoed input. */
export const NOTICES: Record<string, string> = {
  opgeslagen: 'De wijzigingen zijn opgeslagen.',
  aangemaakt: 'De subsidie is aangemaakt.',
  status: 'De status is gewijzigd.',
  afgerond: 'De deadline is afgerond.',
  heropend: 'De deadline is heropend.',
  hersteld: 'De vooringevulde waarde is teruggezet.',
  organisatie: 'U werkt nu in een andere organisatie.',
  // web-admin pages (Importeren, Beheer, Mijn tokens)
  'token-ingetrokken': 'Het token is ingetrokken.',
  'import-geannuleerd': 'De import is geannuleerd; er is niets opgeslagen.',
  'gebruiker-aangemaakt': 'De gebruiker is aangemaakt.',
  'rol-gewijzigd': 'De rol is gewijzigd.',
  'rol-ingetrokken': 'De rol is ingetrokken.',
  'gebruiker-uitgeschakeld': 'De gebruiker is uitgeschakeld.',
  'gebruiker-ingeschakeld': 'De gebruiker is weer ingeschakeld.',
}

export function Notice({ code }: { code?: string }) {
  const text = code ? NOTICES[code] : undefined
  if (!text) return null
  return (
    <div class="utrecht-alert utrecht-alert--ok woud-notice" role="status">
      <p class="utrecht-paragraph">{text}</p>
    </div>
  )
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'warning' | 'info' | 'ok'; children?: ComponentChildren }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}
