// Reading a verantwoordingslijst (teverantwoordenregelingen.rijksoverheid.nl, docs/domain.md#sisa): the
// columns are not published, so headers are found by synonyms or --map. One line per beschikkingsnummer.
import { SISA_CODE } from '../../db/catalogue.js'
import { headerErrors, isEmptyRow, matchHeaders, missingColumns, RowReader, type RowError, type Synonyms } from '../cells.js'
import type { Sheet } from '../read.js'
import { normaliseSisaCode } from '../names.js'

export type VlField = 'ontvanger' | 'verstrekker' | 'sisaCode' | 'regeling' | 'beschikkingsnummer' | 'bedrag' | 'opmerking' | 'sisaYear'

export const VL_SYNONYMS: Synonyms<VlField> = {
  ontvanger: ['cbs code', 'cbscode', 'ontvanger', 'gemeente', 'organisatie', 'gemeentecode', 'medeoverheid'],
  verstrekker: ['ministerie', 'departement', 'verstrekkend ministerie', 'verstrekker regeling'],
  sisaCode: ['uitkeringscode', 'sisa code', 'sisa nr', 'sisa nr.', 'sisanummer', 'code regeling', 'regelingcode'],
  regeling: [
    'naam regeling',
    'regelingnaam',
    'specifieke uitkering',
    'naam specifieke uitkering',
    'omschrijving',
    'te verantwoorden regeling',
  ],
  beschikkingsnummer: [
    'beschikkingsnummers',
    'beschikking',
    'beschikkingskenmerk',
    'kenmerk beschikking',
    'nummer beschikking',
    'beschikkingnummer',
  ],
  bedrag: ['totaalbedrag', 'bedrag beschikking', 'totaal bedrag', 'te verantwoorden bedrag', 'amount'],
  opmerking: ['opmerkingen', 'toelichting', 'mededeling'],
  sisaYear: ['sisa jaar', 'sisajaar', 'verantwoordingsjaar', 'jaar', 'boekjaar'],
}

/** A sheet is a verantwoordingslijst when it has beschikkingsnummers and a regeling or its code. */
export function isVlMatch(m: { col: Partial<Record<VlField, number>> } | undefined): boolean {
  return !!m && m.col.beschikkingsnummer !== undefined && (m.col.sisaCode !== undefined || m.col.regeling !== undefined)
}

export interface VlLine {
  sheet: string | null
  row: number
  verstrekker: string | null
  sisaCode: string | null
  regeling: string | null
  beschikkingsnummer: string | null
  amountCents: number | null
  opmerking: string | null
}

export interface VlData {
  organisationId: number
  orgCode: string
  sisaYear: number
  lines: VlLine[]
}

export interface VlRead {
  lines: VlLine[]
  /** The SiSa year the file states (title above the table, or a Jaar column), with where it says so. */
  stated?: { year: number; sheet: string | null; row: number }
}

/** 'Verantwoordingslijst SiSa 2024', 'Te verantwoorden regelingen 2024': a year in a title above the header row. */
function titleYear(sheet: Sheet, headerRow: number): VlRead['stated'] {
  for (let r = 0; r < headerRow - 1; r++) {
    const text = (sheet.rows[r] ?? []).filter((c) => typeof c === 'string').join(' ')
    const m = /(verantwoord|sisa)[^\n]*?\b(20\d\d)\b/i.exec(text)
    if (m) return { year: +m[2], sheet: sheet.name, row: r + 1 }
  }
  return undefined
}

/** Per line at most EUR 10 bn: the largest spuks are a few bn nationally, a line is one recipient's share. */
const MAX_LINE_CENTS = 10_000_000_000 * 100
const CBS = /\b(GM|PV|GR|WS|VR)\s*-?\s*(\d{2,6})\b/i

