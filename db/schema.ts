// The whole Woud data model: reference data, catalogue, portfolio, deadlines, SiSa, imports, access, audit.
// Money is integer euro cents (`*_cents`), percentages are basis points (`*_bp`, 100 % = 10000),
// calendar dates are 'YYYY-MM-DD' text, instants are UTC ISO text. Ids are AUTOINCREMENT so that an id is
// never handed out twice: a reused grant id would show one organisation another's audit history.
// No ON DELETE CASCADE anywhere:
// SQLite table rebuilds inside a migration silently empty cascading children (drizzle #5782, #4640).
import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  AARD_CONTROLE,
  BESCHIKKING_KIND,
  COFINANCING_BASIS,
  COFINANCING_SOURCE,
  GRANT_NATURE,
  GRANT_STATUS,
  HOLIDAY_KIND,
  INSTRUMENT,
  LEGAL_INSTRUMENT,
  ORGANISATION_KIND,
  PAYMENT_KIND,
  REFORM_TREATMENT,
  ROLE,
  ROW_DIMENSION,
  SCHEME_NATURE,
  SISA_DATA_TYPE,
  TOKEN_KIND,
  type GrantStatus,
} from './enums.js'

// 10^15 cents = 10 000 000 000 000 euro: well inside Number.MAX_SAFE_INTEGER, far above any real grant.
import { MAX_CENTS } from './money.js'
const centsNonNeg = (col: string) => sql.raw(`${col} >= 0 AND ${col} <= ${MAX_CENTS}`)
const centsSigned = (col: string) => sql.raw(`${col} >= -${MAX_CENTS} AND ${col} <= ${MAX_CENTS}`)
const isoDate = (col: string) => sql.raw(`${col} IS NULL OR (length(${col}) = 10 AND date(${col}) = ${col})`)
const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

// ---------------------------------------------------------------- reference data

/** Iv3 taakvelden, versioned: a code is valid for budget years iv3_from..iv3_to (inclusive, null = open). */
export const taakvelden = sqliteTable(
  'taakvelden',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    iv3From: integer('iv3_from').notNull(),
    iv3To: integer('iv3_to'),
  },
  (t) => [uniqueIndex('taakvelden_code_from').on(t.code, t.iv3From)],
)

/** General holidays (Atw art. 3) and days gelijkgesteld by Koninklijk Besluit; computed ones are seeded, KB days added by users. */
export const holidays = sqliteTable(
  'holidays',
  {
    date: text('date').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: HOLIDAY_KIND.keys }).notNull(),
    // reports area (migration 0005): the law or decree the day comes from.
    source: text('source'),
  },
  () => [check('holidays_date', isoDate('date'))],
)

/** Key/value settings that are data, not code (lead times, thresholds, Atw applicability). Value is JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  source: text('source'),
  updatedAt: text('updated_at').notNull().default(nowIso),
})

// ---------------------------------------------------------------- organisations

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORGANISATION_KIND.keys }).notNull(),
  createdAt: text('created_at').notNull().default(nowIso),
  archivedAt: text('archived_at'),
})

/** Members of a gemeenschappelijke regeling (GR reports SiSa per member gemeente). */
export const organisationMembers = sqliteTable(
  'organisation_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => organisations.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] })],
)

// ---------------------------------------------------------------- scheme catalogue

