// Default settings shared by all areas; each area keeps its own defaults in settings-<area>.ts.
import { DEADLINES_SETTINGS } from './settings-deadlines.js'
import { REPORTS_SETTINGS } from './settings-reports.js'
import { SISA_SETTINGS } from './settings-sisa.js'

export interface DefaultSetting {
  key: string
  value: unknown
  /** Where the value comes from; 'UNCERTAIN' when no readable source confirmed it (domain guide). */
  source: string
}

export const DEFAULT_SETTINGS: DefaultSetting[] = [
  { key: 'upload.maxBytes', value: 20 * 1024 * 1024, source: 'Woud default: uploads are capped at 20 MB' },
  ...DEADLINES_SETTINGS,
  ...SISA_SETTINGS,
  ...REPORTS_SETTINGS,
]
