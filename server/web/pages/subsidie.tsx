// Subsidie: one grant with all its fields, the lifecycle steps allowed now, years, payments, co-financing,
// beschikkingen, deadlines, SiSa years and history. Forms are shown to roles that may use them (the POST checks again).
import { listAudit } from '../../../db/audit.js'
import { allowedTransitions, STATUS_LABELS } from '../../../db/lifecycle.js'
import { COFINANCING_SOURCES } from '../../../db/repositories/cofinancing.js'
import { LEGAL_INSTRUMENTS } from '../../../db/repositories/deadlines.js'
import type { GrantDetail } from '../../../db/repositories/grants.js'
import { yearsWithValues } from '../../../db/repositories/sisa-values.js'
import { SOURCE_NL } from '../../../reports/cofinancing.js'
import { INSTRUMENT_NL, KIND_NL, listDeadlines, STATE_NL } from '../../../reports/deadlines.js'
import { can, type WebContext } from '../context.js'
import { datum, euro, euroInput, moment } from '../format.js'
import { ErrorSummary, Field, FormState, PostForm, SelectField, Submit } from '../forms.js'
import { Layout, Notice } from '../layout.js'
import { DataTable } from '../table.js'

export const GRANT_FIELDS: { name: string; label: string; type?: 'money' | 'date' | 'textarea' | 'number' }[] = [
  { name: 'title', label: 'Titel' },
  { name: 'reference', label: 'Kenmerk' },
  { name: 'beschikkingsnummer', label: 'Beschikkingsnummer' },
  { name: 'requestedCents', label: 'Aangevraagd bedrag', type: 'money' },
  { name: 'awardedCents', label: 'Toegekend bedrag', type: 'money' },
  { name: 'bcfCents', label: 'BCF (compensabele btw)', type: 'money' },
  { name: 'periodFrom', label: 'Looptijd van', type: 'date' },
  { name: 'periodTo', label: 'Looptijd tot', type: 'date' },
  { name: 'spendUntil', label: 'Besteden tot', type: 'date' },
  { name: 'spendUntilReason', label: 'Reden wijziging bestedingstermijn' },
  { name: 'probabilityPct', label: 'Kans op toekenning (%)', type: 'number' },
  { name: 'taakveld', label: 'Taakveld' },
  { name: 'kostenplaats', label: 'Kostenplaats' },
  { name: 'begrotingspost', label: 'Begrotingspost' },
  { name: 'programma', label: 'Programma' },
  { name: 'owner', label: 'Eigenaar (e-mail)' },
  { name: 'department', label: 'Afdeling' },
  { name: 'natureReason', label: 'Reden aard' },
  { name: 'notes', label: 'Notities', type: 'textarea' },
]

export const YEAR_LABELS: Record<string, string> = {
  plannedBatenCents: 'Baten begroot',
  plannedLastenCents: 'Lasten begroot',
  realisedBatenCents: 'Baten realisatie',
  realisedLastenCents: 'Lasten realisatie',
  structuralLastenCents: 'Waarvan structurele lasten',
  cofinancingPlannedCents: 'Cofinanciering begroot',
  cofinancingRealisedCents: 'Cofinanciering realisatie',
}

/** The grant's stored values as form text (amounts and dates the way a user types them). */
export function grantForm(g: GrantDetail): FormState {
  const v: Record<string, string> = { version: String(g.version), nature: g.nature }
  for (const f of GRANT_FIELDS) {
    const x = (g as unknown as Record<string, unknown>)[f.name]
    v[f.name] =
      x === null || x === undefined ? '' : f.type === 'money' ? euroInput(x as number) : f.type === 'date' ? datum(x as string) : String(x)
  }
  return new FormState(v)
}

export interface GrantForms {
  fields?: FormState
  status?: FormState
  year?: FormState
  payment?: FormState
  commitment?: FormState
  deadline?: FormState
}

export interface Conflict {
  mine: FormState
  current: GrantDetail
}

const label = (s: string) => (STATUS_LABELS as Record<string, string>)[s] ?? s