export const schemes = sqliteTable(
  'schemes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    sisaCode: text('sisa_code'),
    name: text('name').notNull(),
    ministry: text('ministry').notNull(),
    instrument: text('instrument', {
      enum: INSTRUMENT.keys,
    })
      .notNull()
      .default('spuk'),
    legalBasis: text('legal_basis'),
    executor: text('executor'),
    recipients: text('recipients'),
    begrotingsartikel: text('begrotingsartikel'),
    nature: text('nature', { enum: SCHEME_NATURE.keys }).notNull().default('incidenteel'),
    startYear: integer('start_year'),
    endYear: integer('end_year'),
    spendUntil: text('spend_until'),
    cofinancingBp: integer('cofinancing_bp'),
    cofinancingBasis: text('cofinancing_basis', { enum: COFINANCING_BASIS.keys }),
    cofinancingFixedCents: integer('cofinancing_fixed_cents'),
    rijksShareBp: integer('rijks_share_bp'),
    carryOverBp: integer('carry_over_bp'),
    sisaRequired: integer('sisa_required', { mode: 'boolean' }).notNull().default(true),
    planned: integer('planned', { mode: 'boolean' }).notNull().default(false),
    defaultTaakveld: text('default_taakveld'),
    url: text('url'),
    notes: text('notes'),
    /** Where the row came from: 'bundled', 'import:<batch id>', 'api'. */
    provenance: text('provenance').notNull().default('bundled'),
    /** Extra catalogue columns kept verbatim (docs/formats.md#catalogue: more columns may be added). */
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('schemes_sisa_code').on(t.sisaCode),
    index('schemes_ministry').on(t.ministry),
    check('schemes_years', sql`${t.endYear} IS NULL OR ${t.startYear} IS NULL OR ${t.endYear} >= ${t.startYear}`),
    check(
      'schemes_bp',
      sql`coalesce(${t.cofinancingBp}, 0) BETWEEN 0 AND 100000 AND coalesce(${t.rijksShareBp}, 0) BETWEEN 0 AND 10000 AND coalesce(${t.carryOverBp}, 0) BETWEEN 0 AND 10000`,
    ),
    check('schemes_cofin_fixed', centsNonNeg('coalesce(cofinancing_fixed_cents, 0)')),
    check('schemes_spend_until', isoDate('spend_until')),
  ],
)

/** Application windows / tranches of a scheme. Windows in a regeling are fixed dates: the Atw does not move them. */
export const schemeWindows = sqliteTable(
  'scheme_windows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    tranche: text('tranche').notNull(),
    opensOn: text('opens_on'),
    closesOn: text('closes_on'),
    /** Clock time and zone as the regeling states it, e.g. '23:00 CET'; informative. */
    closesAtTime: text('closes_at_time'),
    allocation: text('allocation'),
    budgetCents: integer('budget_cents'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('scheme_windows_tranche').on(t.schemeId, t.tranche),
    check('scheme_windows_dates', sql`(${t.opensOn} IS NULL OR ${t.closesOn} IS NULL OR ${t.closesOn} >= ${t.opensOn})`),
    check(
      'scheme_windows_iso',
      sql.raw(`(opens_on IS NULL OR date(opens_on) = opens_on) AND (closes_on IS NULL OR date(closes_on) = closes_on)`),
    ),
    check('scheme_windows_budget', centsNonNeg('coalesce(budget_cents, 0)')),
  ],
)

/** History of a scheme's spend deadline (energiearmoede: 2023-05-01 -> 2025-12-31). */
export const schemeSpendDeadlines = sqliteTable(
  'scheme_spend_deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    spendUntil: text('spend_until').notNull(),
    decidedOn: text('decided_on'),
    note: text('note'),
  },
  () => [check('scheme_spend_deadlines_iso', isoDate('spend_until'))],
)

/** Planned national amounts per year (departmental Bijlage specifieke uitkeringen, x EUR 1 mln converted to cents). */
export const schemeNationalAmounts = sqliteTable(
  'scheme_national_amounts',
  {
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    year: integer('year').notNull(),
    amountCents: integer('amount_cents').notNull(),
    source: text('source'),
  },
  (t) => [
    primaryKey({ columns: [t.schemeId, t.year] }),
    // imports (migration 0004): negative when repayments exceed payments (SPUK Bbz).
    check('scheme_national_amounts_cents', sql.raw(`amount_cents >= -${MAX_CENTS} AND amount_cents <= ${MAX_CENTS}`)),
  ],
)

/** Per-scheme assumptions of the spuk-reform forecast scenario (docs/domain.md#forecast): data, not code. */
export const reformAssumptions = sqliteTable(
  'reform_assumptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scenario: text('scenario').notNull().default('spuk-reform'),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    fromYear: integer('from_year').notNull(),
    treatment: text('treatment', { enum: REFORM_TREATMENT.keys }).notNull(),
    cutBp: integer('cut_bp').notNull().default(0),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('reform_assumptions_scheme').on(t.scenario, t.schemeId),
    check('reform_assumptions_cut', sql`${t.cutBp} BETWEEN 0 AND 10000`),
  ],
)

// ---------------------------------------------------------------- portfolio

export const GRANT_STATUSES = GRANT_STATUS.keys
export type { GrantStatus }

