// The 'sisa-waarden' import kind: a filled SiSa appendix (Woud's export, the CBS layout, or Woud's values table) stored
// as one organisation's values of SiSa year T, checked against T's definitions and matched to the grants per SiSa code.
import type { Db } from '../../db/client.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { getYearDefinitions, type StoredRegeling } from '../../db/repositories/sisa.js'
import { grantsWithSisaCodes, listStoredValues, writeImportedValues, type ImportedValue } from '../../db/repositories/sisa-values.js'
import { aardControleText, indicatorCode, parseAardControle } from '../../db/sisa-definitions.js'
import { rowNoError } from '../../db/rules/sisa-value.js'
import type { RowError } from '../cells.js'
import { tableNotation } from '../formats/rbv-bijlage.js'
import { readAppendixValues, shown, typedValue, type ValueCell } from '../formats/sisa-waarden.js'
import { organisationTable, type ImportKind, type Prepared } from '../types.js'

type Grant = ReturnType<typeof grantsWithSisaCodes>[number]

/** One value as the preview shows it: which grant and indicator, before and after. */
interface Change {
  grantId: number
  indicator: string
  rowNo: number
  outcome: 'created' | 'updated' | 'unchanged'
  before: string | null
  after: string
  sheet: string | null
  row: number
  column: string
}

interface Data {
  sisaYear: number
  writes: ImportedValue[]
  changes: Change[]
  /** Values of regelingen or beschikkingen the portfolio lacks: reported, not stored. */
  unmatched: { sisaCode: string; indicator: string; rowNo: number; value: string; sheet: string | null; row: number; column: string }[]
  draft: string[]
}

