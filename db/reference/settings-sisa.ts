// Default settings for the sisa area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

export const SISA_SETTINGS: DefaultSetting[] = []
