// Entry point of `npm start` (node --import tsx server/main.ts, one process): load config, build, listen on
// 127.0.0.1 unless HOST says otherwise, say where in one line, and shut down cleanly on SIGTERM and SIGINT.
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

/** The one start-up line: where the API and its documentation are, and on an empty database how to begin. */
export function startLine(app: FastifyInstance, address: string): string {
  const users = app.db.$client.prepare('SELECT count(*) FROM users').pluck().get() as number
  const hint =
    users > 0
      ? ''
      : ' Nog geen gebruikers: maak de eerste beheerder met `npm run -s cli -- user add --email E --name N --admin`' +
        ' en een token met `npm run -s cli -- token create --user E`.'
  return `Woud luistert op ${address} (API-documentatie: ${address}/docs).${hint}`
}

export async function serve(overrides: { port?: number; host?: string; dbPath?: string } = {}): Promise<FastifyInstance> {
  const config = loadConfig(process.env, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)))
  const app = await buildApp(config)
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  // Fastify's own 'Server listening at' record becomes the one start-up line (once per address it listens on).
  await app.listen({ port: config.port, host: config.host, listenTextResolver: (address) => startLine(app, address) })
  return app
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  serve().catch((err) => {
    console.error(`Woud kon niet starten: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(3)
  })
}