/** One application or beschikking of one organisation for one scheme, across several budget years. */
export const grants = sqliteTable(
  'grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    /** The organisation's own reference (zaaknummer, projectnummer); unique within the organisation. */
    reference: text('reference'),
    title: text('title').notNull(),
    owner: text('owner'),
    department: text('department'),
    status: text('status', { enum: GRANT_STATUSES }).notNull().default('verkenning'),
    beschikkingsnummer: text('beschikkingsnummer'),
    requestedCents: integer('requested_cents'),
    awardedCents: integer('awarded_cents'),
    /** Part of the award paid into the BTW-compensatiefonds: not in the SiSa total (C94 notice). */
    bcfCents: integer('bcf_cents').notNull().default(0),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    spendUntil: text('spend_until'),
    probabilityPct: integer('probability_pct'),
    taakveld: text('taakveld'),
    kostenplaats: text('kostenplaats'),
    begrotingspost: text('begrotingspost'),
    programma: text('programma'),
    paymentRoute: text('payment_route'),
    nature: text('nature', { enum: GRANT_NATURE.keys }).notNull().default('incidenteel'),
    /** Why the nature deviates from the BBV default (money with an end fixed by a beschikking is incidenteel). */
    natureReason: text('nature_reason'),
    cofinancingBasis: text('cofinancing_basis', { enum: COFINANCING_BASIS.keys }),
    cofinancingBp: integer('cofinancing_bp'),
    cofinancingFixedCents: integer('cofinancing_fixed_cents'),
    appliedOn: text('applied_on'),
    awardedOn: text('awarded_on'),
    establishedOn: text('established_on'),
    closedOn: text('closed_on'),
    /** Year whose SiSa carries Eindverantwoording = Ja (expected or actual). */
    finalAccountYear: integer('final_account_year'),
    onVerantwoordingslijst: integer('on_verantwoordingslijst', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes'),
    archivedAt: text('archived_at'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    index('grants_org').on(t.organisationId, t.status),
    index('grants_scheme').on(t.schemeId),
    index('grants_beschikking').on(t.beschikkingsnummer),
    uniqueIndex('grants_org_reference').on(t.organisationId, t.reference),
    check(
      'grants_money',
      sql.raw(
        `coalesce(requested_cents,0) BETWEEN 0 AND ${MAX_CENTS} AND coalesce(awarded_cents,0) BETWEEN 0 AND ${MAX_CENTS} AND bcf_cents BETWEEN 0 AND ${MAX_CENTS} AND coalesce(cofinancing_fixed_cents,0) BETWEEN 0 AND ${MAX_CENTS}`,
      ),
    ),
    check('grants_bcf_le_award', sql`${t.awardedCents} IS NULL OR ${t.bcfCents} <= ${t.awardedCents}`),
    check('grants_period', sql`${t.periodFrom} IS NULL OR ${t.periodTo} IS NULL OR ${t.periodTo} >= ${t.periodFrom}`),
    check('grants_probability', sql`${t.probabilityPct} IS NULL OR ${t.probabilityPct} BETWEEN 0 AND 100`),
    check('grants_cofin_bp', sql`coalesce(${t.cofinancingBp}, 0) BETWEEN 0 AND 100000`),
    check(
      'grants_dates',
      sql.raw(
        ['period_from', 'period_to', 'spend_until', 'applied_on', 'awarded_on', 'established_on', 'closed_on']
          .map((c) => `(${c} IS NULL OR date(${c}) = ${c})`)
          .join(' AND '),
      ),
    ),
  ],
)

/** Every beschikking of a grant: toekenning, voorlopig, wijziging (amendment), vaststelling. */
export const beschikkingen = sqliteTable(
  'beschikkingen',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    nummer: text('nummer').notNull(),
    kind: text('kind', { enum: BESCHIKKING_KIND.keys }).notNull(),
    date: text('date').notNull(),
    amountCents: integer('amount_cents'),
    note: text('note'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    index('beschikkingen_grant').on(t.grantId),
    index('beschikkingen_nummer').on(t.nummer),
    check('beschikkingen_cents', centsNonNeg('coalesce(amount_cents, 0)')),
    check('beschikkingen_date', isoDate('date')),
  ],
)

/** Dated lifecycle events of a grant (including 'gewijzigd' amendments that keep the status). */
export const grantTransitions = sqliteTable(
  'grant_transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    event: text('event').notNull(),
    onDate: text('on_date').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('grant_transitions_grant').on(t.grantId), check('grant_transitions_on', isoDate('on_date'))],
)

