// The 'portfolio' workbook: one row per grant with the figures of year T, a totals row.
import { loadGrants } from './report-data.js'
import { computePortfolio, type PortfolioData } from './portfolio.js'
import type { Column, ReportDef, ReportParams, SheetSpec } from './types.js'

const money = (key: string, header: string): Column => ({ key, header, type: 'money', total: true })
const text = (key: string, header: string, width = 20): Column => ({ key, header, type: 'text', width })
const date = (key: string, header: string): Column => ({ key, header, type: 'date' })

export function portfolioSheets(d: PortfolioData, p: ReportParams): SheetSpec[] {
  return [
    {
      kind: 'table',
      name: 'Portefeuille',
      preamble: [
        `Subsidieportefeuille ${p.year} — ${p.orgName} (${p.orgCode})`,
        `Bedragen per jaar zijn die van ${p.year}; subtotalen per verstrekker en taakveld; rood: open bevindingen of een cofinancieringstekort.`,
      ],
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('reference', 'Kenmerk', 14),
        text('schemeCode', 'Regeling', 22),
        text('schemeName', 'Naam regeling', 32),
        text('ministry', 'Verstrekker', 10),
        text('sisaCode', 'SiSa-code', 9),
        text('title', 'Omschrijving', 32),
        text('status', 'Status', 14),
        text('beschikkingsnummer', 'Beschikkingsnummer', 18),
        money('requestedCents', 'Aangevraagd'),
        money('awardedCents', 'Toegekend'),
        money('bcfCents', 'BCF-deel'),
        money('plannedBatenCents', `Geraamde baten ${p.year}`),
        money('plannedLastenCents', `Geraamde lasten ${p.year}`),
        money('realisedBatenCents', `Gerealiseerde baten ${p.year}`),
        money('realisedLastenCents', `Gerealiseerde lasten ${p.year}`),
        date('periodFrom', 'Looptijd van'),
        date('periodTo', 'Looptijd tot'),
        date('spendUntil', 'Besteden tot'),
        text('nature', 'Aard', 12),
        { key: 'probabilityBp', header: 'Kans', type: 'percent' },
        money('cofinancingRequiredCents', 'Cofinanciering vereist'),
        money('cofinancingCommittedCents', 'Cofinanciering toegezegd'),
        money('cofinancingShortfallCents', 'Cofinanciering tekort'),
        text('taakveld', 'Taakveld', 10),
        text('programma', 'Programma'),
        date('nextDeadlineDate', 'Volgende deadline'),
        text('nextDeadlineTitle', 'Deadline', 30),
        { key: 'openFindings', header: 'Open bevindingen', type: 'integer', total: true },
      ],
      rows: d.rows,
      totals: true,
      groups: [
        { key: 'ministry', label: 'verstrekker' },
        { key: 'taakveld', label: 'taakveld' },
      ],
      // Conditional formatting: stays right when a controller edits the amounts.
      alert: 'OR({openFindings}>0,{cofinancingRequiredCents}>{cofinancingCommittedCents})',
    },
  ]
}

export const portfolioReport: ReportDef<PortfolioData> = {
  name: 'portfolio',
  title: 'Subsidieportefeuille',
  compute: (db, p) => computePortfolio(db, loadGrants(db, p.organisationId), p),
  sheets: portfolioSheets,
}
