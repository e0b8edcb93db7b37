// A multipart/form-data body by hand, as a browser or curl -F sends it, for upload tests.
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { PassThrough } from 'node:stream'

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
  const body = new PassThrough()
  body.write(head)
  createReadStream(path, { highWaterMark: 1 << 20 })
    .on('end', () => body.end(`\r\n--${boundary}--\r\n`))
    .on('error', (e) => body.destroy(e))
    .pipe(body, { end: false })
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