export function GrantPage({
  c,
  g,
  forms = {},
  notice,
  conflict,
  yearEdit,
}: {
  c: WebContext
  g: GrantDetail
  forms?: GrantForms
  notice?: string
  conflict?: Conflict
  yearEdit?: number
}) {
  const edit = can(c, 'medewerker')
  const fields = forms.fields ?? grantForm(g)
  const steps = allowedTransitions(g.status)
  const y = g.years.find((r) => r.year === yearEdit)
  const yearForm =
    forms.year ??
    new FormState(
      y
        ? Object.fromEntries([
            ['year', String(y.year)],
            ...Object.keys(YEAR_LABELS).map((k) => [k, euroInput((y as unknown as Record<string, number>)[k])]),
          ])
        : { year: '' },
    )
  const deadlines = listDeadlines(c.db, [g.organisationId], c.today, {
    grantId: g.id,
    from: `${Number(c.today.slice(0, 4)) - 2}-01-01`,
    to: `${Number(c.today.slice(0, 4)) + 5}-12-31`,
  })
  const history = listAudit(c.db, { entity: 'grant', entityId: String(g.id) }, 200).items
  const sisaYears = yearsWithValues(c.db, g.id)
  return (
    <Layout c={c} title={g.title} active="portefeuille">
      <Notice code={notice} />
      <p class="utrecht-paragraph">
        Status: <strong>{STATUS_LABELS[g.status]}</strong> · Regeling{' '}
        <a class="utrecht-link" href={`/regelingen?q=${encodeURIComponent(g.schemeCode)}`}>
          {g.schemeCode}
        </a>{' '}
        · {g.nature} · versie {g.version}
      </p>

      {edit && steps.length > 0 && (
        <section aria-labelledby="kop-status" class="woud-card">
          <h2 class="utrecht-heading-2" id="kop-status">
            Status wijzigen
          </h2>
          {forms.status && <ErrorSummary form={forms.status} idPrefix="status" />}
          <PostForm c={c} action={`/subsidies/${g.id}/status`}>
            <input type="hidden" name="version" value={String(g.version)} />
            <div class="woud-form-row">
              <Field
                form={forms.status ?? new FormState({ on: datum(c.today) })}
                name="on"
                label="Datum"
                type="date"
                required
                idPrefix="status"
              />
              <Field
                form={forms.status ?? new FormState({ beschikkingsnummer: g.beschikkingsnummer ?? '' })}
                name="beschikkingsnummer"
                label="Beschikkingsnummer"
                idPrefix="status"
              />
              <Field
                form={forms.status ?? new FormState()}
                name="amountCents"
                label="Bedrag (toegekend / vastgesteld)"
                type="money"
                idPrefix="status"
              />
            </div>
            <Field form={forms.status ?? new FormState()} name="note" label="Toelichting" idPrefix="status" />
            <div class="woud-actions">
              {steps.map((s) => (
                <Submit name="to" value={s} secondary={s === 'ingetrokken'}>{`Naar ${STATUS_LABELS[s].toLowerCase()}`}</Submit>
              ))}
            </div>
          </PostForm>
        </section>
      )}

      <section aria-labelledby="kop-gegevens">
        <h2 class="utrecht-heading-2" id="kop-gegevens">
          Gegevens
        </h2>
        {conflict && <ConflictBox conflict={conflict} />}
        {edit ? (
          <>
            <ErrorSummary form={fields} />
            <PostForm c={c} action={`/subsidies/${g.id}`}>
              <input type="hidden" name="version" value={conflict ? String(conflict.current.version) : fields.value('version')} />
              {GRANT_FIELDS.map((f) => (
                <Field form={fields} name={f.name} label={f.label} type={f.type ?? 'text'} required={f.name === 'title'} />
              ))}
              <SelectField
                form={fields}
                name="nature"
                label="Aard"
                required
                options={[
                  { value: 'incidenteel', label: 'Incidenteel' },
                  { value: 'structureel', label: 'Structureel' },
                ]}
              />
              <div class="woud-actions">
                <Submit>{conflict ? 'Opslaan met mijn invoer' : 'Gegevens opslaan'}</Submit>
              </div>
            </PostForm>
          </>
        ) : (
          <dl class="utrecht-data-list">
            {GRANT_FIELDS.map((f) => (
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{f.label}</dt>
                <dd class="utrecht-data-list__item-value">{fields.value(f.name)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby="kop-jaren">
        <h2 class="utrecht-heading-2" id="kop-jaren">
          Bedragen per jaar
        </h2>
        <DataTable
          caption="Bedragen per jaar"
          captionHidden
          scroll
          rows={g.years}
          columns={[
            { label: 'Jaar', cell: (r) => r.year, rowHeader: true },
            ...Object.entries(YEAR_LABELS).map(([k, l]) => ({
              label: l,
              numeric: true,
              cell: (r: (typeof g.years)[number]) => euro((r as unknown as Record<string, number>)[k]),
            })),
            ...(edit
              ? [
                  {
                    label: <span class="woud-visually-hidden">Acties</span>,
                    cell: (r: (typeof g.years)[number]) => (
                      <a class="utrecht-link" href={`/subsidies/${g.id}?jaar=${r.year}#kop-jaarcijfers`}>
                        Wijzig {r.year}
                      </a>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {edit && (
          <>
            <h3 class="utrecht-heading-3" id="kop-jaarcijfers">
              Jaarcijfers invoeren of wijzigen
            </h3>
            {forms.year && <ErrorSummary form={forms.year} idPrefix="jaar" />}
            <PostForm c={c} action={`/subsidies/${g.id}/jaren`}>
              <input type="hidden" name="version" value={String(g.version)} />
              <Field form={yearForm} name="year" label="Jaar" type="number" required idPrefix="jaar" />
              <div class="woud-form-row">
                {Object.entries(YEAR_LABELS).map(([k, l]) => (
                  <Field form={yearForm} name={k} label={l} type="money" idPrefix="jaar" />
                ))}
              </div>
              <div class="woud-actions">
                <Submit>Jaarcijfers opslaan</Submit>
              </div>
            </PostForm>
          </>
        )}
      </section>

      <section aria-labelledby="kop-betalingen">
        <h2 class="utrecht-heading-2" id="kop-betalingen">
          Betalingen
        </h2>
        {g.payments.length ? (
          <DataTable
            caption="Betalingen"
            captionHidden
            rows={g.payments}
            columns={[
              { label: 'Datum', cell: (p) => datum(p.paidOn) },
              { label: 'Soort', cell: (p) => p.kind },
              { label: 'Bedrag', cell: (p) => euro(p.amountCents), numeric: true },
              { label: 'Kenmerk', cell: (p) => p.reference ?? '' },
            ]}
          />
        ) : (
          <p class="utrecht-paragraph woud-muted">Nog geen betalingen.</p>
        )}
        {edit && (
          <details class="woud-details" open={!!forms.payment}>
            <summary>Betaling toevoegen</summary>
            {forms.payment && <ErrorSummary form={forms.payment} idPrefix="betaling" />}
            <PostForm c={c} action={`/subsidies/${g.id}/betalingen`}>
              <div class="woud-form-row">
                <SelectField
                  form={forms.payment ?? new FormState()}
                  name="kind"
                  label="Soort"
                  required
                  idPrefix="betaling"
                  options={[
                    { value: 'voorschot', label: 'Voorschot' },
                    { value: 'betaling', label: 'Betaling' },
                    { value: 'terugbetaling', label: 'Terugbetaling' },
                  ]}
                />
                <Field form={forms.payment ?? new FormState()} name="paidOn" label="Datum" type="date" required idPrefix="betaling" />
                <Field
                  form={forms.payment ?? new FormState()}
                  name="amountCents"
                  label="Bedrag"
                  type="money"
                  required
                  idPrefix="betaling"
                />
                <Field form={forms.payment ?? new FormState()} name="reference" label="Kenmerk" idPrefix="betaling" />
              </div>
              <Submit>Betaling toevoegen</Submit>
            </PostForm>
          </details>
        )}
      </section>

      <section aria-labelledby="kop-cofinanciering">
        <h2 class="utrecht-heading-2" id="kop-cofinanciering">
          Cofinanciering
        </h2>
        <p class="utrecht-paragraph">
          Nodig {euro(g.cofinancing.requiredCents)}, toegezegd {euro(g.cofinancing.committedCents)}
          {g.cofinancing.shortfallCents > 0 ? (
            <strong class="woud-finding">{`, tekort ${euro(g.cofinancing.shortfallCents)}`}</strong>
          ) : null}
          .
        </p>
        {g.commitments.length > 0 && (
          <DataTable
            caption="Toezeggingen cofinanciering"
            captionHidden
            rows={g.commitments}
            columns={[
              { label: 'Bron', cell: (m) => SOURCE_NL[m.source] },
              { label: 'Jaar', cell: (m) => m.year ?? '' },
              { label: 'Bedrag', cell: (m) => euro(m.amountCents), numeric: true },
              { label: 'In begroting', cell: (m) => (m.reservedInBegroting ? 'ja' : 'nee') },
              { label: 'Omschrijving', cell: (m) => m.description ?? '' },
            ]}
          />
        )}
        {edit && (
          <details class="woud-details" open={!!forms.commitment}>
            <summary>Toezegging toevoegen</summary>
            {forms.commitment && <ErrorSummary form={forms.commitment} idPrefix="cofin" />}
            <PostForm c={c} action={`/subsidies/${g.id}/cofinanciering`}>
              <div class="woud-form-row">
                <SelectField
                  form={forms.commitment ?? new FormState()}
                  name="source"
                  label="Bron"
                  required
                  idPrefix="cofin"
                  options={COFINANCING_SOURCES.map((s) => ({ value: s, label: SOURCE_NL[s] }))}
                />
                <Field form={forms.commitment ?? new FormState()} name="year" label="Jaar" type="number" idPrefix="cofin" />
                <Field
                  form={forms.commitment ?? new FormState()}
                  name="amountCents"
                  label="Bedrag"
                  type="money"
                  required
                  idPrefix="cofin"
                />
                <SelectField
                  form={forms.commitment ?? new FormState({ reservedInBegroting: 'nee' })}
                  name="reservedInBegroting"
                  label="Gereserveerd in de begroting"
                  required
                  idPrefix="cofin"
                  options={[
                    { value: 'ja', label: 'Ja' },
                    { value: 'nee', label: 'Nee' },
                  ]}
                />
              </div>
              <Field form={forms.commitment ?? new FormState()} name="description" label="Omschrijving" idPrefix="cofin" />
              <Submit>Toezegging toevoegen</Submit>
            </PostForm>
          </details>
        )}
      </section>

      <section aria-labelledby="kop-beschikkingen">
        <h2 class="utrecht-heading-2" id="kop-beschikkingen">
          Beschikkingen
        </h2>
        {g.beschikkingen.length ? (
          <ul class="utrecht-unordered-list">
            {g.beschikkingen.map((b) => (
              <li>
                {datum(b.date)} — {b.kind} {b.nummer}
                {b.amountCents !== null ? `: ${euro(b.amountCents)}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p class="utrecht-paragraph woud-muted">Nog geen beschikkingen.</p>
        )}
      </section>

      <section aria-labelledby="kop-deadlines">
        <h2 class="utrecht-heading-2" id="kop-deadlines">
          Deadlines
        </h2>
        {deadlines.length ? (
          <ul class="utrecht-unordered-list">
            {deadlines.map((d) => (
              <li>
                {datum(d.date)} — {d.title} ({KIND_NL[d.kind] ?? d.kind}, {STATE_NL[d.state]})
              </li>
            ))}
          </ul>
        ) : (
          <p class="utrecht-paragraph woud-muted">Geen deadlines.</p>
        )}
        {edit && (
          <details class="woud-details" open={!!forms.deadline}>
            <summary>Eigen deadline toevoegen</summary>
            {forms.deadline && <ErrorSummary form={forms.deadline} idPrefix="deadline" />}
            <PostForm c={c} action={`/subsidies/${g.id}/deadlines`}>
              <div class="woud-form-row">
                <Field form={forms.deadline ?? new FormState()} name="title" label="Omschrijving" required idPrefix="deadline" />
                <Field form={forms.deadline ?? new FormState()} name="date" label="Datum" type="date" required idPrefix="deadline" />
                <SelectField
                  form={forms.deadline ?? new FormState({ legalInstrument: 'praktijk' })}
                  name="legalInstrument"
                  label="Grondslag"
                  required
                  idPrefix="deadline"
                  options={LEGAL_INSTRUMENTS.map((i) => ({ value: i, label: INSTRUMENT_NL[i] ?? i }))}
                />
              </div>
              <Submit>Deadline toevoegen</Submit>
            </PostForm>
          </details>
        )}
      </section>

      <section aria-labelledby="kop-sisa">
        <h2 class="utrecht-heading-2" id="kop-sisa">
          SiSa
        </h2>
        {sisaYears.length ? (
          <ul class="utrecht-unordered-list">
            {sisaYears.map((yr) => (
              <li>
                <a class="utrecht-link" href={`/sisa/${yr}#subsidie-${g.id}`}>
                  SiSa {yr}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="utrecht-paragraph woud-muted">
            Nog geen SiSa-waarden vastgelegd. Zie de{' '}
            <a class="utrecht-link" href={`/sisa/${Number(c.today.slice(0, 4)) - 1}`}>
              SiSa-pagina
            </a>
            .
          </p>
        )}
      </section>

      <section aria-labelledby="kop-historie">
        <h2 class="utrecht-heading-2" id="kop-historie">
          Historie
        </h2>
        <h3 class="utrecht-heading-3">Statusverloop</h3>
        <ol class="utrecht-ordered-list">
          {g.transitions.map((tr) => (
            <li>
              {datum(tr.onDate)}: {tr.fromStatus ? `${label(tr.fromStatus)} → ` : ''}
              {label(tr.toStatus)}
              {tr.event !== tr.toStatus && tr.event !== 'aangemaakt' ? ` (${label(tr.event)})` : ''} door {tr.actor}
              {tr.note ? ` — ${tr.note}` : ''}
            </li>
          ))}
        </ol>
        <h3 class="utrecht-heading-3">Alle wijzigingen</h3>
        <DataTable
          caption="Historie van de subsidie"
          captionHidden
          rows={history.slice().reverse()}
          columns={[
            { label: 'Moment', cell: (h) => moment(h.at) },
            { label: 'Door', cell: (h) => `${h.actor} (${h.source})` },
            { label: 'Actie', cell: (h) => h.action },
            { label: 'Wijziging', cell: (h) => <code class="utrecht-code">{JSON.stringify(h.after ?? null).slice(0, 300)}</code> },
          ]}
        />
      </section>
    </Layout>
  )
}

function ConflictBox({ conflict }: { conflict: Conflict }) {
  const now = grantForm(conflict.current)
  const diff = GRANT_FIELDS.filter((f) => conflict.mine.value(f.name).trim() !== now.value(f.name))
  return (
    <div class="woud-conflict" role="alert">
      <h3 class="utrecht-heading-3">Iemand anders heeft deze subsidie intussen gewijzigd</h3>
      <p class="utrecht-paragraph">
        Uw wijziging is niet opgeslagen. Vergelijk uw invoer met wat nu is opgeslagen (versie {conflict.current.version}). Het formulier
        hieronder bevat uw invoer; sla het opnieuw op om die te bewaren, of{' '}
        <a class="utrecht-link" href={`/subsidies/${conflict.current.id}`}>
          laad de huidige versie
        </a>
        .
      </p>
      <DataTable
        caption="Verschillen"
        captionHidden
        rows={diff}
        columns={[
          { label: 'Veld', cell: (f) => f.label, rowHeader: true },
          { label: 'Uw invoer', cell: (f) => conflict.mine.value(f.name) },
          { label: 'Nu opgeslagen', cell: (f) => now.value(f.name) },
        ]}
      />
    </div>
  )
}