/** The grant a value of this code belongs to: the beschikking named by the row or by --map CODE=..., or the only one. */
function grantFor(code: string, candidates: Grant[], named: string | undefined): { grant: Grant } | { none: true } | { error: string } {
  if (named) {
    const g = candidates.find((x) => x.beschikkingsnummer === named || String(x.id) === named.replace(/^#/, ''))
    return g
      ? { grant: g }
      : {
          error: `beschikking '${named}' is geen subsidie met uitkeringscode ${code} van deze organisatie (wel: ${list(candidates) || 'geen'})`,
        }
  }
  if (candidates.length === 1) return { grant: candidates[0] }
  if (candidates.length === 0) return { none: true }
  return {
    error:
      `uitkering ${code} past bij meer dan één subsidie: ${list(candidates)}; Woud verdeelt geen waarden over beschikkingen. ` +
      `Kies er één met --map ${code}=BESCHIKKINGSNUMMER (veld map), of gebruik de waardentabel met een kolom Beschikkingsnummer`,
  }
}

const list = (gs: Grant[]) => gs.map((g) => `#${g.id} '${g.title}'${g.beschikkingsnummer ? ` (${g.beschikkingsnummer})` : ''}`).join(', ')

function prepareValues(db: Db, file: Parameters<ImportKind['prepare']>[1], req: Parameters<ImportKind['prepare']>[2]): Prepared<Data> {
  const errors: RowError[] = []
  const warnings: RowError[] = []
  const data: Data = { sisaYear: req.year ?? 0, writes: [], changes: [], unmatched: [], draft: [] }
  const fail = (message: string): Prepared<Data> => ({
    format: 'sisa-waarden',
    errors: [{ sheet: null, row: 0, column: '', message }],
    warnings,
    data,
  })
  const start = organisationTable((c) => findOrganisation(db, c), file, req, 'een ingevulde SiSa-bijlage')
  if ('error' in start) return { format: 'sisa-waarden', errors: [start.error], warnings, data }
  const org = start.org
  if (req.year === undefined) return fail('geef het SiSa-jaar van de waarden op met --year JJJJ')
  const year = req.year
  const map = req.map ?? {}
  const file2 = readAppendixValues(file.sheets, map)
  const format = file2.format
  errors.push(...file2.errors)
  warnings.push(...file2.warnings)
  if (file2.sisaYear && file2.sisaYear.year !== year)
    errors.push({
      sheet: file2.sisaYear.sheet,
      row: file2.sisaYear.row,
      column: file2.sisaYear.column,
      message: `het bestand is van SiSa-jaar ${file2.sisaYear.year}, niet van --year ${year}`,
    })
  if (file2.heads.length === 0 && !errors.length)
    errors.push({
      sheet: file.sheets[0]?.name ?? null,
      row: 0,
      column: '',
      message:
        "geen SiSa-waarden gevonden: verwacht de SiSa-bijlage (per uitkering omschrijving, 'Aard controle X', 'Indicator: X/nn' en de waarden) " +
        'of de waardentabel (kolommen Indicator, Regel, Waarde, Beschikkingsnummer)',
    })
  const defs = getYearDefinitions(db, year)
  if (!defs) {
    errors.push({
      sheet: null,
      row: 0,
      column: '',
      message: `er zijn geen SiSa-definities voor ${year} (en geen van ${year - 1} om als concept over te nemen); lees eerst de SiSa-bijlage op maat in met 'woud import sisa BESTAND --year ${year}'`,
    })
    return { format, errors, warnings, data }
  }
  const regs = new Map<string, StoredRegeling>(defs.regelingen.map((r) => [r.sisaCode, r]))
  // Every head the file has must exist in T's definitions, filled or not (an unknown code is never silently skipped).
  const refused = new Set<string>()
  for (const h of file2.heads) {
    const reg = regs.get(h.sisaCode)
    const where = { sheet: h.sheet, row: h.row, column: h.column }
    if (!reg) {
      if (!refused.has(h.sisaCode))
        errors.push({
          ...where,
          message: `uitkering ${h.sisaCode} komt niet voor in de SiSa-definities van ${year} (wel: ${[...regs.keys()].join(', ') || 'geen'})`,
        })
      refused.add(h.sisaCode)
      continue
    }
    const ind = reg.indicators.find((i) => i.number === h.number)
    if (!ind) {
      errors.push({
        ...where,
        message: `indicator ${indicatorCode(h.sisaCode, h.number)} bestaat niet in SiSa ${year} (wel: ${reg.indicators.map((i) => indicatorCode(reg.sisaCode, i.number)).join(', ')})`,
      })
      refused.add(`${h.sisaCode}/${h.number}`)
      continue
    }
    const aard = h.aard ? parseAardControle(h.aard) : undefined
    if ((h.label && h.label !== ind.label) || (aard && aard !== ind.aardControle))
      warnings.push({
        ...where,
        message: `${indicatorCode(h.sisaCode, h.number)} heet in het bestand '${h.label}' (aard ${aard ? aardControleText(aard) : '?'}), in de definities van ${year} '${ind.label}' (aard ${aardControleText(ind.aardControle)}); ingelezen op de code`,
      })
  }
  for (const r of regs.values())
    if (r.draftOf !== undefined && file2.heads.some((h) => h.sisaCode === r.sisaCode)) data.draft.push(r.sisaCode)
  if (data.draft.length)
    warnings.push({
      sheet: null,
      row: 0,
      column: '',
      message: `de SiSa-definities ${year} van ${data.draft.join(', ')} zijn overgenomen uit ${year - 1}, controleren: lees de SiSa-bijlage op maat ${year} in om ze te bevestigen of te vervangen`,
    })
  const candidates = grantsWithSisaCodes(
    db,
    org.id,
    file2.blocks.map((b) => b.sisaCode),
  )
  const euroTexts = file2.cells.filter(
    (c) => typeof c.value === 'string' && regs.get(c.sisaCode)?.indicators.find((i) => i.number === c.number)?.dataType === 'euro',
  )
  const notation = tableNotation(euroTexts.map((c) => c.value as string))
  const stored = new Map(
    listStoredValues(
      db,
      candidates.map((g) => g.id),
      year,
    ).map((v) => [`${v.grantId}:${v.sisaCode}/${v.number}:${v.rowNo}`, v.value]),
  )
  const seen = new Map<string, ValueCell>()
  const blockErrors = new Set<string>()
  for (const c of file2.cells) {
    const place = { sheet: c.sheet, row: c.row, column: c.column }
    if (refused.has(c.sisaCode) || refused.has(`${c.sisaCode}/${c.number}`)) continue
    const reg = regs.get(c.sisaCode)!
    const ind = reg.indicators.find((i) => i.number === c.number)!
    const code = indicatorCode(c.sisaCode, c.number)
    const rowError = rowNoError(ind, code, c.rowNo, 'Regel')
    if (rowError) {
      errors.push({ ...place, message: rowError })
      continue
    }
    const v = typedValue(ind, c.value, notation)
    if (typeof v === 'string') {
      errors.push({ ...place, message: v })
      continue
    }
    const own = candidates.filter((g) => g.sisaCode === c.sisaCode)
    const which = grantFor(c.sisaCode, own, c.beschikkingsnummer ?? map[c.sisaCode])
    if ('error' in which) {
      const block = file2.blocks.find((b) => b.sisaCode === c.sisaCode)
      const key = `${c.sisaCode}|${c.beschikkingsnummer ?? ''}`
      if (!blockErrors.has(key)) errors.push({ ...(c.beschikkingsnummer || !block ? place : block), message: which.error })
      blockErrors.add(key)
      continue
    }
    if ('none' in which) {
      data.unmatched.push({ sisaCode: c.sisaCode, indicator: code, rowNo: c.rowNo, value: shown(v) ?? '', ...place })
      continue
    }
    const key = `${which.grant.id}:${code}:${c.rowNo}`
    const dup = seen.get(key)
    if (dup) {
      errors.push({
        ...place,
        message: `${code}${c.rowNo ? ` regel ${c.rowNo}` : ''} staat ook op rij ${dup.row} (${dup.column}) voor dezelfde subsidie`,
      })
      continue
    }
    seen.set(key, c)
    const before = stored.get(key)
    const same = before !== undefined && shown(before) === shown(v) && JSON.stringify(before) === JSON.stringify(v)
    data.writes.push({ grantId: which.grant.id, indicatorId: ind.id, code, rowNo: c.rowNo, value: v })
    data.changes.push({
      grantId: which.grant.id,
      indicator: code,
      rowNo: c.rowNo,
      outcome: same ? 'unchanged' : before ? 'updated' : 'created',
      before: shown(before),
      after: shown(v)!,
      ...place,
    })
  }
  // Values the portfolio has no grant for are reported per uitkering, with every value kept in details.unmatched.
  for (const code of new Set(data.unmatched.map((u) => u.sisaCode))) {
    const us = data.unmatched.filter((u) => u.sisaCode === code)
    const block = file2.blocks.find((b) => b.sisaCode === code) ?? us[0]
    warnings.push({
      sheet: block.sheet,
      row: block.row,
      column: block.column,
      message:
        `uitkering ${code}: ${us.length} waarde(n) niet opgeslagen, want ${org.code} heeft geen subsidie met deze uitkeringscode ` +
        `(${us.map((u) => `${u.indicator}${u.rowNo ? ` regel ${u.rowNo}` : ''} = ${u.value}`).join('; ')}). Voeg de subsidie toe en lees het bestand opnieuw in`,
    })
  }
  return { format, errors, warnings, data, organisationId: org.id }
}

export const sisaValuesImport = {
  prepare: prepareValues,
  write: (db, prepared, who) => {
    const d = prepared.data
    const counts = writeImportedValues(db, who, d.sisaYear, d.writes)
    return {
      ...counts,
      details: {
        sisaYear: d.sisaYear,
        // The per-row preview, in the shape the CLI prints for every import: field before -> after.
        changes: d.changes
          .filter((c) => c.outcome !== 'unchanged')
          .map((c) => ({
            code: `${c.indicator}${c.rowNo ? ` regel ${c.rowNo}` : ''} (subsidie #${c.grantId})`,
            row: c.row,
            outcome: c.outcome,
            fields: { waarde: { before: c.before, after: c.after } },
          })),
        values: d.changes,
        unmatched: d.unmatched,
        draftDefinitions: d.draft,
      },
    }
  },
} satisfies ImportKind<Data>
