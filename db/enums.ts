// Every closed set of values, once: the database enums (db/schema.ts), the TypeScript types and the API's
// TypeBox unions (server/schemas/common.ts EnumOf) all come from these tuples. Keys are what is stored; labels
// are the Dutch words users see, accepted as input too ('verlopen' for overdue). See docs/architecture.md.
import { invalid } from './errors.js'

export interface EnumDef<K extends string> {
  /** What the set is called in messages (Dutch). */
  readonly name: string
  readonly keys: readonly [K, ...K[]]
  readonly labels: Readonly<Record<K, string>>
}

export type KeyOf<E> = E extends EnumDef<infer K> ? K : never

function defineEnum<const K extends string>(name: string, keys: readonly [K, ...K[]], labels?: Partial<Record<K, string>>): EnumDef<K> {
  const all = {} as Record<K, string>
  for (const k of keys) all[k] = labels?.[k] ?? k
  return { name, keys, labels: all }
}

// Lower-case, accents off, spaces and dashes as underscores: 'In voorbereiding' and 'in-voorbereiding' find in_voorbereiding.
const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

/** The values a user may type for a set: the keys, then the Dutch labels that differ from them. */
export function acceptedValues<K extends string>(e: EnumDef<K>): string[] {
  const out: string[] = [...e.keys]
  for (const k of e.keys) if (!out.includes(e.labels[k])) out.push(e.labels[k])
  return out
}

/** The key for a key or a Dutch label, or undefined. */
export function enumKey<K extends string>(e: EnumDef<K>, value: string): K | undefined {
  const v = norm(value)
  for (const k of e.keys) if (norm(k) === v || norm(e.labels[k]) === v) return k
  return undefined
}

/** Parse one value; a rejected value is a DomainError naming the field and listing what is allowed. */
export function parseEnum<K extends string>(e: EnumDef<K>, value: string, field: string): K {
  const k = enumKey(e, value)
  if (k === undefined) {
    const allowed = acceptedValues(e).join(', ')
    throw invalid(`'${value}' is geen ${e.name}`, [{ field, message: `'${value}' is geen ${e.name}; toegestaan: ${allowed}` }])
  }
  return k
}

/** Parse a comma-separated list ('toegekend,vastgesteld'); every unknown value is named at once. */
export function parseEnumList<K extends string>(e: EnumDef<K>, csv: string, field: string): K[] {
  const out: K[] = []
  const bad: string[] = []
  for (const part of csv.split(',')) {
    const v = part.trim()
    if (!v) continue
    const k = enumKey(e, v)
    if (k === undefined) bad.push(v)
    else if (!out.includes(k)) out.push(k)
  }
  if (bad.length) {
    const allowed = acceptedValues(e).join(', ')
    throw invalid(`onbekende ${e.name} ${bad.join(', ')}`, [
      { field, message: `'${bad.join("', '")}' is geen ${e.name}; toegestaan: ${allowed}` },
    ])
  }
  return out
}

// ---------------------------------------------------------------- portfolio

export const GRANT_STATUS = defineEnum(
  'status',
  ['verkenning', 'in_voorbereiding', 'aangevraagd', 'toegekend', 'vastgesteld', 'afgesloten', 'afgewezen', 'ingetrokken'],
  { in_voorbereiding: 'in voorbereiding' },
)
export const GRANT_NATURE = defineEnum('aard', ['incidenteel', 'structureel'])
export const COFINANCING_BASIS = defineEnum('cofinancieringsgrondslag', ['total_cost', 'rijksbijdrage', 'fixed'], {
  total_cost: 'totale kosten',
  fixed: 'vast bedrag',
})
export const COFINANCING_SOURCE = defineEnum('bron', ['eigen_middelen', 'reserve', 'provincie', 'derden', 'regio', 'privaat'], {
  eigen_middelen: 'eigen middelen',
})
export const PAYMENT_KIND = defineEnum('soort betaling', ['voorschot', 'betaling', 'terugbetaling'])
export const BESCHIKKING_KIND = defineEnum('soort beschikking', ['toekenning', 'voorlopig', 'tussentijds', 'wijziging', 'vaststelling'])

// ---------------------------------------------------------------- catalogue and organisations

export const INSTRUMENT = defineEnum(
  'instrument',
  ['spuk', 'decentralisatie_uitkering', 'bijzondere_fondsuitkering', 'algemene_uitkering', 'subsidie', 'provinciaal_middel'],
  { decentralisatie_uitkering: 'decentralisatie-uitkering', provinciaal_middel: 'provinciaal middel' },
)
export const SCHEME_NATURE = defineEnum('aard', ['incidenteel', 'structureel', 'terugkerend'])
export const ORGANISATION_KIND = defineEnum(
  'soort organisatie',
  ['gemeente', 'provincie', 'gr', 'waterschap', 'veiligheidsregio', 'regio'],
  { gr: 'gemeenschappelijke regeling' },
)
export const REFORM_TREATMENT = defineEnum('behandeling', ['continues', 'gemeentefonds', 'bfu', 'ends'], {
  continues: 'loopt door',
  ends: 'stopt',
})

// ---------------------------------------------------------------- deadlines and calendar

export const DEADLINE_STATE = defineEnum('termijnstatus', ['open', 'done', 'overdue'], { done: 'afgerond', overdue: 'verlopen' })
export const LEGAL_INSTRUMENT = defineEnum('grondslag', ['wet', 'amvb', 'ministeriele_regeling', 'regeling', 'praktijk'], {
  ministeriele_regeling: 'ministeriële regeling',
})
export const HOLIDAY_KIND = defineEnum('soort feestdag', ['atw', 'gelijkgesteld'])

// ---------------------------------------------------------------- SiSa

export const SISA_DATA_TYPE = defineEnum('gegevenstype', ['euro', 'count', 'janee', 'text', 'key'])
export const AARD_CONTROLE = defineEnum('aard controle', ['R', 'D1', 'D2', 'N', 'NVT'])
export const ROW_DIMENSION = defineEnum('rijdimensie', ['none', 'project', 'beschikking', 'gemeente', 'veiligheidsregio'])

// ---------------------------------------------------------------- access, reports, imports

export const ROLE = defineEnum('rol', ['lezer', 'medewerker', 'controller', 'beheerder'])
export const TOKEN_KIND = defineEnum('soort token', ['api', 'feed'])
export const REPORT_NAME = defineEnum('rapport', ['portfolio', 'deadlines', 'cofinancing', 'bbv', 'sisa', 'forecast', 'controller'], {
  portfolio: 'portefeuille',
  deadlines: 'termijnen',
  cofinancing: 'cofinanciering',
  forecast: 'prognose',
})
export const SCENARIO = defineEnum('scenario', ['base', 'awarded-only', 'spuk-reform'], {
  base: 'basis',
  'awarded-only': 'alleen-toegekend',
  'spuk-reform': 'hervorming',
})
export const REPORT_FORMAT = defineEnum('formaat', ['json', 'xlsx'])
export const IMPORT_KIND = defineEnum('soort import', ['schemes', 'grants', 'actuals', 'sisa', 'sisa-waarden'], {
  schemes: 'regelingen',
  grants: 'subsidies',
  actuals: 'realisatie',
})

export type GrantStatus = KeyOf<typeof GRANT_STATUS>
export type DeadlineState = KeyOf<typeof DEADLINE_STATE>
export type Role = KeyOf<typeof ROLE>
