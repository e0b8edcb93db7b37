// drizzle-kit generates the SQL migrations in db/migrations from db/schema.ts; they are committed and applied at runtime.
import { defineConfig } from 'drizzle-kit'
export default defineConfig({ dialect: 'sqlite', schema: './db/schema.ts', out: './db/migrations' })
