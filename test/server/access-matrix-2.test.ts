// Role x route x organisation, shard 2 of 2 (test/fixtures/access-matrix.ts).
import t from 'tap'
import { runMatrix } from '../fixtures/access-matrix.js'

t.test('role × route × organisation, shard 2 of 2', (t) => runMatrix(t, 1, 2))
