// Who may import what is one rule (importers/permissions.ts): the upload route and the CLI both follow it.
import t from 'tap'
import { importAccess, importNeeds, ImportOptionMissing } from '../../importers/permissions.js'
import { IMPORT_KINDS } from '../../importers/index.js'
import { cliOn, freshDb, seedOrganisation, testApp, userWithToken } from '../helpers.js'
import { form } from './upload.js'
import type { Role } from '../../db/enums.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

t.test('the rule per kind', async (t) => {
  t.strictSame(importAccess('schemes', {}), { scope: 'shared', role: 'beheerder' }, 'the catalogue is shared')
  t.strictSame(
    importAccess('schemes', { org: 'GM0363' }),
    { scope: 'organisation', org: 'GM0363', role: 'controller' },
    'a verantwoordingslijst',
  )
  t.strictSame(importAccess('grants', { org: 'GM0363' }), { scope: 'organisation', org: 'GM0363', role: 'medewerker' })
  t.strictSame(importAccess('actuals', { org: 'GM0363', year: 2026 }), { scope: 'organisation', org: 'GM0363', role: 'controller' })
  t.strictSame(importAccess('sisa', { org: 'GM0363', year: 2026 }), { scope: 'shared', role: 'beheerder' }, 'definitions are shared')
  t.strictSame(importAccess('sisa-waarden', { org: 'GM0363', year: 2026 }), { scope: 'organisation', org: 'GM0363', role: 'controller' })
  t.strictSame(
    importAccess('iets-nieuws', { org: 'GM0363' }),
    { scope: 'shared', role: 'beheerder' },
    'an unknown kind grants nothing by accident',
  )
  const missing = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      return e instanceof ImportOptionMissing ? e.field : 'other'
    }
    return 'none'
  }
  t.equal(
    missing(() => importAccess('grants', {})),
    'org',
  )
  t.equal(
    missing(() => importAccess('sisa-waarden', { org: 'GM0363' })),
    'year',
  )
  t.doesNotThrow(() => importAccess('sisa-waarden', { org: 'GM0363' }, true), 'a template needs no year')
  for (const kind of Object.keys(IMPORT_KINDS)) t.ok(importNeeds(kind), `${kind} has a rule`)
})

const ROLES: Role[] = ['lezer', 'medewerker', 'controller', 'beheerder']
const below = (r: Role) => ROLES[ROLES.indexOf(r) - 1]

t.test('the upload route answers 403 one role below the rule and lets the rule role through, for every kind', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  seedOrganisation(db, 'GM0518', 'Den Haag')
  const csv = Buffer.from('a;b\n1;2\n')
  for (const kind of Object.keys(IMPORT_KINDS)) {
    const fields: [string, string][] = [
      ['year', '2026'],
      ['dryRun', 'true'],
    ]
    const needs = importNeeds(kind)
    if (needs.org !== 'none') fields.push(['org', 'GM0363'])
    const access = importAccess(kind, { org: needs.org === 'none' ? undefined : 'GM0363', year: 2026 })
    // shared data: the role in any organisation (here another one) counts
    const orgOfRole = access.scope === 'shared' ? 'GM0518' : 'GM0363'
    const post = (role: Role) =>
      api({
        method: 'POST',
        url: `/api/v1/imports/${kind}`,
        token: userWithToken(db, `${kind}-${role}@woud.test`, [{ orgCode: orgOfRole, role }]),
        ...form(fields, { bytes: csv }),
      })
    t.equal((await post(below(access.role))).statusCode, 403, `${kind}: ${below(access.role)} is refused`)
    t.not((await post(access.role)).statusCode, 403, `${kind}: ${access.role} may`)
  }
})

t.test('the CLI follows the same rule for the options a kind needs', async (t) => {
  const db = freshDb()
  const dir = t.testdir({})
  const file = join(dir, 'x.csv')
  writeFileSync(file, 'a;b\n1;2\n')
  const run = cliOn(db)
  for (const kind of Object.keys(IMPORT_KINDS)) {
    const needs = importNeeds(kind)
    if (needs.org === 'required') {
      const r = await run('import', kind, file, '--year', '2026')
      t.equal(r.code, 2, `${kind} without --org is a usage error`)
      t.match(r.err, /hoort bij één organisatie/)
    }
    if (needs.year === 'required') {
      const r = await run('import', kind, file, '--org', 'GM0363')
      t.equal(r.code, 2, `${kind} without --year is a usage error`)
      t.match(r.err, /hoort bij één jaar/)
    }
  }
})
