// rawSelect: the bulk read of whole rows without drizzle's mapping must return exactly what drizzle's select() does.
import t from 'tap'
import { asc, eq } from 'drizzle-orm'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { rawSelect } from '../../db/raw-rows.js'
import { grants } from '../../db/schema.js'
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
  const raw = (db.$client.prepare(`${q.sql} WHERE g.organisation_id = ? ORDER BY g.id`).all(f.orgId) as Record<string, unknown>[]).map(
    q.row,
  )
  t.ok(expected.length > 3, 'the fixture has grants')
  t.same(raw, expected)
  t.same(new Set(raw.map((g) => g.onVerantwoordingslijst)), new Set([true, false]), 'the boolean column is a boolean, both ways')
  t.same(loadPortfolio(db, f.orgId).grants, expected, 'the portfolio load reads them so')
})

t.test('a column type it cannot return as drizzle does is refused, naming the column', async (t) => {
  const withJson = sqliteTable('with_json', { id: text('id'), body: text('body', { mode: 'json' }) })
  t.throws(() => rawSelect(withJson, 'w'), /column body of with_json is SQLiteTextJson/)
})
