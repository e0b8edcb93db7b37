// Importeren: upload any import kind, see the dry-run preview (counts, changes, every error with sheet/row/column),
// then confirm or cancel. The file waits server-side (pending-imports.ts) between preview and confirm.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { IMPORT_KINDS, runImport } from '../../../importers/index.js'
import { importAccess } from '../../../importers/permissions.js'
import type { ImportResult } from '../../../importers/types.js'
import { roleRank, type Role } from '../../../db/repositories/users.js'
import { Problem } from '../../errors.js'
import { PendingImports } from '../pending-imports.js'
import { requireCurrentRole, sendHtml, webRoute, type WebContext } from '../context.js'
import { ErrorSummary, Field, FormState, PostForm, SelectField, Submit } from '../forms.js'
import { Layout, Notice } from '../layout.js'
import { grantTitles } from '../../../db/repositories/grant-list.js'
import { ImportPreview } from './import-preview.js'

/** What the form offers: the runner's kind, whether it writes to the current organisation, the year. */
interface WebKindForm {
  kind: string
  label: string
  org: boolean
  year: 'required' | 'optional' | 'none'
}
/** The least role comes from the one rule of who may import what (importers/permissions.ts), as for the CLI and the API. */
type WebKind = WebKindForm & { role: Role }
const withRole = (k: WebKindForm): WebKind => ({ ...k, role: importAccess(k.kind, { org: k.org ? 'eigen' : undefined }, true).role })
const WEB_KIND_FORMS: Record<string, WebKindForm> = {
  grants: { kind: 'grants', label: 'Portefeuille (subsidies per aanvraag of beschikking)', org: true, year: 'none' },
  actuals: { kind: 'actuals', label: 'Grootboek (gerealiseerde baten en lasten)', org: true, year: 'required' },
  verantwoordingslijst: {
    kind: 'schemes',
    label: 'Verantwoordingslijst van de eigen organisatie',
    org: true,
    year: 'required',
  },
  'sisa-waarden': {
    kind: 'sisa-waarden',
    label: 'Ingevulde SiSa-bijlage (waarden van een jaar)',
    org: true,
    year: 'required',
  },
  schemes: {
    kind: 'schemes',
    label: 'Regelingen: Woud-catalogus of Bijlage specifieke uitkeringen (RBV)',
    org: false,
    year: 'none',
  },
  sisa: { kind: 'sisa', label: 'SiSa-indicatoren van een jaar', org: false, year: 'optional' },
}
const WEB_KINDS: Record<string, WebKind> = Object.fromEntries(Object.entries(WEB_KIND_FORMS).map(([n, k]) => [n, withRole(k)]))
/** Only what the import runner really offers (a kind still being built elsewhere does not show up half-done). */
const available = () => Object.entries(WEB_KINDS).filter(([, k]) => Object.hasOwn(IMPORT_KINDS, k.kind))

// Keyed by the database: the page plugin runs in an encapsulated child instance, the database is one per app.
const PENDING = new WeakMap<object, PendingImports>()
/** The uploads waiting for confirmation of the app on this database (tests look at it to see files are removed). */
export const pendingImportsOf = (db: object): PendingImports | undefined => PENDING.get(db)

const mayUse = (c: WebContext, k: WebKind) => !!c.role && roleRank(c.role) >= roleRank(k.role)

