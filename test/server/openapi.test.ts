// The OpenAPI document tells the truth: it is valid OpenAPI 3, errors are declared as application/problem+json,
// the xlsx variant of the reports route is described, and a client typed from the document (openapi-typescript)
// compiles against real responses of the running app.
import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { seedPortfolio } from '../fixtures/deadlines.js'
import { testApp } from '../helpers.js'

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> }

t.test('the document validates, declares what is sent, and types a client that compiles against real calls', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const doc = (await api({ url: '/openapi.json', token: null })).json() as Doc
  await t.resolves(SwaggerParser.validate(structuredClone(doc) as never), 'swagger-parser accepts it')

  const wrong: string[] = []
  let errors = 0
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue
        errors++
        const types = Object.keys(res.content ?? {})
        if (types.join() !== 'application/problem+json') wrong.push(`${method.toUpperCase()} ${path} ${status}: ${types.join()}`)
      }
    }
  }
  t.ok(errors > 100, `${errors} error responses`)
  t.strictSame(wrong, [], 'every error response is application/problem+json')
  const report = doc.paths['/api/v1/reports/{name}'].get.responses['200'].content!
  t.strictSame(Object.keys(report).sort(), ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])

  // Real responses, pasted into a client typed from the document: tsc must accept them as they are.
  const grants = (await api({ url: '/api/v1/grants?limit=5' })).json()
  const grant = (await api({ url: `/api/v1/grants/${grants.items[0].id}` })).json()
  const schemes = (await api({ url: '/api/v1/schemes?limit=3' })).json()
  const deadlines = (await api({ url: '/api/v1/deadlines?org=GM0363&limit=3' })).json()
  const problem = (await api({ url: '/api/v1/grants/999999' })).json()
  t.ok(grants.items.length > 0 && schemes.items.length > 0 && deadlines.items.length > 0)
  const dir = mkdtempSync(join(tmpdir(), 'woud-openapi-'))
  writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc as never)))
  const ok = (p: string, m: string) => `paths['${p}']['${m}']['responses']`
  writeFileSync(
    join(dir, 'client.ts'),
    `import type { paths } from './api'
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never
type Problem<R> = R extends { content: { 'application/problem+json': infer B } } ? B : never
export const grants: Json<${ok('/api/v1/grants', 'get')}[200]> = ${JSON.stringify(grants)}
export const grant: Json<${ok('/api/v1/grants/{id}', 'get')}[200]> = ${JSON.stringify(grant)}
export const schemes: Json<${ok('/api/v1/schemes', 'get')}[200]> = ${JSON.stringify(schemes)}
export const deadlines: Json<${ok('/api/v1/deadlines', 'get')}[200]> = ${JSON.stringify(deadlines)}
export const problem: Problem<${ok('/api/v1/grants/{id}', 'get')}[404]> = ${JSON.stringify(problem)}
// The generated types are narrow enough to catch a wrong field.
// @ts-expect-error awardedCents is a number or null, never a string
export const wrong: Json<${ok('/api/v1/grants', 'get')}[200]>['items'][number]['awardedCents'] = 'veel'
`,
  )
  const program = ts.createProgram([join(dir, 'client.ts')], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
  })
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  t.strictSame(diagnostics, [], 'the typed client compiles against the real responses')
})
