#!/usr/bin/env node
// Global `woud` command (npm install -g): runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api'
register()
const { runCli } = await import('./cli.ts')
process.exitCode = await runCli(process.argv.slice(2))
