// Error pages: not found (also for another organisation's data, so nothing leaks), no permission, conflicts, failures.
import type { WebContext } from '../context.js'
import type { Problem } from '../../errors.js'
import { Layout } from '../layout.js'

const TITLES: Record<number, string> = {
  403: 'Geen toegang',
  404: 'Pagina niet gevonden',
  429: 'Even wachten',
  500: 'Er ging iets mis',
  503: 'Even bezet',
}

export function ErrorPage({ c, problem }: { c: WebContext | null; problem: Problem }) {
  const title = problem.status === 404 ? TITLES[404] : problem.status === 403 ? problem.title : (TITLES[problem.status] ?? problem.title)
  return (
    <Layout c={c} title={title}>
      {problem.status === 404 ? (
        <p class="utrecht-paragraph">Wat u zoekt bestaat niet, of u heeft er geen toegang toe.</p>
      ) : (
        <p class="utrecht-paragraph">{problem.detail ?? problem.title}</p>
      )}
      {problem.errors?.length ? (
        <ul class="utrecht-unordered-list">
          {problem.errors.map((e) => (
            <li>{e.message}</li>
          ))}
        </ul>
      ) : null}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/">
          Naar het overzicht
        </a>
      </p>
    </Layout>
  )
}
