// rawSelect: the bulk read of whole rows without drizzle's mapping must return exactly what drizzle's select() does.
import t from 'tap'
import { asc, eq } from 'drizzle-orm'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { rawSelect } from '../../db/raw-rows.js'
import { cofinancingCommitments, grants } from '../../db/schema.js'
import { freshDb } from '../helpers.js'
import { seedPortfolio } from '../fixtures/reports.js'
import { loadPortfolio } from '../../reports/portfolio-load.js'

const db = freshDb()
t.teardown(() => db.$client.close())
const f = seedPortfolio(db)

t.test('the rows of a raw select equal drizzle select(), booleans and nulls included', async (t) => {
  // One grant on the verantwoordingslijst, so the boolean column holds both values.
  db.$client.prepare('UPDATE grants SET on_verantwoordingslijst = 1 WHERE id = (SELECT min(id) FROM grants)').run()
  const expected = db.select().from(grants).where(eq(grants.organisationId, f.orgId)).orderBy(asc(grants.id)).all()
  const q = rawSelect(grants, 'g')
  const raw = q.all(db.$client.prepare(`${q.sql} WHERE g.organisation_id = ? ORDER BY g.id`), f.orgId)
  t.ok(expected.length > 3, 'the fixture has grants')
  t.same(raw, expected)
  t.same(new Set(raw.map((g) => g.onVerantwoordingslijst)), new Set([true, false]), 'the boolean column is a boolean, both ways')
  t.same(loadPortfolio(db, f.orgId).grants, expected, 'the portfolio load reads them so')
})

t.test('a subset of columns, in the order asked, booleans converted; the commitments of the load equal drizzle', async (t) => {
  const q = rawSelect(cofinancingCommitments, 'c', ['amountCents', 'reservedInBegroting', 'grantId'])
  t.match(q.sql, /^SELECT c\."amount_cents", c\."reserved_in_begroting", c\."grant_id" FROM "cofinancing_commitments" c$/)
  const rows = q.all(db.$client.prepare(`${q.sql} ORDER BY c.id`))
  const expected = db
    .select({
      amountCents: cofinancingCommitments.amountCents,
      reservedInBegroting: cofinancingCommitments.reservedInBegroting,
      grantId: cofinancingCommitments.grantId,
    })
    .from(cofinancingCommitments)
    .orderBy(asc(cofinancingCommitments.id))
    .all()
  t.ok(expected.length > 0, 'the fixture has commitments')
  t.same(rows, expected)
  t.ok(
    rows.every((r) => typeof r.reservedInBegroting === 'boolean'),
    'reserved is a boolean',
  )
  const loaded = [...loadPortfolio(db, f.orgId).commitments.values()].flat()
  t.equal(loaded.length, expected.length)
  t.ok(loaded.every((c) => typeof c.reservedInBegroting === 'boolean'))
  t.throws(() => rawSelect(grants, 'g', ['nope' as 'id']), /grants has no column nope/)
})

t.test('a column type it cannot return as drizzle does is refused, naming the column', async (t) => {
  const withJson = sqliteTable('with_json', { id: text('id'), body: text('body', { mode: 'json' }) })
  t.throws(() => rawSelect(withJson, 'w'), /column body of with_json is SQLiteTextJson/)
})
