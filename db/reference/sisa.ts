// Shipped SiSa indicator definitions (regelingen quoted in the domain guide). Filled in by the SiSa issue.
import type { Db } from '../client.js'

export function seedSisaDefinitions(_db: Db): void {}
