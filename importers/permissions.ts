// Who may import what, and which options each kind needs: one rule for the command line and the upload route.
import type { Role } from '../db/enums.js'

/** Where the role is needed: in the organisation the import writes to, or in any organisation (shared data). */
export type ImportAccess = { scope: 'organisation'; org: string; role: Role } | { scope: 'shared'; role: Role }

export interface ImportNeeds {
  org: 'required' | 'optional' | 'none'
  year: 'required' | 'optional'
}

/**
 * Per kind: the options it cannot do without, and the role it takes. Shared reference data (the catalogue, the
 * SiSa definitions) needs a beheerder; an organisation's own data a role in that organisation. A schemes file
 * with an organisation is that organisation's verantwoordingslijst (the importer refuses anything else).
 */
const RULES: Record<string, { needs: ImportNeeds; access: (org: string | undefined) => ImportAccess }> = {
  schemes: {
    needs: { org: 'optional', year: 'optional' },
    access: (org) => (org ? { scope: 'organisation', org, role: 'controller' } : { scope: 'shared', role: 'beheerder' }),
  },
  grants: { needs: { org: 'required', year: 'optional' }, access: (org) => ({ scope: 'organisation', org: org!, role: 'medewerker' }) },
  actuals: { needs: { org: 'required', year: 'required' }, access: (org) => ({ scope: 'organisation', org: org!, role: 'controller' }) },
  sisa: { needs: { org: 'none', year: 'required' }, access: () => ({ scope: 'shared', role: 'beheerder' }) },
  'sisa-waarden': {
    needs: { org: 'required', year: 'required' },
    access: (org) => ({ scope: 'organisation', org: org!, role: 'controller' }),
  },
}

/** A kind Woud does not know is for beheerders only: nothing is granted by accident. */
const UNKNOWN = {
  needs: { org: 'optional', year: 'optional' } as ImportNeeds,
  access: () => ({ scope: 'shared', role: 'beheerder' }) as ImportAccess,
}

export const importNeeds = (kind: string): ImportNeeds => (RULES[kind] ?? UNKNOWN).needs

export class ImportOptionMissing extends Error {
  constructor(
    public field: 'org' | 'year',
    message: string,
  ) {
    super(message)
  }
}

/**
 * The access an import needs, after checking the options the kind cannot do without (ImportOptionMissing).
 * A template (`template: true`) needs the same access but no year.
 */
export function importAccess(kind: string, opts: { org?: string; year?: number }, template = false): ImportAccess {
  const rule = RULES[kind] ?? UNKNOWN
  if (rule.needs.org === 'required' && !opts.org)
    throw new ImportOptionMissing('org', `een import van ${kind} hoort bij één organisatie: geef de organisatie op (--org CODE, veld org)`)
  if (!template && rule.needs.year === 'required' && opts.year === undefined)
    throw new ImportOptionMissing('year', `een import van ${kind} hoort bij één jaar: geef het jaar op (--year JJJJ, veld year)`)
  return rule.access(rule.needs.org === 'none' ? undefined : opts.org)
}
