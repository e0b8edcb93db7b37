// Names and codes shared by the scheme formats: SiSa code normalisation, name keys, ministries, generated codes.
// Pure functions: the formats read with them, the kinds match with them.
import { normaliseHeader } from './cells.js'

/** "A18(B)", "a 18 b" -> "A18B": the SiSa letter+number code as the catalogue stores it. Other punctuation stays, to be refused. */
export function normaliseSisaCode(s: string): string {
  return s.toUpperCase().replace(/[\s()]/g, '')
}

/**
 * A name key that survives the usual variations between sources: parenthesised abbreviations
 * ("… (OAB)"), a leading "Regeling"/"Besluit", case, accents and punctuation.
 */
export function nameKey(name: string): string {
  const stripped = name
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .replace(/^(regeling|besluit)\s+/i, '')
  return normaliseHeader(stripped)
}

/** Lower-case ASCII words joined by '-', for generated codes. */
export function slug(s: string, max = 40): string {
  const out = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return out.slice(0, max).replace(/-+$/, '')
}

// Letter -> ministry as observed in real SiSa appendices (docs/domain.md#sisa); E and H are not confirmed.
const SISA_LETTER: Record<string, string> = { A: 'JenV', B: 'FIN', C: 'BZK', D: 'OCW', G: 'SZW' }

export function ministryOfSisaCode(code: string | null | undefined): string | undefined {
  return code ? SISA_LETTER[code[0]] : undefined
}

const MINISTRIES: [RegExp, string][] = [
  [/\bbinnenlandse zaken\b|\bbzk\b/i, 'BZK'],
  [/volkshuisvesting|\bvro\b/i, 'VRO'],
  [/onderwijs,? cultuur|\bocw\b/i, 'OCW'],
  [/sociale zaken|\bszw\b/i, 'SZW'],
  [/justitie|\bjenv\b|\bj&v\b/i, 'JenV'],
  [/financi[eë]n|\bfin\b/i, 'FIN'],
  [/infrastructuur en waterstaat|\bienw\b|\bi&w\b/i, 'IenW'],
  [/volksgezondheid|\bvws\b/i, 'VWS'],
  [/economische zaken|\bezk?\b/i, 'EZK'],
  [/klimaat en groene groei|\bkgg\b/i, 'KGG'],
  [/landbouw|\blnv\b|\blvvn\b/i, 'LVVN'],
  [/asiel en migratie|\bam\b/i, 'AenM'],
]

/** The ministry a title, sheet name or verstrekker text names, if any. */
export function ministryIn(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  for (const [re, m] of MINISTRIES) if (re.test(text)) return m
  return undefined
}

/**
 * The stable Woud code of a scheme first seen in a national source: '<prefix>-<ministry>-<sisa code or v>-<name slug>'.
 * The same table gives the same code on every import; the matcher finds it again by SiSa code and name first anyway.
 */
export function generatedCode(prefix: string, ministry: string, sisaCode: string | null, name: string): string {
  const head = `${prefix}-${slug(ministry, 10) || 'onbekend'}-${sisaCode ? sisaCode.toLowerCase() : 'v'}`
  return `${head}-${slug(name, 79 - head.length) || 'regeling'}`
}
