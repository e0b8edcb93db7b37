// The layout of the SiSa-bijlage per verantwoordingsjaar: data, not code (issue 16 item 10, domain guide §1.4).
// Older formats printed the indicator line as 'Indicatornummer: D1 / 01', later ones as 'Indicator: D1/01'.

export type LabelForm = 'indicatornummer' | 'indicator'

export interface SisaFormat {
  /** First SiSa year (verantwoordingsjaar) this form applies to; it holds until the next entry. */
  fromYear: number
  labelForm: LabelForm
  source: string
}

export const SISA_FORMATS: SisaFormat[] = [
  {
    fromYear: 2005,
    labelForm: 'indicatornummer',
    source:
      'Rotterdam jaarstukken 2018, SiSa-verantwoording: "Indicatornummer: C8 / 01" ' +
      '(watdoetdegemeente.rotterdam.nl/apps/jaarstukken2018-rotterdam.nl/financien/sisa-verantwoording/)',
  },
  {
    fromYear: 2019,
    labelForm: 'indicator',
    source:
      'SiSa-bijlagen 2020 en later: "Indicator: A16/01" (domain guide §1.4); UNCERTAIN: the switch happened "about 2020", ' +
      'taken here as verantwoordingsjaar 2019',
  },
]

/** The format entry of a SiSa year (the newest entry whose fromYear is not after it). */
export function sisaFormatFor(year: number, formats: SisaFormat[] = SISA_FORMATS): SisaFormat {
  const sorted = [...formats].sort((a, b) => a.fromYear - b.fromYear)
  return sorted.filter((f) => f.fromYear <= year).pop() ?? sorted[0]
}

/** The indicator line as the year's bijlage prints it: 'Indicatornummer: D1 / 01' or 'Indicator: D1/01'. */
export function indicatorLine(year: number, sisaCode: string, number: string): string {
  return sisaFormatFor(year).labelForm === 'indicatornummer'
    ? `Indicatornummer: ${sisaCode} / ${number}`
    : `Indicator: ${sisaCode}/${number}`
}