/** History of a grant's spend deadline; the current one is grants.spend_until. */
export const grantSpendDeadlines = sqliteTable(
  'grant_spend_deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    spendUntil: text('spend_until').notNull(),
    previous: text('previous'),
    changedOn: text('changed_on').notNull(),
    reason: text('reason'),
  },
  (t) => [index('grant_spend_deadlines_grant').on(t.grantId)],
)

/** Planned and realised money of one grant in one budget year. */
export const grantYears = sqliteTable(
  'grant_years',
  {
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    year: integer('year').notNull(),
    plannedBatenCents: integer('planned_baten_cents').notNull().default(0),
    plannedLastenCents: integer('planned_lasten_cents').notNull().default(0),
    realisedBatenCents: integer('realised_baten_cents').notNull().default(0),
    realisedLastenCents: integer('realised_lasten_cents').notNull().default(0),
    /** The part of the lasten that is structural (e.g. permanent staff) although the money is incidental. */
    structuralLastenCents: integer('structural_lasten_cents').notNull().default(0),
    cofinancingPlannedCents: integer('cofinancing_planned_cents').notNull().default(0),
    cofinancingRealisedCents: integer('cofinancing_realised_cents').notNull().default(0),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    primaryKey({ columns: [t.grantId, t.year] }),
    index('grant_years_year').on(t.year),
    check('grant_years_year_range', sql`${t.year} BETWEEN 1990 AND 2100`),
    check(
      'grant_years_planned',
      sql.raw(
        ['planned_baten_cents', 'planned_lasten_cents', 'structural_lasten_cents', 'cofinancing_planned_cents']
          .map((c) => `(${c} BETWEEN 0 AND ${MAX_CENTS})`)
          .join(' AND '),
      ),
    ),
    // Realised figures are ledger sums: a year of corrections can be negative.
    check(
      'grant_years_realised',
      sql.raw(
        ['realised_baten_cents', 'realised_lasten_cents', 'cofinancing_realised_cents']
          .map((c) => `(${c} BETWEEN -${MAX_CENTS} AND ${MAX_CENTS})`)
          .join(' AND '),
      ),
    ),
  ],
)

export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    kind: text('kind', { enum: PAYMENT_KIND.keys }).notNull(),
    paidOn: text('paid_on').notNull(),
    /** Always positive; the kind says the direction (terugbetaling = money back to the Rijk). */
    amountCents: integer('amount_cents').notNull(),
    reference: text('reference'),
    note: text('note'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    index('payments_grant').on(t.grantId),
    check('payments_cents', sql.raw(`amount_cents > 0 AND amount_cents <= ${MAX_CENTS}`)),
    check('payments_date', isoDate('paid_on')),
  ],
)

export const cofinancingCommitments = sqliteTable(
  'cofinancing_commitments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    source: text('source', { enum: COFINANCING_SOURCE.keys }).notNull(),
    /** Null = for the whole grant; else the budget year it is committed for. */
    year: integer('year'),
    amountCents: integer('amount_cents').notNull(),
    reservedInBegroting: integer('reserved_in_begroting', { mode: 'boolean' }).notNull().default(false),
    description: text('description'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('cofinancing_grant').on(t.grantId), check('cofinancing_cents', centsNonNeg('amount_cents'))],
)

// ---------------------------------------------------------------- deadlines

/** Deadlines typed by users (custom) and overrides; derived deadlines are computed and only their completion is stored. */
export const deadlines = sqliteTable(
  'deadlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    grantId: integer('grant_id').references(() => grants.id),
    schemeId: integer('scheme_id').references(() => schemes.id),
    kind: text('kind').notNull().default('custom'),
    title: text('title').notNull(),
    nominalDate: text('nominal_date').notNull(),
    legalInstrument: text('legal_instrument', { enum: LEGAL_INSTRUMENT.keys }).notNull().default('praktijk'),
    atwApplies: integer('atw_applies', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('deadlines_org').on(t.organisationId, t.nominalDate), check('deadlines_date', isoDate('nominal_date'))],
)

/** Completion of any deadline, derived or custom, keyed by its stable key (also the iCalendar UID). */
export const deadlineCompletions = sqliteTable(
  'deadline_completions',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    deadlineKey: text('deadline_key').notNull(),
    doneAt: text('done_at').notNull().default(nowIso),
    doneBy: text('done_by').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.deadlineKey] })],
)

// ---------------------------------------------------------------- SiSa

