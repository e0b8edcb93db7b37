// Decorates the app with its database and configuration (infrastructure only) and closes the database on shutdown.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { closeDatabase, type Db } from '../../db/client.js'
import type { Config } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
  }
}

async function dbPlugin(app: FastifyInstance, opts: { db: Db; config: Config; ownsDb: boolean }): Promise<void> {
  app.decorate('db', opts.db)
  app.decorate('config', opts.config)
  if (opts.ownsDb) app.addHook('onClose', async () => closeDatabase(opts.db))
}

export default fp(dbPlugin, { name: 'woud-db' })
