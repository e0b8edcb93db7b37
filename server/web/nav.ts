// The main navigation: one list for every page of the web application, shown by the layout to whoever may use it.
import type { Role } from '../../db/repositories/users.js'

export interface NavItem {
  href: string
  label: string
  role: Role
  key: string
}

/** Pages in menu order. `key` is what a page passes as `active` to <Layout>. */
export const NAV: readonly NavItem[] = [
  { key: 'overzicht', href: '/', label: 'Overzicht', role: 'lezer' },
  { key: 'portefeuille', href: '/portefeuille', label: 'Portefeuille', role: 'lezer' },
  { key: 'regelingen', href: '/regelingen', label: 'Regelingen', role: 'lezer' },
  { key: 'deadlines', href: '/deadlines', label: 'Deadlines', role: 'lezer' },
  { key: 'sisa', href: '/sisa', label: 'SiSa', role: 'lezer' },
  { key: 'importeren', href: '/importeren', label: 'Importeren', role: 'medewerker' },
  { key: 'rapporten', href: '/rapporten', label: 'Rapporten', role: 'lezer' },
  { key: 'beheer', href: '/beheer', label: 'Beheer', role: 'beheerder' },
]
