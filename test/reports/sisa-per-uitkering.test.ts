// Several beschikkingen under one uitkering (C9 tranches) form one block of the SiSa appendix (docs/formats.md#outputs).
import t from 'tap'
import { appendixSheet, perUitkering } from '../../reports/sisa-appendix.js'
import type { SisaBlock, SisaData } from '../../reports/sisa-types.js'

const ind = (
  number: string,
  dataType: string,
  rowDimension = 'none',
  cells: { rowNo: number; value: Record<string, unknown> | null }[],
) => ({
  number,
  code: `C9/${number}`,
  label: `Indicator ${number}`,
  dataType,
  rowDimension,
  aardControle: dataType === 'euro' ? 'R' : 'NVT',
  cells: cells.map((c) => ({ ...c, source: 'manual', explanation: null, prefill: null })),
})

const block = (grantId: number, nummer: string, besteding: number, eind: boolean, projects: [string, number][]): SisaBlock =>
  ({
    grantId,
    grantTitle: `Woningbouwimpuls ${nummer}`,
    beschikkingsnummer: nummer,
    sisaCode: 'C9',
    verstrekker: 'BZK',
    name: 'Woningbouwimpuls',
    legalBasis: 'Besluit Woningbouwimpuls 2020',
    ontvanger: 'Gemeenten',
    indicators: [
      ind('01', 'euro', 'none', [{ rowNo: 0, value: { cents: besteding } }]),
      ind('02', 'janee', 'none', [{ rowNo: 0, value: { bool: eind } }]),
      ind(
        '03',
        'text',
        'project',
        projects.map(([name], k) => ({ rowNo: k + 1, value: { text: name } })),
      ),
      ind(
        '04',
        'euro',
        'project',
        projects.map(([, c], k) => ({ rowNo: k + 1, value: { cents: c } })),
      ),
    ],
    rowNos: projects.map((_, k) => k + 1),
    facts: {},
  }) as unknown as SisaBlock

t.test('two tranches under C9 become one block: amounts added, Ja only when all say Ja, project rows renumbered', async (t) => {
  const merged = perUitkering([
    block(1, 'WBI-T1-0042', 1_000_000_00, true, [
      ['Stationsgebied', 600_000_00],
      ['Zuidoever', 400_000_00],
    ]),
    block(2, 'WBI-T4-0107', 250_000_50, false, [['Havenkwartier', 250_000_50]]),
  ])
  t.equal(merged.length, 1)
  const b = merged[0]
  t.equal(b.indicators[0].cells[0].value?.cents, 1_250_000_50)
  t.equal(b.indicators[1].cells[0].value?.bool, false, 'Eindverantwoording is Ja only when every beschikking is final')
  t.same(
    b.indicators[2].cells.map((c) => [c.rowNo, c.value?.text]),
    [
      [1, 'Stationsgebied'],
      [2, 'Zuidoever'],
      [3, 'Havenkwartier'],
    ],
  )
  t.same(b.rowNos, [1, 2, 3])
  t.equal(b.beschikkingsnummer, 'WBI-T1-0042, WBI-T4-0107')

  const sheet = appendixSheet({
    organisation: { id: 1, code: 'GM0363', name: 'Amsterdam' },
    year: 2025,
    formatDate: '2026-01-15',
    blocks: [
      block(1, 'WBI-T1-0042', 1_000_000_00, true, [['Stationsgebied', 600_000_00]]),
      block(2, 'WBI-T4-0107', 250_000_50, true, [['Havenkwartier', 250_000_50]]),
      { ...block(3, 'X', 5_00, true, []), sisaCode: 'C94' },
    ],
  } as unknown as SisaData)
  const codes = sheet.rows.map((r) => r[1]?.value).filter((v) => v === 'C9' || v === 'C94')
  t.same(codes, ['C9', 'C94'], 'one block per uitkering in the appendix')
  const values = sheet.rows
    .flat()
    .filter((c) => c?.format === 'wholeEuro')
    .map((c) => c!.value)
  t.ok(values.includes(1_250_001_00), 'the merged besteding in whole euros (1.250.000,50 rounds to 1.250.001)')
})

t.test('a single beschikking is left as it is', async (t) => {
  const one = block(7, 'C94-2023-1133', 31_337_80, false, [])
  t.equal(perUitkering([one])[0], one)
})
