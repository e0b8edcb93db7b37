// Beheer: the users of the current organisation, their role here, disabling; the same rules as /api/v1/users.
import type { FastifyInstance } from 'fastify'
import type { AdminUser } from '../../../db/repositories/user-admin.js'
import { ROLES, type Role } from '../../../db/repositories/users.js'
import { createManagedUser, listManagedUsers, managedUser, setManagedDisabled, setManagedRole } from '../../user-admin.js'
import { sendHtml, webRoute, type WebContext } from '../context.js'
import { moment } from '../format.js'
import { ErrorSummary, Field, FormState, PostForm, SelectField, Submit } from '../forms.js'
import { Layout, Notice } from '../layout.js'
import { DataTable, type Column } from '../table.js'

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: r }))

function Page({ c, form, notice }: { c: WebContext; form: FormState; notice?: string }) {
  const users = listManagedUsers(c.db, c.req.principal!, c.org!.code)
  return (
    <Layout c={c} title="Beheer" active="beheer">
      <Notice code={notice} />
      <p class="utrecht-paragraph">
        Gebruikers met een rol in {c.org!.name}. Een wachtwoord stelt de beheerder van de installatie in met{' '}
        <code>woud user password --email …</code>.
      </p>
      <DataTable caption={`Gebruikers van ${c.org!.name}`} columns={userColumns(c)} rows={users} />
      <h2 class="utrecht-heading-2">Gebruiker toevoegen</h2>
      <ErrorSummary form={form} idPrefix="nieuw" />
      <PostForm c={c} action="/beheer/gebruikers">
        <Field form={form} idPrefix="nieuw" name="email" type="email" label="E-mailadres" required autocomplete="off" />
        <Field form={form} idPrefix="nieuw" name="name" label="Naam" required autocomplete="off" />
        <SelectField form={form} idPrefix="nieuw" name="role" label={`Rol in ${c.org!.name}`} required options={ROLE_OPTIONS} />
        <Submit>Toevoegen</Submit>
      </PostForm>
    </Layout>
  )
}

/** The users table: one row per user, with the role form and the enable/disable button (never for oneself). */
function userColumns(c: WebContext): Column<AdminUser>[] {
  const here = (u: AdminUser) => u.roles.find((r) => r.organisation === c.org!.code)?.role ?? ''
  const self = (u: AdminUser) => u.id === c.session.userId
  return [
    { label: 'Naam', cell: (u) => u.name, rowHeader: true },
    { label: 'E-mailadres', cell: (u) => u.email },
    {
      label: 'Rol hier',
      cell: (u) =>
        self(u) ? (
          here(u)
        ) : (
          <PostForm c={c} action={`/beheer/gebruikers/${u.id}/rol`} class="woud-inline-form">
            <SelectField
              form={new FormState({ role: here(u) })}
              idPrefix={`rol-${u.id}`}
              name="role"
              label={`Rol van ${u.name}`}
              required
              options={[...ROLE_OPTIONS, { value: 'geen', label: 'geen rol (intrekken)' }]}
            />
            <Submit secondary>{`Rol van ${u.name} opslaan`}</Submit>
          </PostForm>
        ),
    },
    { label: 'Wachtwoord', cell: (u) => (u.hasPassword ? 'ingesteld' : 'niet ingesteld') },
    { label: 'Status', cell: (u) => (u.disabledAt ? `uitgeschakeld ${moment(u.disabledAt)}` : 'actief') },
    {
      label: 'Acties',
      cell: (u) =>
        !self(u) && (
          <PostForm c={c} action={`/beheer/gebruikers/${u.id}/${u.disabledAt ? 'inschakelen' : 'uitschakelen'}`} class="woud-inline-form">
            <Submit secondary>{`${u.name} ${u.disabledAt ? 'inschakelen' : 'uitschakelen'}`}</Submit>
          </PostForm>
        ),
    },
  ]
}

/** A user id from the path; anything else is the same 404 as a user of another organisation. */
const userId = (s: string) => (/^[1-9]\d{0,9}$/.test(s) ? Number(s) : 0)

export async function beheerPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { melding?: string }>(app, 'GET', '/beheer', { role: 'beheerder' }, (c, req) => (
    <Page c={c} form={new FormState({ role: 'lezer' })} notice={req.query.melding} />
  ))

  webRoute(app, 'POST', '/beheer/gebruikers', { role: 'beheerder' }, (c, req) => {
    const form = FormState.fromBody(req.body)
    const email = form.text('email', { required: true, label: 'Het e-mailadres', max: 254 })
    const name = form.text('name', { required: true, label: 'De naam', max: 200 })
    const role = form.oneOf('role', ROLES, { required: true, label: 'De rol' })
    if (!form.ok) return sendHtml(c.reply, <Page c={c} form={form} />, 400)
    try {
      createManagedUser(c.db, c.req.principal!, c.actor, {
        email: email!,
        name: name!,
        roles: [{ organisation: c.org!.code, role: role! }],
      })
    } catch (e) {
      if (form.absorb(e))
        return sendHtml(
          c.reply,
          <Page c={c} form={form} />,
          e instanceof Error && /bestaat al|al een gebruiker/.test(e.message) ? 409 : 400,
        )
      throw e
    }
    return c.reply.redirect('/beheer?melding=gebruiker-aangemaakt', 303)
  })

  webRoute<{ id: string }>(app, 'POST', '/beheer/gebruikers/:id/rol', { role: 'beheerder' }, (c, req) => {
    const form = FormState.fromBody(req.body)
    const role = form.oneOf('role', [...ROLES, 'geen'] as const, { required: true, label: 'De rol' })
    const id = userId(req.params.id)
    managedUser(c.db, c.req.principal!, id)
    if (!form.ok) return sendHtml(c.reply, <Page c={c} form={new FormState({ role: 'lezer' })} />, 400)
    setManagedRole(c.db, c.req.principal!, c.actor, id, c.org!.code, role === 'geen' ? null : (role as Role))
    return c.reply.redirect(`/beheer?melding=${role === 'geen' ? 'rol-ingetrokken' : 'rol-gewijzigd'}`, 303)
  })

  for (const [path, disabled] of [
    ['uitschakelen', true],
    ['inschakelen', false],
  ] as const) {
    webRoute<{ id: string }>(app, 'POST', `/beheer/gebruikers/:id/${path}`, { role: 'beheerder' }, (c, req) => {
      setManagedDisabled(c.db, c.req.principal!, c.actor, userId(req.params.id), disabled, c.now)
      return c.reply.redirect(`/beheer?melding=gebruiker-${disabled ? 'uitgeschakeld' : 'ingeschakeld'}`, 303)
    })
  }
}