function FormPage({ c, form, status }: { c: WebContext; form: FormState; status?: string }) {
  const kinds = available().filter(([, k]) => mayUse(c, k))
  return (
    <Layout c={c} title="Importeren" active="importeren">
      <Notice code={status} />
      <p class="utrecht-paragraph">
        {'Kies een bestand (.xlsx of .csv). U ziet eerst wat de import zou doen; ' +
          'pas na ‘Bevestigen’ wordt er iets opgeslagen, en dan alles of niets.'}
      </p>
      <ErrorSummary form={form} />
      <PostForm c={c} action="/importeren" multipart>
        <SelectField
          form={form}
          name="soort"
          label="Soort bestand"
          required
          options={kinds.map(([v, k]) => ({ value: v, label: k.label }))}
        />
        <Field
          form={form}
          name="jaar"
          type="number"
          label="Jaar"
          width="small"
          description="Verplicht voor grootboek, verantwoordingslijst en SiSa-waarden: het boekjaar of SiSa-jaar"
        />
        <div class={`utrecht-form-field utrecht-form-field--text${form.errors.bestand ? ' utrecht-form-field--invalid' : ''}`}>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="veld-bestand">
              Bestand
            </label>
          </div>
          {form.errors.bestand && (
            <div class="utrecht-form-field-error-message" id="veld-bestand-fout">
              {form.errors.bestand}
            </div>
          )}
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              type="file"
              id="veld-bestand"
              name="bestand"
              required
              accept=".xlsx,.csv,.json,.jsonl,.txt"
              aria-describedby={form.errors.bestand ? 'veld-bestand-fout' : undefined}
              aria-invalid={form.errors.bestand ? 'true' : undefined}
            />
          </div>
        </div>
        <Field
          form={form}
          name="koppeling"
          type="textarea"
          label="Kolommen koppelen"
          description={
            'Alleen nodig als een kolom niet herkend wordt: één regel per veld, VELD=KOLOMKOP ' + '(bijvoorbeeld reference=Zaaknummer)'
          }
        />
        <Submit>Controleren</Submit>
      </PostForm>
    </Layout>
  )
}

interface Upload {
  form: FormState
  bytes?: Buffer
  fileName: string
}

