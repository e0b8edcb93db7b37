// Routes of the sisa area (contract §4). Filled in by the issue that builds this area.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

const routes: FastifyPluginAsyncTypebox = async () => {}

export default routes
