// Entry point of `npm start`: load config, build, listen on 127.0.0.1 unless HOST says otherwise, shut down cleanly.
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

export async function serve(overrides: { port?: number; host?: string; dbPath?: string } = {}): Promise<void> {
  const config = loadConfig(process.env, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)))
  const app = await buildApp(config)
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  await app.listen({ port: config.port, host: config.host })
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  serve().catch((err) => {
    console.error(`Woud kon niet starten: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(3)
  })
}
