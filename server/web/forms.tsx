// Forms of the web pages: typed values are kept and shown again, every error sits next to its field (and in a summary
// at the top), amounts are parsed in Dutch notation by db/money.ts and dates by db/dates.ts, never twice.
import type { ComponentChildren } from 'preact'
import { parseDate } from '../../db/dates.js'
import { DomainError } from '../../db/errors.js'
import { MoneyError, parseMoney, parsePercentBp } from '../../db/money.js'
import { Problem } from '../errors.js'
import type { Form, WebContext } from './context.js'

export type FieldErrors = Record<string, string>

/** The values of a form as typed (strings) and the errors per field. Build one from a request body or from stored data. */
export class FormState {
  readonly errors: FieldErrors = {}
  /** Errors that belong to no field of this form (shown in the summary only). */
  readonly general: string[] = []
  constructor(readonly values: Record<string, string> = {}) {}

  static fromBody(body: Form | undefined): FormState {
    const v: Record<string, string> = {}
    for (const [k, x] of Object.entries(body ?? {})) if (k !== '_csrf') v[k] = Array.isArray(x) ? (x[x.length - 1] ?? '') : (x ?? '')
    return new FormState(v)
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0 && this.general.length === 0
  }
  value(name: string): string {
    return this.values[name] ?? ''
  }
  error(name: string, message: string): void {
    if (!this.errors[name]) this.errors[name] = message
  }

  /** Text; '' becomes null. */
  text(name: string, opts: { required?: boolean; label?: string; max?: number } = {}): string | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'Dit veld'} is verplicht.`)
      return null
    }
    if (opts.max && s.length > opts.max) this.error(name, `Hooguit ${opts.max} tekens.`)
    return s
  }

  /** An amount in Dutch notation ('1.234,56', '€ 1.234', '1234'); cents or null when empty. */
  money(name: string, opts: { required?: boolean; label?: string; allowNegative?: boolean } = {}): number | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'Het bedrag'} is verplicht.`)
      return null
    }
    try {
      // Typed in a Dutch form: '1.234' is one thousand two hundred thirty-four euro, never 1,234.
      return parseMoney(s, { notation: 'nl', allowNegative: opts.allowNegative ?? false })
    } catch (e) {
      if (e instanceof MoneyError) {
        this.error(name, `Vul een bedrag in zoals 1.234,56 (${e.message}).`)
        return null
      }
      throw e
    }
  }

  /** A date as dd-mm-jjjj (or jjjj-mm-dd); ISO or null when empty. */
  date(name: string, opts: { required?: boolean; label?: string } = {}): string | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'De datum'} is verplicht.`)
      return null
    }
    try {
      return parseDate(s)
    } catch {
      this.error(name, `Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-${new Date().getFullYear()}.`)
      return null
    }
  }

  int(name: string, opts: { required?: boolean; label?: string; min?: number; max?: number } = {}): number | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'Dit veld'} is verplicht.`)
      return null
    }
    if (!/^-?\d+$/.test(s)) {
      this.error(name, 'Vul een geheel getal in.')
      return null
    }
    const n = Number(s)
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.error(name, `Vul een getal van ${opts.min ?? '…'} tot en met ${opts.max ?? '…'} in.`)
      return null
    }
    return n
  }

  /** A percentage ('17,5' or '17,5 %') as basis points. */
  percentBp(name: string, opts: { required?: boolean; label?: string } = {}): number | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'Het percentage'} is verplicht.`)
      return null
    }
    try {
      return parsePercentBp(s)
    } catch {
      this.error(name, 'Vul een percentage in zoals 17,5.')
      return null
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], opts: { required?: boolean; label?: string } = {}): T | null {
    const s = this.value(name).trim()
    if (!s) {
      if (opts.required) this.error(name, `${opts.label ?? 'Dit veld'} is verplicht.`)
      return null
    }
    if (!(allowed as readonly string[]).includes(s)) {
      this.error(name, 'Kies een van de mogelijkheden.')
      return null
    }
    return s as T
  }

  /**
   * Take over the errors of a refused write: field errors of the domain (same field names as the API) land next to
   * the field with that name (or `rename[field]`); the rest goes to the summary. Returns false for other errors.
   */
  absorb(e: unknown, rename: Record<string, string> = {}): boolean {
    const items = fieldItems(e)
    if (!items) return false
    for (const it of items.errors) {
      const f = it.field ? (rename[it.field] ?? it.field) : undefined
      if (f && f in this.values) this.error(f, it.message)
      else this.general.push(it.message)
    }
    if (!items.errors.length) this.general.push(items.message)
    return true
  }
}

function fieldItems(e: unknown): { message: string; errors: { field?: string; message: string }[] } | undefined {
  if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'conflict')) return { message: e.message, errors: e.errors }
  if (e instanceof Problem && (e.status === 400 || e.status === 409 || e.status === 422))
    return { message: e.detail ?? e.title, errors: e.errors ?? [] }
  const any = e as { name?: string; message?: string; errors?: unknown }
  // The repositories' older input errors (GrantInputError, DeadlineInputError, UserInputError) carry the same shape.
  if (any && /InputError$|ConflictError$/.test(any.name ?? ''))
    return { message: any.message ?? '', errors: Array.isArray(any.errors) ? any.errors : [] }
  return undefined
}

interface FieldProps {
  form: FormState
  name: string
  label: string
  description?: string
  required?: boolean
  /** 'money' and 'date' are text inputs with the Dutch format hint. */
  type?: 'text' | 'money' | 'date' | 'number' | 'email' | 'password' | 'textarea' | 'search'
  autocomplete?: string
  /** id prefix when the same field name appears twice on a page. */
  idPrefix?: string
  width?: 'small' | 'medium'
}

const HINTS: Record<string, string> = { money: 'Bedrag in euro, bijvoorbeeld 1.234,56', date: 'dd-mm-jjjj' }

/** A labelled input with its description and error message, wired with aria-describedby / aria-invalid. */
export function Field({ form, name, label, description, required, type = 'text', autocomplete, idPrefix = 'veld', width }: FieldProps) {
  const id = `${idPrefix}-${name}`
  const err = form.errors[name]
  const hint = description ?? HINTS[type]
  const describedBy = [hint ? `${id}-uitleg` : '', err ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined
  const invalid = err ? ' utrecht-textbox--invalid woud-invalid' : ''
  const cls = `utrecht-textbox utrecht-textbox--html-input${invalid}${width ? ` woud-width-${width}` : ''}`
  const common = { id, name, 'aria-describedby': describedBy, 'aria-invalid': err ? ('true' as const) : undefined, required }
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${err ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
          {required ? '' : ' (optioneel)'}
        </label>
      </div>
      {hint && (
        <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
          {hint}
        </div>
      )}
      {err && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {err}
        </div>
      )}
      <div class="utrecht-form-field__input">
        {type === 'textarea' ? (
          <textarea class={`utrecht-textarea utrecht-textarea--html-textarea${err ? ' woud-invalid' : ''}`} rows={3} {...common}>
            {form.value(name)}
          </textarea>
        ) : (
          <input
            class={cls}
            type={type === 'money' || type === 'date' ? 'text' : type}
            inputMode={type === 'money' ? 'decimal' : undefined}
            value={form.value(name)}
            autocomplete={autocomplete}
            {...common}
          />
        )}
      </div>
    </div>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField({
  form,
  name,
  label,
  options,
  required,
  description,
  idPrefix = 'veld',
  empty,
}: {
  form: FormState
  name: string
  label: string
  options: Option[]
  required?: boolean
  description?: string
  idPrefix?: string
  empty?: string
}) {
  const id = `${idPrefix}-${name}`
  const err = form.errors[name]
  const describedBy = [description ? `${id}-uitleg` : '', err ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${err ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
          {required ? '' : ' (optioneel)'}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
          {description}
        </div>
      )}
      {err && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {err}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${err ? ' woud-invalid' : ''}`}
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={err ? 'true' : undefined}
          required={required}
        >
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option value={o.value} selected={o.value === form.value(name)}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}

