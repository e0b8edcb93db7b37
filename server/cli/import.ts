// woud import schemes|grants|actuals|sisa|sisa-waarden FILE [--org CODE] [--year YYYY] [--dry-run] [--map FIELD=HEADER ...]
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import cliProgress from 'cli-progress'
import type { Register } from '../cli.js'
import { IMPORT_KINDS, isImportKind, runImport } from '../../importers/index.js'
import { MAX_UPLOAD_BYTES } from '../../importers/limits.js'
import { parseMap, parseMinistry, parsePeriod, parseSchemeFor } from '../../importers/options.js'
import type { ImportResult } from '../../importers/types.js'
import type { RowError } from '../../importers/cells.js'
import { CliError, EXIT } from './context.js'
import { importAccess, ImportOptionMissing } from '../../importers/permissions.js'
import { todayAmsterdam } from '../../db/dates.js'

/** Files above this size get a progress bar on stderr (when stderr is a terminal). */
const PROGRESS_FROM_BYTES = 256 * 1024

export function parseMapOptions(values: string[] = []): Record<string, string> {
  const r = parseMap(values)
  if ('error' in r) throw new CliError(`--map ${r.error}`, EXIT.usage)
  return r.map
}

export function formatImportResult(r: ImportResult): string {
  const lines = [
    `Formaat: ${r.format}${r.dryRun ? ' (proefimport: niets opgeslagen)' : ''}`,
    `Nieuw: ${r.created}  Gewijzigd: ${r.updated}  Ongewijzigd: ${r.unchanged}  Afgewezen: ${r.rejected}`,
  ]
  const line = (label: string, e: RowError) => {
    const place = [e.sheet, e.row ? `rij ${e.row}` : null, e.column ? `kolom ${e.column}` : null].filter(Boolean).join(', ')
    return `${label}${place ? ` ${place}` : ''}: ${e.message}`
  }
  const changes = (
    r.details as
      | { changes?: { code: string; row?: number; outcome: string; fields: Record<string, { before: unknown; after: unknown }> }[] }
      | undefined
  )?.changes
  const show = (v: unknown) => (v === null || v === undefined ? '(leeg)' : typeof v === 'object' ? JSON.stringify(v) : String(v))
  for (const c of changes?.slice(0, 200) ?? []) {
    lines.push(
      `${c.outcome === 'created' ? 'Nieuw' : 'Gewijzigd'} ${c.code}${c.row ? ` (rij ${c.row})` : ''}: ` +
        Object.entries(c.fields)
          .map(([f, d]) => (c.outcome === 'created' ? `${f}: ${show(d.after)}` : `${f}: ${show(d.before)} → ${show(d.after)}`))
          .join('; '),
    )
  }
  // actuals: per grant-year the realised figures before and after (cents shown as euro)
  const eur = (c: number) => (c / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  type Realised = { realisedBatenCents: number; realisedLastenCents: number }
  if (Array.isArray(r.details)) {
    for (const d of (r.details as { grantId: number; year: number; before?: Realised; after?: Realised }[]).slice(0, 200)) {
      if (!d.before || !d.after) continue
      lines.push(
        `Subsidie ${d.grantId}, ${d.year}: baten ${eur(d.before.realisedBatenCents)} → ${eur(d.after.realisedBatenCents)}; ` +
          `lasten ${eur(d.before.realisedLastenCents)} → ${eur(d.after.realisedLastenCents)}`,
      )
    }
  }
  for (const e of r.errors) lines.push(line('FOUT', e))
  for (const w of r.warnings) lines.push(line('Let op', w))
  if (r.errors.length) lines.push('Er is niets opgeslagen.')
  return lines.join('\n')
}

export const registerImport: Register = (program, ctx) => {
  program
    .command('import')
    .description('een bestand inlezen: alles of niets')
    .argument('<kind>', `soort: ${Object.keys(IMPORT_KINDS).join(', ')}`)
    .argument('<file>', 'bestand (.xlsx, .csv, .json)')
    .option('--org <code>', 'CBS-code van de organisatie')
    .option('--year <yyyy>', 'jaar')
    .option('--dry-run', 'laat zien wat er zou veranderen, zonder op te slaan')
    .option('--map <field=header...>', 'welke kolom welk veld bevat; sisa-waarden: CODE=BESCHIKKINGSNUMMER kiest de subsidie')
    .option('--ministry <naam>', 'bij een bijlage: het ministerie als de tabel het zelf niet noemt (SZW, OCW, ...)')
    .option('--from <maand>', 'actuals: eerste maand van de periode (MM of JJJJ-MM); zonder --from/--to het hele jaar')
    .option('--to <maand>', 'actuals: laatste maand van de periode')
    .option('--allow-scheme-change', 'grants: een bestaande subsidie mag naar een andere regeling (met een waarschuwing)')
    .option('--scheme <code=sisa...>', 'bij een bijlage: de regeling (Woud-code) van een SiSa-code die meer regelingen kan betekenen')
    .action(
      async (
        kind: string,
        file: string,
        o: {
          org?: string
          year?: string
          dryRun?: boolean
          map?: string[]
          scheme?: string[]
          allowSchemeChange?: boolean
          ministry?: string
          from?: string
          to?: string
        },
      ) => {
        if (!isImportKind(kind)) throw new CliError(`onbekend soort import '${kind}' (${Object.keys(IMPORT_KINDS).join(', ')})`, EXIT.usage)
        const year = o.year === undefined ? undefined : Number(o.year)
        if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100))
          throw new CliError(`--year '${o.year}' is geen jaartal`, EXIT.usage)
        // Options a kind cannot do without are usage errors (exit 2), known before the file is read (docs/cli.md).
        // The CLI runs on the server with full access; the same rule as the upload route says which options a kind needs.
        try {
          importAccess(kind, { org: o.org, year })
        } catch (e) {
          if (e instanceof ImportOptionMissing) throw new CliError(e.message, EXIT.usage)
          throw e
        }
        let bytes: Buffer
        try {
          const st = statSync(file)
          if (st.size > MAX_UPLOAD_BYTES)
            throw new CliError(`${file}: het bestand is groter dan ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, EXIT.rejected)
          bytes = readFileSync(file)
        } catch (e) {
          if (e instanceof CliError) throw e
          throw new CliError(`${file} kan niet worden gelezen: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.usage)
        }
        const schemeFor = parseSchemeFor(o.scheme)
        if ('error' in schemeFor) throw new CliError(`--scheme ${schemeFor.error}`, EXIT.usage)
        const ministry = parseMinistry(o.ministry)
        if ('error' in ministry) throw new CliError(`--ministry ${ministry.error}`, EXIT.usage)
        const period = parsePeriod(o.from, o.to, year)
        if ('error' in period) throw new CliError(period.error, EXIT.usage)
        if (period.period && kind !== 'actuals') throw new CliError('--from/--to horen bij import actuals', EXIT.usage)
        const c = ctx()
        const bar =
          bytes.length >= PROGRESS_FROM_BYTES && (process.stderr as { isTTY?: boolean }).isTTY
            ? new cliProgress.SingleBar(
                { format: 'Inlezen {value} rijen', stream: process.stderr, hideCursor: true },
                cliProgress.Presets.shades_classic,
              )
            : undefined
        bar?.start(0, 0)
        let result: ImportResult
        try {
          result = await runImport(c.db, {
            kind,
            fileName: basename(file),
            bytes,
            orgCode: o.org,
            year,
            dryRun: o.dryRun,
            map: parseMapOptions(o.map),
            schemeFor: schemeFor.map,
            who: c.who,
            allowSchemeChange: o.allowSchemeChange,
            ministry: ministry.ministry,
            period: period.period,
            today: todayAmsterdam(c.now()),
            onProgress: (n) => bar?.update(n),
          })
        } finally {
          bar?.stop()
        }
        c.print(result, () => formatImportResult(result))
        if (result.errors.length) c.exitCode = EXIT.rejected
      },
    )
}
