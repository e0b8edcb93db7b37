// woud reform defaults [--set FILE --source TEXT]: the spuk-reform scenario's defaults, shown, or replaced from a JSON
// file in the form GET and PUT /api/v1/reform-defaults exchange (cuts in percent). docs/cli.md.
import { readFileSync } from 'node:fs'
import { Value } from 'typebox/value'
import type { Register } from '../cli.js'
import {
  reformDefaultsFromPercent,
  reformDefaultsInPercent,
  reformDefaultsWithSource,
  setReformDefaults,
} from '../../db/repositories/reform-assumptions.js'
import { schemaItems } from '../errors.js'
import { ReformDefaultsSchema } from '../schemas/reports.js'
import { CliError, EXIT } from './context.js'

export const registerReform: Register = (program, ctx) => {
  const reform = program.command('reform').description('het scenario hervorming specifieke uitkeringen van de prognose')
  reform
    .command('defaults')
    .description('de standaardaannames tonen (JSON, cijfers in procenten), of met --set vervangen door die uit een JSON-bestand')
    .option('--set <file>', 'JSON-bestand met de nieuwe standaardaannames (zoals de uitvoer van dit commando)')
    .option('--source <text>', 'waar de nieuwe aannames vandaan komen, bijvoorbeeld een Kamerstuk (verplicht bij --set)')
    .action((o: { set?: string; source?: string }) => {
      const c = ctx()
      if (o.set === undefined) {
        if (o.source !== undefined) throw new CliError('--source hoort bij --set', EXIT.usage)
        const { defaults, source } = reformDefaultsWithSource(c.readDb)
        const doc = { defaults: reformDefaultsInPercent(defaults), source }
        c.print(doc, () => JSON.stringify(doc, null, 2))
        return
      }
      const source = o.source?.trim()
      if (!source) throw new CliError('--source is verplicht bij --set: waar komen deze aannames vandaan?', EXIT.usage)
      let doc: unknown
      try {
        doc = JSON.parse(readFileSync(o.set, 'utf8'))
      } catch (e) {
        const why = e instanceof SyntaxError ? 'geen geldige JSON' : 'niet te lezen'
        throw new CliError(`${o.set} is ${why}`, EXIT.rejected)
      }
      // The bare defaults, or this command's own output ({ defaults, source }) after editing it.
      const defaults = doc !== null && typeof doc === 'object' && 'defaults' in doc ? (doc as { defaults: unknown }).defaults : doc
      if (!Value.Check(ReformDefaultsSchema, defaults)) {
        const items = schemaItems(Value.Errors(ReformDefaultsSchema, defaults), o.set)
        throw new CliError(
          `${o.set} heeft niet de vorm van de standaardaannames: ${items.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
          EXIT.rejected,
        )
      }
      const saved = setReformDefaults(c.db, c.who, reformDefaultsFromPercent(defaults), source)
      c.print(
        { defaults: reformDefaultsInPercent(saved), source },
        `Standaardaannames van het scenario hervorming vervangen (bron: ${source}).`,
      )
    })
}
