// Scanning XML parts without a parser: entities, attributes and elements found with indexOf, so every scan is
// linear in its part, also on hostile XML. A tag head is at most MAX_TAG characters; an element without its end
// tag is an error, never a silent stop.
import { FileError } from './file-error.js'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML text and attribute values: the five named entities and character references. */
export function xmlText(s: string): string {
  if (s.indexOf('&') < 0) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e]
    const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    // A reference to no character (above U+10FFFF) reads as the replacement character, not as a crash.
    return n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd'
  })
}

/** OOXML's own escape for characters XML cannot carry (`_x000D_` is a carriage return). */
const ooxmlText = (s: string) =>
  xmlText(s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))

/** A tag's attributes, namespace prefixes dropped (`r:id` is `id`), values decoded. */
export function attrs(head: string): Record<string, string> {
  if (head.length > MAX_TAG) throw new FileError(`een XML-element heeft meer dan ${MAX_TAG} tekens aan attributen`)
  const out: Record<string, string> = {}
  for (const m of head.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1].replace(/^\w+:/, '')] = xmlText(m[2] ?? m[3])
  return out
}

/** Longest tag head (name and attributes) read; real ones are under a few hundred characters. */
const MAX_TAG = 64 * 1024

/** The namespace prefix of a part's root element: 'x:' for <x:worksheet>, '' for <worksheet>. */
export function prefixOf(xml: string): string {
  return /<(?![?!])([A-Za-z_][\w.-]*:)?[A-Za-z_]/.exec(xml.slice(0, 4096))?.[1] ?? ''
}

export interface Element {
  /** The attributes part of the start tag. */
  head: string
  /** The content; undefined for an empty-element tag (<v/>). */
  text: string | undefined
  start: number
  end: number
}

/**
 * The next element `name` (with its prefix) from `from` on: one indexOf for the start, one for the end, so a
 * caller that moves on to `end` reads a part in linear time. A start tag without its end is an error.
 */
export function next(s: string, name: string, from: number): Element | undefined {
  const open = `<${name}`
  let at = s.indexOf(open, from)
  for (;;) {
    if (at < 0) return undefined
    const c = s.charCodeAt(at + open.length)
    if (c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13) break
    at = s.indexOf(open, at + open.length)
  }
  const gt = s.indexOf('>', at)
  if (gt < 0 || gt - at > MAX_TAG) throw new FileError(`het XML-element <${name}> is afgebroken of onleesbaar`)
  if (s.charCodeAt(gt - 1) === 47) return { head: s.slice(at + open.length, gt - 1), text: undefined, start: at, end: gt + 1 }
  const close = `</${name}>`
  const end = s.indexOf(close, gt)
  if (end < 0) throw new FileError(`het XML-element <${name}> wordt niet gesloten`)
  return { head: s.slice(at + open.length, gt), text: s.slice(gt + 1, end), start: at, end: end + close.length }
}

/** The text of every <t> of a string item (shared string or inline string), phonetic runs (<rPh>) left out. */
export function itemText(xml: string, p: string): string {
  if (xml.indexOf('<') < 0) return ''
  const skip: [number, number][] = []
  if (xml.indexOf('rPh') >= 0) for (let e = next(xml, `${p}rPh`, 0); e; e = next(xml, `${p}rPh`, e.end)) skip.push([e.start, e.end])
  let s = ''
  for (let e = next(xml, `${p}t`, 0); e; e = next(xml, `${p}t`, e.end))
    if (e.text && !skip.some(([a, b]) => e.start >= a && e.start < b)) s += e.text
  return ooxmlText(s)
}

/** Up to the last '>': a start-tag pattern (`<x ...>`) can then never fail after scanning to the end of the part. */
export const closed = (xml: string) => xml.slice(0, xml.lastIndexOf('>') + 1)

/** One attribute of a short tag head; double quotes as every writer uses them, single quotes through attrs(). */
export function attr(head: string, name: string): string | undefined {
  if (head.indexOf("'") >= 0) return attrs(head)[name]
  let at = head.indexOf(`${name}="`)
  while (at > 0 && !/[\s:]/.test(head[at - 1])) at = head.indexOf(`${name}="`, at + 1)
  if (at < 0) return undefined
  const from = at + name.length + 2
  return xmlText(head.slice(from, head.indexOf('"', from)))
}
