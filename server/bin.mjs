#!/usr/bin/env node
// Global `woud` command (npm install -g): runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api'
register()
await import('./cli.ts')
