// woud serve [--port N] [--host H]
import type { Register } from '../cli.js'
import { serve } from '../main.js'
import { CliError, EXIT } from './context.js'

export const registerServe: Register = (program, ctx) => {
  program
    .command('serve')
    .description('start de webserver (standaard 127.0.0.1:3000)')
    .option('--port <n>', 'poort')
    .option('--host <h>', 'adres om op te luisteren')
    .action(async (o: { port?: string; host?: string }) => {
      const port = o.port === undefined ? undefined : Number(o.port)
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new CliError(`--port '${o.port}' is geen poortnummer`, EXIT.usage)
      await serve({ port, host: o.host, dbPath: ctx().dbPath })
    })
}
