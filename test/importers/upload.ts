// A multipart/form-data body by hand, as a browser or curl -F sends it, for upload tests.
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { Readable } from 'node:stream'

export function form(fields: [string, string][], file?: { bytes: Buffer; filename?: string; field?: string }) {
  const boundary = '----woudtest' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = []
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename ?? 'upload.csv'}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
    )
    parts.push(file.bytes, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** The same body streamed from a file on disk, as a browser sends a large upload: nothing of it is held in memory here. */
export function formFromFile(fields: [string, string][], path: string) {
  const boundary = '----woudtest' + Math.random().toString(16).slice(2)
  let head = ''
  for (const [k, v] of fields) head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(path)}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  const tail = `\r\n--${boundary}--\r\n`
  async function* parts() {
    yield Buffer.from(head)
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer
    yield Buffer.from(tail)
  }
  return {
    payload: Readable.from(parts(), { objectMode: false }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}