/** Read the lines of a verantwoordingslijst for organisation `orgCode` (its CBS code, to check lines that name one). */
export function readVerantwoordingslijst(
  sheets: Sheet[],
  org: { code: string } | undefined,
  map: Record<string, string> | undefined,
  errors: RowError[],
  warnings: RowError[],
): VlRead {
  const lines: VlLine[] = []
  let stated: VlRead['stated']
  const seen = new Map<string, VlLine>()
  for (const sheet of sheets) {
    const m = matchHeaders<VlField>(sheet.rows, VL_SYNONYMS, ['beschikkingsnummer'], map)
    if (!m || !isVlMatch(m)) {
      errors.push(missingColumns(sheet, m, ['beschikkingsnummer', 'regeling'] as VlField[]))
      continue
    }
    if (headerErrors(sheet, m, errors)) continue
    stated ??= titleYear(sheet, m.headerRow)
    let prev: VlLine | undefined
    for (let r = m.headerRow; r < sheet.rows.length; r++) {
      const row = sheet.rows[r]
      if (isEmptyRow(row)) continue
      const rd = new RowReader(sheet.name, r + 1, row, m, errors)
      const nErr = errors.length
      const ontvanger = rd.text('ontvanger')
      const cbs = ontvanger ? CBS.exec(ontvanger) : null
      if (cbs && org && `${cbs[1]}${cbs[2]}`.toUpperCase() !== org.code)
        rd.error('ontvanger', `deze regel is voor ${cbs[1].toUpperCase()}${cbs[2]}, niet voor ${org.code}`)
      let sisaCode = rd.text('sisaCode')
      let regeling = rd.text('regeling')
      let verstrekker = rd.text('verstrekker')
      const bsnText = rd.text('beschikkingsnummer')
      const amountCents = rd.money('bedrag', { allowNegative: false, max: MAX_LINE_CENTS })
      const opmerking = rd.text('opmerking')
      const y = rd.integer('sisaYear', { min: 2000, max: 2100 })
      if (y !== null) {
        if (stated && stated.year !== y)
          rd.error(
            'sisaYear',
            `jaar ${y} wijkt af van ${stated.year} (${stated.sheet ? `werkblad ${stated.sheet} ` : ''}rij ${stated.row}); één lijst is van één SiSa-jaar`,
          )
        stated ??= { year: y, sheet: sheet.name, row: r + 1 }
      }
      if (!sisaCode && !regeling) {
        // Several beschikkingen under one regeling come as merged cells: the regeling is in the first row only.
        if (bsnText && prev)
          ({ sisaCode, regeling, verstrekker } = {
            sisaCode: prev.sisaCode,
            regeling: prev.regeling,
            verstrekker: verstrekker ?? prev.verstrekker,
          })
        else {
          if (errors.length === nErr)
            warnings.push({
              sheet: sheet.name,
              row: r + 1,
              column: '',
              message: 'regel zonder regeling of uitkeringscode overgeslagen (toelichting onder de lijst?)',
            })
          continue
        }
      }
      if (sisaCode) {
        const norm = normaliseSisaCode(sisaCode)
        if (!SISA_CODE.test(norm)) rd.error('sisaCode', `'${sisaCode}' is geen uitkeringscode (zoals C94, A18B)`)
        sisaCode = norm
      }
      if (errors.length > nErr) continue
      const numbers = bsnText
        ? bsnText
            .split(/[;\n|]+|,\s+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : [null]
      numbers.forEach((beschikkingsnummer, i) => {
        // An amount belongs to the regeling (the C94 notice: "het totaalbedrag"), not to each of several numbers.
        const line: VlLine = {
          sheet: sheet.name,
          row: r + 1,
          verstrekker,
          sisaCode,
          regeling,
          beschikkingsnummer,
          amountCents: i === 0 ? amountCents : null,
          opmerking,
        }
        const key = `${sisaCode ?? ''}|${(regeling ?? '').toLowerCase()}|${beschikkingsnummer ?? ''}`
        const dup = seen.get(key)
        if (dup) {
          const same = dup.amountCents === line.amountCents && dup.opmerking === line.opmerking && dup.verstrekker === line.verstrekker
          if (same)
            warnings.push({
              sheet: sheet.name,
              row: r + 1,
              column: rd.columnOf('beschikkingsnummer'),
              message: `staat ook op rij ${dup.row} (gelijk); één keer ingelezen`,
            })
          else
            rd.error(
              'beschikkingsnummer',
              `${sisaCode ?? regeling} ${beschikkingsnummer ?? '(zonder nummer)'} staat ook op rij ${dup.row}, met andere gegevens`,
            )
          return
        }
        seen.set(key, line)
        lines.push(line)
      })
      prev = lines[lines.length - 1]
    }
  }
  if (lines.length === 0 && errors.length === 0)
    errors.push({ sheet: sheets[0]?.name ?? null, row: 0, column: '', message: 'de verantwoordingslijst bevat geen regelingen' })
  return { lines, stated }
}