/** The multipart form: fields as a FormState (so errors sit next to them), the file as bytes. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  const form = new FormState({})
  let bytes: Buffer | undefined
  let fileName = 'upload'
  if (!req.isMultipart()) throw new Problem(400, 'Ongeldig verzoek', 'Stuur het formulier met het bestand opnieuw.')
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buf = await part.toBuffer()
      if (part.fieldname === 'bestand' && part.filename) {
        bytes = buf
        fileName = part.filename
      }
    } else if (['soort', 'jaar', 'koppeling'].includes(part.fieldname)) {
      form.values[part.fieldname] = String(part.value)
    }
  }
  return { form, bytes, fileName }
}

function parseMap(form: FormState): Record<string, string> {
  const map: Record<string, string> = {}
  for (const line of form
    .value('koppeling')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const i = line.indexOf('=')
    if (i <= 0) {
      form.error('koppeling', `Regel ‘${line}’: schrijf VELD=KOLOMKOP.`)
      continue
    }
    map[line.slice(0, i).trim()] = line.slice(i + 1).trim()
  }
  return map
}

export async function importerenPages(app: FastifyInstance): Promise<void> {
  const pending = new PendingImports()
  PENDING.set(app.db, pending)
  app.addHook('onClose', async () => pending.close())

  webRoute<Record<string, string>, { melding?: string }>(app, 'GET', '/importeren', { role: 'medewerker' }, (c, req) => (
    <FormPage c={c} form={new FormState({ soort: 'grants' })} status={req.query.melding} />
  ))

  webRoute(app, 'POST', '/importeren', { role: 'medewerker' }, async (c, req) => {
    const { form, bytes, fileName } = await readUpload(req)
    const choice = form.oneOf(
      'soort',
      available().map(([v]) => v),
      { required: true, label: 'De soort' },
    )
    const k = choice ? WEB_KINDS[choice] : undefined
    if (k && !mayUse(c, k)) form.error('soort', `Voor deze import is de rol ${k.role} nodig.`)
    const year = form.int('jaar', { min: 1990, max: 2100, required: k?.year === 'required', label: 'Het jaar' })
    if (!bytes) form.error('bestand', 'Kies een bestand.')
    else if (!bytes.length) form.error('bestand', 'Het bestand is leeg.')
    const map = parseMap(form)
    if (!form.ok || !k || !bytes) return sendHtml(c.reply, <FormPage c={c} form={form} />, 400)
    const request = { kind: k.kind, fileName, orgCode: k.org ? c.org!.code : undefined, year: year ?? undefined, map }
    const result = await runImport(c.db, { ...request, bytes, dryRun: true, who: c.actor, today: c.today }, app.config.uploadMaxBytes)
    const id = result.errors.length ? null : pending.put({ ...request, sessionId: c.session.id }, bytes, c.now.getTime())
    return sendHtml(
      c.reply,
      <PreviewPage c={c} label={k.label} fileName={fileName} result={result} id={id} />,
      result.errors.length ? 422 : 200,
    )
  })

  webRoute<{ id: string }>(app, 'POST', '/importeren/:id/bevestigen', { role: 'medewerker' }, async (c, req) => {
    const up = pending.get(req.params.id, c.session.id, c.now.getTime())
    if (!up)
      throw new Problem(
        404,
        'Niet gevonden',
        'Deze import bestaat niet (meer). Een voorbeeld blijft 30 minuten klaarstaan; upload het bestand opnieuw.',
      )
    const k = Object.values(WEB_KINDS).find((w) => w.kind === up.kind && w.org === !!up.orgCode)!
    // The role may have changed since the preview, or the session switched organisation: decide again, now.
    requireCurrentRole(c, k.role)
    if (up.orgCode && up.orgCode !== c.org!.code)
      throw new Problem(409, 'Andere organisatie', `Deze import hoort bij ${up.orgCode}; wissel terug om hem te bevestigen.`)
    const result = await runImport(c.db, { ...up, dryRun: false, who: c.actor, today: c.today }, app.config.uploadMaxBytes)
    pending.drop(req.params.id)
    return sendHtml(
      c.reply,
      <PreviewPage c={c} label={k.label} fileName={up.fileName} result={result} id={null} done />,
      result.errors.length ? 422 : 200,
    )
  })

  webRoute<{ id: string }>(app, 'POST', '/importeren/:id/annuleren', { role: 'medewerker' }, (c, req) => {
    if (pending.get(req.params.id, c.session.id, c.now.getTime())) pending.drop(req.params.id)
    return c.reply.redirect('/importeren?melding=import-geannuleerd', 303)
  })
}

/** Names the grants a result's details refer to, within the current organisation only. */
function titlesOf(c: WebContext, result: ImportResult): (id: number) => string | undefined {
  const ids = Array.isArray(result.details)
    ? (result.details as { grantId?: unknown }[]).map((d) => d?.grantId).filter((x): x is number => typeof x === 'number')
    : []
  const titles = ids.length && c.org ? grantTitles(c.db, c.org.id, ids) : new Map<number, string>()
  return (id) => titles.get(id)
}

function PreviewPage({
  c,
  label,
  fileName,
  result,
  id,
  done,
}: {
  c: WebContext
  label: string
  fileName: string
  result: ImportResult
  id: string | null
  done?: boolean
}) {
  const title = done ? (result.errors.length ? 'Import afgewezen' : 'Import opgeslagen') : 'Voorbeeld van de import'
  return (
    <Layout c={c} title={title} active="importeren">
      <ImportPreview label={label} fileName={fileName} result={result} done={!!done} grantTitle={titlesOf(c, result)} />
      {id ? (
        <div class="woud-actions">
          <PostForm c={c} action={`/importeren/${id}/bevestigen`} class="woud-inline-form">
            <Submit>Bevestigen en opslaan</Submit>
          </PostForm>
          <PostForm c={c} action={`/importeren/${id}/annuleren`} class="woud-inline-form">
            <Submit secondary>Annuleren</Submit>
          </PostForm>
        </div>
      ) : (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href="/importeren">
            {done ? 'Nog een bestand importeren' : 'Een ander bestand kiezen'}
          </a>
        </p>
      )}
    </Layout>
  )
}
