// Aanmelden, afmelden and switching organisation. Sign-in failures count towards the same throttle as bad API tokens.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { verifyPassword } from '../../../db/repositories/passwords.js'
import { createSession, deleteSession, setSessionOrganisation } from '../../../db/repositories/sessions.js'
import { Problem } from '../../errors.js'
import { safeReturnPath, sendHtml, webRoute, type Form } from '../context.js'
import { ErrorSummary, Field, FormState, Submit } from '../forms.js'
import { Layout } from '../layout.js'
import { cookieOptions, PRE_SESSION_COOKIE, sameToken, SESSION_COOKIE } from '../session.js'

function SignInPage({ form, token, back, signedOut }: { form: FormState; token: string; back: string; signedOut?: boolean }) {
  return (
    <Layout c={null} title="Aanmelden">
      {signedOut && (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p class="utrecht-paragraph">U bent afgemeld.</p>
        </div>
      )}
      <ErrorSummary form={form} />
      <form method="post" action="/aanmelden" class="utrecht-form woud-form" novalidate>
        <input type="hidden" name="_csrf" value={token} />
        <input type="hidden" name="terug" value={back} />
        <Field form={form} name="email" label="E-mailadres" type="email" autocomplete="username" required />
        <Field form={form} name="password" label="Wachtwoord" type="password" autocomplete="current-password" required />
        <div class="woud-actions">
          <Submit>Aanmelden</Submit>
        </div>
      </form>
      <p class="utrecht-paragraph woud-muted">
        Nog geen wachtwoord? Een beheerder stelt het in met <code class="utrecht-code">woud user password --email …</code>.
      </p>
    </Layout>
  )
}

export async function signInPages(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { terug?: string; afgemeld?: string } }>('/aanmelden', { schema: { hide: true } }, async (req, reply) => {
    if (req.web) return reply.redirect(safeReturnPath(req.query.terug), 303)
    const token = randomBytes(24).toString('base64url')
    void reply.setCookie(PRE_SESSION_COOKIE, token, { ...cookieOptions(req, 3600_000), path: '/aanmelden' })
    return sendHtml(
      reply,
      <SignInPage form={new FormState()} token={token} back={safeReturnPath(req.query.terug)} signedOut={req.query.afgemeld === '1'} />,
    )
  })

  app.post<{ Body: Form }>('/aanmelden', { schema: { hide: true } }, async (req, reply) => {
    const now = app.config.now()
    const form = FormState.fromBody(req.body)
    const back = safeReturnPath(form.value('terug'))
    const expected = req.cookies[PRE_SESSION_COOKIE]
    if (!expected || !sameToken(req.body?._csrf, expected)) {
      throw new Problem(403, 'Formulier verlopen', 'Het aanmeldformulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.')
    }
    const wait = app.authThrottle.blockedFor(req.ip, now.getTime())
    if (wait > 0) {
      req.log.warn({ ip: req.ip }, 'sign-in throttled')
      void reply.header('retry-after', String(Math.ceil(wait / 1000)))
      throw new Problem(
        429,
        'Te veel mislukte aanmeldingen',
        `Te veel mislukte pogingen. Probeer het over ${Math.ceil(wait / 60_000)} minuten opnieuw.`,
      )
    }
    const email = form.text('email', { required: true, label: 'Het e-mailadres' })
    const password = form.values.password ?? ''
    if (!password) form.error('password', 'Het wachtwoord is verplicht.')
    const user = form.ok && email ? verifyPassword(app.db, email, password) : null
    if (!user) {
      if (form.ok) {
        app.authThrottle.fail(req.ip, now.getTime())
        req.log.warn({ ip: req.ip }, 'sign-in failed')
        // One message for an unknown address, a wrong password and a disabled user: nothing to learn from it.
        form.general.push('Het e-mailadres of het wachtwoord klopt niet.')
      }
      form.values.password = ''
      return sendHtml(reply, <SignInPage form={form} token={expected} back={back} />, 401)
    }
    const { secret } = createSession(app.db, user.id, null, now)
    void reply.setCookie(SESSION_COOKIE, secret, cookieOptions(req)).clearCookie(PRE_SESSION_COOKIE, { path: '/aanmelden' })
    req.log.info({ user: user.email }, 'signed in')
    return reply.redirect(back, 303)
  })

  webRoute(app, 'POST', '/afmelden', { needsOrg: false }, (c) => {
    deleteSession(c.db, c.session.id)
    return c.reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/aanmelden?afgemeld=1', 303)
  })

  webRoute(app, 'POST', '/organisatie', { needsOrg: false }, (c, req) => {
    const code = typeof req.body?.org === 'string' ? req.body.org : ''
    const target = c.orgs.find((o) => o.code === code)
    if (!target) throw new Problem(404, 'Niet gevonden', 'Deze organisatie bestaat niet')
    setSessionOrganisation(c.db, c.session.id, target.id)
    return c.reply.redirect('/?melding=organisatie', 303)
  })
}
