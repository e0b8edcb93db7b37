// A multipart/form-data body by hand, as a browser or curl -F sends it, for upload tests.
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
