// Something built once per database and reused, mostly prepared statements: a statement prepared per call costs more
// than the query it runs (docs/architecture.md, fast reads). Keyed weakly, so a closed database takes its statements along.
import type { Db } from './client.js'

/** `const stmts = perDatabase((db) => ({ page: db.$client.prepare(...) }))`, then `stmts(db).page.all(...)`. */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>()
  return (db) => {
    let v = cache.get(db)
    if (v === undefined) {
      v = build(db)
      cache.set(db, v)
    }
    return v
  }
}
