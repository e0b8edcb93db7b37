// Default settings for the deadlines area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

export const DEADLINES_SETTINGS: DefaultSetting[] = []
