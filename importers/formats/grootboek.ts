// Reading a ledger extract (grootboek): one row per booking or per grant-year, with beschikkingsnummer or grant
// kenmerk, year and either a Soort column (Baten/Lasten) with signed amounts, or debet/credit columns.
import { headerErrors, headerOnly, isEmptyRow, matchHeaders, normaliseHeader, RowReader, type RowError, type Synonyms } from '../cells.js'
import type { Sheet } from '../read.js'

export type LedgerField =
  | 'year'
  | 'beschikkingsnummer'
  | 'reference'
  | 'soort'
  | 'amount'
  | 'debet'
  | 'credit'
  | 'account'
  | 'category'
  | 'taakveld'
  | 'kostenplaats'
  | 'description'
  | 'baten'
  | 'lasten'

export const LEDGER_FIELDS: Synonyms<LedgerField> = {
  year: ['boekjaar', 'jaar', 'year', 'begrotingsjaar'],
  beschikkingsnummer: ['beschikkingsnummer', 'beschikking', 'beschikkingnr', 'beschikkingsnr'],
  reference: ['kenmerk', 'subsidiekenmerk', 'projectnummer', 'project', 'zaaknummer', 'referentie'],
  soort: ['soort', 'baten lasten', 'batenlasten', 'b l', 'type'],
  amount: ['bedrag', 'saldo', 'amount', 'waarde'],
  debet: ['debet', 'debit'],
  credit: ['credit'],
  account: ['grootboekrekening', 'grootboek', 'rekening', 'gb rekening', 'account'],
  category: ['economische categorie', 'ec', 'categorie', 'ecocat'],
  taakveld: ['taakveld'],
  kostenplaats: ['kostenplaats'],
  description: ['omschrijving', 'description', 'tekst'],
  // One row per grant-year with separate Baten and Lasten columns (signed: a negative figure is a correction).
  baten: ['baten', 'realisatie baten', 'gerealiseerde baten', 'werkelijke baten'],
  lasten: ['lasten', 'realisatie lasten', 'gerealiseerde lasten', 'werkelijke lasten'],
}

export interface Booking {
  sheet: string | null
  row: number
  year: number | null
  beschikkingsnummer: string | null
  reference: string | null
  /** Signed: positive adds to baten/lasten, negative is a correction. Exactly one of baten/lasten is set. */
  batenCents: number
  lastenCents: number
  /** For messages: the column of the matching key. */
  keyColumn: string
}

type Side = 'baten' | 'lasten'

function sideOf(text: string | null): Side | undefined {
  if (!text) return undefined
  const n = normaliseHeader(text)
  if (['baten', 'b', 'opbrengst', 'opbrengsten', 'inkomsten', 'baat'].includes(n) || n.startsWith('baten')) return 'baten'
  if (['lasten', 'l', 'kosten', 'uitgaven', 'last'].includes(n) || n.startsWith('lasten')) return 'lasten'
  return undefined
}

/**
 * Debet is lasten and credit is baten, unless the row says otherwise (Soort or economische categorie column).
 * Without those, an account (grootboekrekening) is read as a lasten account when its debet total in the
 * file is at least its credit total: a credit on a cost account is then a correction of lasten, as in
 * "Correctie isolatievouchers" in the sample ledger, not income.
 */