/** The list of errors at the top of a form, each a link to its field (GOV.UK / NL Design System pattern). */
export function ErrorSummary({ form, idPrefix = 'veld' }: { form: FormState; idPrefix?: string }) {
  if (form.ok) return null
  return (
    <div class="utrecht-alert utrecht-alert--error woud-error-summary" role="alert" tabindex={-1}>
      <h2 class="utrecht-heading-2">Er is iets niet goed ingevuld</h2>
      <ul class="utrecht-unordered-list">
        {Object.entries(form.errors).map(([name, msg]) => (
          <li>
            <a class="utrecht-link" href={`#${idPrefix}-${name}`}>
              {msg}
            </a>
          </li>
        ))}
        {form.general.map((msg) => (
          <li>{msg}</li>
        ))}
      </ul>
    </div>
  )
}

/** A POST form with the CSRF token. */
export function PostForm({
  c,
  action,
  children,
  class: cls,
  id,
  multipart,
  hx,
}: {
  c: WebContext
  action: string
  children?: ComponentChildren
  class?: string
  id?: string
  multipart?: boolean
  /** htmx attributes (hx-post, hx-target, hx-swap…): the form still posts normally without JavaScript. */
  hx?: Record<`hx-${string}`, string>
}) {
  // A multipart body is read by the handler itself, after the CSRF check: the token travels in the query string.
  const url = multipart ? `${action}${action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(c.csrf)}` : action
  return (
    <form
      method="post"
      action={url}
      class={cls ?? 'utrecht-form woud-form'}
      id={id}
      enctype={multipart ? 'multipart/form-data' : undefined}
      novalidate
      {...hx}
    >
      {!multipart && <input type="hidden" name="_csrf" value={c.csrf} />}
      {children}
    </form>
  )
}

export function Submit({
  children,
  secondary,
  name,
  value,
}: {
  children?: ComponentChildren
  secondary?: boolean
  name?: string
  value?: string
}) {
  return (
    <button class={`utrecht-button utrecht-button--${secondary ? 'secondary' : 'primary'}-action`} type="submit" name={name} value={value}>
      {children}
    </button>
  )
}
