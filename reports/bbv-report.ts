// The 'bbv' workbook: overzicht incidentele baten en lasten (begroting T, meerjarenraming T+1..T+3), the effect on
// the structural balance, structural lasten paid from incidental grant money, and the overlopende passiva.
import { computeBbv, type BbvData } from './bbv.js'
import { yearText } from './cofinancing-report.js'
import { loadGrants } from './report-data.js'
import type { Column, ReportDef, ReportParams, SheetSpec } from './types.js'

const SEVERITY_NL = { fout: 'Fout', waarschuwing: 'Waarschuwing', info: 'Info' } as const
const money = (key: string, header: string, total = true): Column => ({ key, header, type: 'money', total })
const text = (key: string, header: string, width = 20): Column => ({ key, header, type: 'text', width })

export function bbvSheets(d: BbvData, p: ReportParams): SheetSpec[] {
  const title = (what: string) => `${what} — ${p.orgName} (${p.orgCode})`
  const [t, ...raming] = d.years
  const yearsLine = `${t} = begroting, ${raming.join(', ')} = meerjarenraming (geplande bedragen; structurele lasten niet meegeteld).`
  const passivaRange = `Saldo per 31 december ${p.year}; een negatief saldo is voorfinanciering (overlopend actief, BBV art. 40a).`
  return [
    {
      kind: 'table',
      name: 'Incidentele baten en lasten',
      preamble: [title('Overzicht incidentele baten en lasten (BBV art. 19)'), yearsLine],
      columns: [
        text('programma', 'Programma'),
        text('taakveld', 'Taakveld', 12),
        text('title', 'Subsidie', 32),
        text('schemeCode', 'Regeling', 22),
        ...d.years.flatMap((y, i) => [money(`b${i}`, `Baten ${y}`), money(`l${i}`, `Lasten ${y}`), money(`s${i}`, `Saldo ${y}`)]),
      ],
      // One literal shape per row: the four years (T..T+3, computeBbv) under their index, not keys added one by one.
      rows: d.lines.map((l) => ({
        programma: l.programma,
        taakveld: l.taakveld,
        title: l.title,
        schemeCode: l.schemeCode,
        b0: l.perYear[0].batenCents,
        l0: l.perYear[0].lastenCents,
        s0: l.perYear[0].saldoCents,
        b1: l.perYear[1].batenCents,
        l1: l.perYear[1].lastenCents,
        s1: l.perYear[1].saldoCents,
        b2: l.perYear[2].batenCents,
        l2: l.perYear[2].lastenCents,
        s2: l.perYear[2].saldoCents,
        b3: l.perYear[3].batenCents,
        l3: l.perYear[3].lastenCents,
        s3: l.perYear[3].saldoCents,
      })),
      totals: true,
    },
    {
      kind: 'table',
      name: 'Incidenteel jaarrekening',
      preamble: [
        title(`Overzicht incidentele baten en lasten jaarrekening ${p.year} (BBV art. 28)`),
        'Begroting na wijziging: de geplande bedragen zoals nu vastgelegd; realisatie: gerealiseerde bedragen. ' +
          'Structurele lasten niet meegeteld.',
      ],
      columns: [
        text('programma', 'Programma', 28),
        money('budgetLastenCents', 'Begroting na wijziging: lasten'),
        money('budgetBatenCents', 'Begroting na wijziging: baten'),
        money('budgetSaldoCents', 'Begroting na wijziging: saldo'),
        money('realLastenCents', 'Realisatie: lasten'),
        money('realBatenCents', 'Realisatie: baten'),
        money('realSaldoCents', 'Realisatie: saldo'),
      ],
      rows: d.jaarrekening,
      totals: true,
    },
    {
      kind: 'table',
      name: 'Effect structureel saldo',
      preamble: [
        title('Effect van subsidies op het structureel begrotingssaldo'),
        yearsLine,
        'Het structureel saldo laat het saldo incidentele baten en lasten weg; structurele lasten uit incidentele middelen verlagen het.',
      ],
      columns: [
        { key: 'year', header: 'Jaar', type: 'year' },
        money('incidentalBatenCents', 'Incidentele baten', false),
        money('incidentalLastenCents', 'Incidentele lasten', false),
        money('incidentalSaldoCents', 'Saldo incidenteel', false),
        money('structuralFromIncidentalCents', 'Structurele lasten uit incidentele middelen', false),
        money('structuralEffectCents', 'Effect op structureel saldo', false),
      ],
      rows: d.summary.map((s) => ({ ...s, year: yearText(s.year) })),
      highlight: (r) => (r.structuralFromIncidentalCents as number) > 0,
    },
    {
      kind: 'table',
      name: 'Structureel uit incidenteel',
      preamble: [
        title('Structurele lasten betaald uit incidentele subsidiemiddelen'),
        `Jaren ${d.years[0]}–${d.years[3]}. Rood: het laatste jaar met subsidiebaten of later.`,
      ],
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('title', 'Subsidie', 32),
        text('schemeCode', 'Regeling', 22),
        text('status', 'Status', 14),
        text('programma', 'Programma'),
        text('taakveld', 'Taakveld', 12),
        { key: 'year', header: 'Jaar', type: 'year' },
        money('structuralLastenCents', 'Structurele lasten'),
        money('incidentalBatenCents', 'Incidentele baten'),
        { key: 'lastFundedYear', header: 'Laatste jaar met baten', type: 'year', ifEmpty: 'geen' },
      ],
      rows: d.structuralFromIncidental,
      totals: true,
      // Conditional formatting: stays right when a controller edits the years or amounts.
      alert: 'AND({structuralLastenCents}>0,OR(ISTEXT({lastFundedYear}),{year}>={lastFundedYear}))',
    },
    {
      kind: 'table',
      name: 'Overlopende passiva',
      preamble: [
        title('Ontvangen voorschotten met een specifiek bestedingsdoel (BBV art. 49 sub b)'),
        passivaRange,
        'Vermindering = besteding (lasten min cofinanciering, binnen toekenning − BCF) plus terugbetalingen: ontvangen min besteed, ' +
          'ongeacht hoe het grootboek de ontvangst noemde.',
      ],
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('schemeCode', 'Regeling', 22),
        text('title', 'Omschrijving', 32),
        text('herkomst', 'Herkomst', 30),
        money('beginCents', 'Saldo 1 januari'),
        money('increaseCents', 'Vermeerdering'),
        money('decreaseCents', 'Vermindering'),
        money('endCents', 'Saldo 31 december'),
        money('realisedBatenCents', 'Gerealiseerde baten (grootboek)', false),
        text('note', 'Toelichting', 60),
      ],
      rows: d.passiva,
      totals: true,
      highlight: (r) => (r.endCents as number) < 0,
    },
    {
      kind: 'table',
      name: 'Passiva per herkomst',
      preamble: [title('Overlopende passiva per herkomst (BBV art. 52a)'), passivaRange],
      columns: [
        text('herkomst', 'Herkomst', 34),
        money('beginCents', 'Saldo 1 januari'),
        money('increaseCents', 'Vermeerdering'),
        money('decreaseCents', 'Vermindering'),
        money('endCents', 'Saldo 31 december'),
        money('passivaCents', 'Overlopende passiva'),
        money('activaCents', 'Overlopende activa'),
      ],
      rows: d.passivaByHerkomst,
      totals: true,
    },
    {
      kind: 'table',
      name: 'Bevindingen BBV',
      preamble: [
        title(`Bevindingen bij de balans per 31 december ${p.year}`),
        d.findings.length ? 'Specifieke uitkeringen waarvan gerealiseerde baten en lasten verschillen.' : 'Geen bevindingen.',
      ],
      columns: [
        text('severity', 'Ernst', 14),
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('schemeCode', 'Regeling', 22),
        text('title', 'Subsidie', 32),
        text('message', 'Bevinding', 90),
      ],
      rows: d.findings.map((f) => ({ ...f, severity: SEVERITY_NL[f.severity] })),
    },
  ]
}

export const bbvReport: ReportDef<BbvData> = {
  name: 'bbv',
  title: 'BBV: incidentele baten en lasten en overlopende passiva',
  compute: (db, p) => computeBbv(loadGrants(db, p.organisationId), p.year),
  sheets: bbvSheets,
}
