// Issue 16 item 10: the appendix's indicator line follows the year's format data: 'Indicatornummer: D1 / 01' in
// years whose bijlage used it, 'Indicator: D1/01' later. The form lives in db/reference/sisa-formats.ts with a source.
import t from 'tap'
import { indicatorLine, SISA_FORMATS, sisaFormatFor } from '../../db/reference/sisa-formats.js'
import { parseIndicatorCode } from '../../db/sisa-definitions.js'

t.test('label form per year, with a source, and readable back by the importer', async (t) => {
  t.equal(indicatorLine(2017, 'D1', '01'), 'Indicatornummer: D1 / 01')
  t.equal(indicatorLine(2018, 'C8', '01'), 'Indicatornummer: C8 / 01', 'Rotterdam 2018')
  t.equal(indicatorLine(2023, 'A16', '01'), 'Indicator: A16/01')
  t.equal(indicatorLine(2030, 'D8', '03'), 'Indicator: D8/03', 'the newest form holds for later years')
  t.equal(sisaFormatFor(2000).labelForm, 'indicatornummer', 'before the first entry: the oldest form')
  for (const f of SISA_FORMATS) t.ok(f.source.length > 10, `format from ${f.fromYear} names its source`)
  for (const y of [2017, 2019, 2025])
    t.strictSame(parseIndicatorCode(indicatorLine(y, 'D1A', '02')), { sisaCode: 'D1A', number: '02' }, `${y} round-trips`)
})
