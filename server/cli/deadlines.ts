// The 'deadlines' command(s) (contract §2). Filled in by the issue that builds this area.
import type { Register } from '../cli.js'

export const registerDeadlines: Register = () => {}
