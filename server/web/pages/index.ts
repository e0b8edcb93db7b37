// Every page of the web application, registered in menu order. Add one line per page module here.
import type { FastifyInstance } from 'fastify'
import { signInPages } from './sign-in.js'

export async function registerPages(app: FastifyInstance): Promise<void> {
  await signInPages(app)
}