export function readLedger(sheets: Sheet[], map: Record<string, string>, errors: RowError[], warnings: RowError[]): Booking[] {
  const sheet =
    sheets.find((s) => {
      const m = matchHeaders<LedgerField>(s.rows, LEDGER_FIELDS, [], map)
      return m && (m.col.beschikkingsnummer !== undefined || m.col.reference !== undefined)
    }) ?? sheets[0]
  const m = matchHeaders<LedgerField>(sheet.rows, LEDGER_FIELDS, [], map)
  const has = (f: LedgerField) => m?.col[f] !== undefined
  const problems: string[] = []
  if (!m || (!has('beschikkingsnummer') && !has('reference'))) problems.push('beschikkingsnummer of kenmerk')
  const split = has('baten') || has('lasten')
  if (m && !split && !(has('debet') || has('credit')) && !(has('amount') && (has('soort') || has('category')))) {
    problems.push('debet/credit, of bedrag met soort (Baten/Lasten), of kolommen Baten en Lasten')
  }
  if (m && split && (has('debet') || has('credit') || has('amount'))) {
    errors.push({
      sheet: sheet.name,
      row: m.headerRow,
      column: '',
      message: 'kolommen Baten/Lasten naast Debet/Credit of Bedrag: kies één indeling (of gebruik --map)',
    })
    return []
  }
  if (!m || problems.length) {
    errors.push({
      sheet: sheet.name,
      row: m?.headerRow ?? 1,
      column: '',
      message: `kolommen voor ${problems.join(' en ')} niet gevonden (gevonden: ${(m?.headers ?? []).filter(Boolean).join(', ') || 'geen'}); gebruik --map VELD=KOLOMKOP (velden: ${Object.keys(LEDGER_FIELDS).join(', ')})`,
    })
    return []
  }
  if (headerErrors(sheet, m, errors)) return []
  for (const u of m.unknown) warnings.push({ sheet: sheet.name, row: m.headerRow, column: u, message: `kolom '${u}' wordt niet gebruikt` })
  type Raw = {
    rd: RowReader<LedgerField>
    side?: Side
    debet: number
    credit: number
    amount: number | null
    account: string | null
    pair?: { baten: number; lasten: number }
  }
  const raws: Raw[] = []
  for (let r = m.headerRow; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r]
    if (isEmptyRow(cells)) continue
    const rd = new RowReader(sheet.name, r + 1, cells, m, errors)
    const soort = rd.text('soort')
    const category = rd.text('category')
    const side = sideOf(soort) ?? sideOf(category)
    if (soort && !sideOf(soort)) rd.error('soort', `soort: '${soort}' is geen Baten of Lasten`)
    const debet = rd.money('debet') ?? 0
    const credit = rd.money('credit') ?? 0
    const amount = rd.money('amount')
    if (!split && !has('debet') && !has('credit') && !side && !soort) rd.error('soort', 'soort: geef aan of het bedrag baten of lasten is')
    const pair = split ? { baten: rd.money('baten') ?? 0, lasten: rd.money('lasten') ?? 0 } : undefined
    raws.push({ rd, side, debet, credit, amount, account: rd.text('account'), pair })
  }
  if (raws.length === 0) errors.push(headerOnly(sheet, 'boekingen', m.headerRow))
  const accountSide = new Map<string, Side>()
  const totals = new Map<string, { d: number; c: number }>()
  for (const x of raws)
    if (x.account) {
      const t = totals.get(x.account) ?? { d: 0, c: 0 }
      totals.set(x.account, { d: t.d + x.debet, c: t.c + x.credit })
    }
  for (const [acc, t] of totals) accountSide.set(acc, t.d >= t.c ? 'lasten' : 'baten')
  return raws.map(({ rd, side, debet, credit, amount, account, pair }) => {
    let baten = 0
    let lasten = 0
    if (pair) ({ baten, lasten } = pair)
    else if (amount !== null && !has('debet') && !has('credit')) {
      if (side === 'baten') baten = amount
      else lasten = amount
    } else {
      const s = side ?? (account ? accountSide.get(account) : undefined)
      if (s === 'baten') baten = credit - debet
      else if (s === 'lasten') lasten = debet - credit
      else {
        lasten = debet
        baten = credit
      }
    }
    const keyField: LedgerField = rd.has('beschikkingsnummer') ? 'beschikkingsnummer' : 'reference'
    return {
      sheet: sheet.name,
      row: rd.rowNumber,
      year: rd.integer('year', { min: 1990, max: 2100 }),
      beschikkingsnummer: rd.text('beschikkingsnummer'),
      reference: rd.text('reference'),
      batenCents: baten,
      lastenCents: lasten,
      keyColumn: rd.columnOf(keyField),
    }
  })
}