/** One uitkering (regeling block) of a SiSa year and format version. */
export const sisaRegelingen = sqliteTable(
  'sisa_regelingen',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sisaYear: integer('sisa_year').notNull(),
    formatDate: text('format_date').notNull(),
    sisaCode: text('sisa_code').notNull(),
    verstrekker: text('verstrekker').notNull(),
    name: text('name').notNull(),
    legalBasis: text('legal_basis'),
    ontvanger: text('ontvanger').notNull().default('Gemeenten'),
  },
  (t) => [uniqueIndex('sisa_regelingen_key').on(t.sisaYear, t.formatDate, t.sisaCode)],
)

export const sisaIndicators = sqliteTable(
  'sisa_indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    regelingId: integer('regeling_id')
      .notNull()
      .references(() => sisaRegelingen.id),
    sisaYear: integer('sisa_year').notNull(),
    formatDate: text('format_date').notNull(),
    sisaCode: text('sisa_code').notNull(),
    /** Two digits, '01'..'99'; the full code is `${sisaCode}/${number}`. */
    number: text('number').notNull(),
    label: text('label').notNull(),
    dataType: text('data_type', { enum: SISA_DATA_TYPE.keys }).notNull(),
    aardControle: text('aard_controle', { enum: AARD_CONTROLE.keys }).notNull(),
    rowDimension: text('row_dimension', { enum: ROW_DIMENSION.keys }).notNull().default('none'),
    /** For computed indicators, e.g. 'sum(01,02,04,05,06,07,08)'. */
    formula: text('formula'),
    /** What Woud can prefill this from: besteding, cumulatief, ontvangen, eindverantwoording, correctie. */
    prefill: text('prefill'),
    mandatory: integer('mandatory', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('sisa_indicators_key').on(t.sisaYear, t.formatDate, t.sisaCode, t.number)],
)

export const sisaValues = sqliteTable(
  'sisa_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    sisaYear: integer('sisa_year').notNull(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => sisaIndicators.id),
    /** 0 for single-valued indicators; 1.. for project / gemeente / beschikking rows. */
    rowNo: integer('row_no').notNull().default(0),
    valueCents: integer('value_cents'),
    valueBool: integer('value_bool', { mode: 'boolean' }),
    valueText: text('value_text'),
    /** 'manual' or 'prefill:<what>' */
    source: text('source').notNull().default('manual'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex('sisa_values_key').on(t.grantId, t.sisaYear, t.indicatorId, t.rowNo),
    check('sisa_values_cents', centsSigned('coalesce(value_cents, 0)')),
  ],
)

/** Tabel fouten en onzekerheden, per uitkering (and optionally indicator). */
export const sisaFindings = sqliteTable(
  'sisa_fouten_onzekerheden',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    sisaYear: integer('sisa_year').notNull(),
    sisaCode: text('sisa_code').notNull(),
    indicatorNumber: text('indicator_number'),
    foutCents: integer('fout_cents').notNull().default(0),
    onzekerheidCents: integer('onzekerheid_cents').notNull().default(0),
    toelichting: text('toelichting'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  () => [check('sisa_fo_cents', sql.raw(`fout_cents BETWEEN 0 AND ${MAX_CENTS} AND onzekerheid_cents BETWEEN 0 AND ${MAX_CENTS}`))],
)

/** Lines of a verantwoordingslijst as imported, per organisation and SiSa year: the basis of the year-on-year diff. */
export const verantwoordingslijst = sqliteTable(
  'verantwoordingslijst',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    sisaYear: integer('sisa_year').notNull(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => schemes.id),
    grantId: integer('grant_id').references(() => grants.id),
    verstrekker: text('verstrekker'),
    sisaCode: text('sisa_code'),
    regeling: text('regeling').notNull(),
    beschikkingsnummer: text('beschikkingsnummer'),
    amountCents: integer('amount_cents'),
    opmerking: text('opmerking'),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id),
  },
  (t) => [
    uniqueIndex('verantwoordingslijst_key').on(t.organisationId, t.sisaYear, t.schemeId, t.beschikkingsnummer),
    check('verantwoordingslijst_cents', centsNonNeg('coalesce(amount_cents, 0)')),
  ],
)

// ---------------------------------------------------------------- imports, access, audit

export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  format: text('format').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  organisationId: integer('organisation_id').references(() => organisations.id),
  year: integer('year'),
  actor: text('actor').notNull(),
  source: text('source').notNull(),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  at: text('at').notNull().default(nowIso),
})

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** Operator of a shared-service installation: all organisations, all roles. */
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(nowIso),
  disabledAt: text('disabled_at'),
  /** Web sign-in (web area): scrypt hash with its salt and parameters; null = no browser sign-in. */
  passwordHash: text('password_hash'),
})

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: ROLE.keys }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
)

/** API and calendar-feed tokens; only a SHA-256 hash of the secret is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  kind: text('kind', { enum: TOKEN_KIND.keys }).notNull().default('api'),
  /** For feed tokens: the one organisation whose calendar it opens. */
  organisationId: integer('organisation_id').references(() => organisations.id),
  hash: text('hash').notNull().unique(),
  label: text('label'),
  expiresOn: text('expires_on'),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
  createdAt: text('created_at').notNull().default(nowIso),
})

// ---------------------------------------------------------------- web sign-in (web area, issue 11)

/** Browser sessions; `id` is the SHA-256 hex of the cookie token, so a leaked table opens no session. */
export const webSessions = sqliteTable(
  'web_sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The organisation the user is working in now (switchable); null until chosen. */
    organisationId: integer('organisation_id').references(() => organisations.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('web_sessions_user').on(t.userId)],
)

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(nowIso),
    actor: text('actor').notNull(),
    source: text('source').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
)

// ---------------------------------------------------------------- reminders by e-mail (issue 17)

/** What a recipient receives: a weekly digest (Monday), lead-time and overdue reminders, or nothing. */
export const REMINDER_MODES = ['digest', 'lead', 'none'] as const
export type ReminderMode = (typeof REMINDER_MODES)[number]

/** Users who follow a grant besides its owner: they receive its reminders as the owner does. */
export const grantFollowers = sqliteTable(
  'grant_followers',
  {
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [primaryKey({ columns: [t.grantId, t.userId] })],
)

/** The finance mailbox of an organisation: it receives every deadline of the organisation (default: weekly digest). */
export const reminderMailboxes = sqliteTable('reminder_mailboxes', {
  organisationId: integer('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  email: text('email').notNull(),
  mode: text('mode', { enum: REMINDER_MODES }).notNull().default('digest'),
  updatedAt: text('updated_at').notNull().default(nowIso),
})

/** A user's choice per organisation; no row means the default: lead-time reminders. */
export const reminderPreferences = sqliteTable(
  'reminder_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    mode: text('mode', { enum: REMINDER_MODES }).notNull(),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
)

/**
 * Every reminder that was due, recorded before it is sent: a failed delivery is never lost (the next run sends
 * it again) and a second run sends nothing twice. `kind` is 'digest', 'lead:<days>' or 'overdue'; `item` is the
 * deadline key ('digest' for a digest) and `itemDate` its effective date (the Monday for a digest).
 */
export const reminderMessages = sqliteTable(
  'reminder_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recipient: text('recipient').notNull(),
    kind: text('kind').notNull(),
    item: text('item').notNull(),
    itemDate: text('item_date').notNull(),
    dueOn: text('due_on').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: text('last_attempt_at'),
    sentAt: text('sent_at'),
    messageId: text('message_id'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    uniqueIndex('reminder_messages_once').on(t.organisationId, t.recipient, t.kind, t.item, t.itemDate),
    index('reminder_messages_status').on(t.status, t.organisationId),
    check('reminder_messages_dates', sql.raw('date(item_date) = item_date AND date(due_on) = due_on')),
  ],
)

// --- realfiles area (issue 15 item 6): what each ledger period contributed to a grant-year's realised figures, so
// a second import of the same period replaces its own part and a different period adds to the year.
export const ledgerPeriods = sqliteTable(
  'ledger_periods',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    fromMonth: integer('from_month').notNull(),
    toMonth: integer('to_month').notNull(),
    grantId: integer('grant_id')
      .notNull()
      .references(() => grants.id),
    batenCents: integer('baten_cents').notNull(),
    lastenCents: integer('lasten_cents').notNull(),
    batchId: integer('batch_id').references(() => importBatches.id),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.year, t.fromMonth, t.toMonth, t.grantId] }),
    check('ledger_periods_months', sql`${t.fromMonth} BETWEEN 1 AND 12 AND ${t.toMonth} BETWEEN ${t.fromMonth} AND 12`),
  ],
)
