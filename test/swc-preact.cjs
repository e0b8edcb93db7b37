// tap runs the TypeScript tests through ts-node with swc as its transpiler ("ts-node": { "transpiler": ... } in
// tsconfig.json): half the CPU of ts-node's own TypeScript transpiler, measured per test process. ts-node does not pass
// tsconfig's "jsxImportSource" on to swc, so without this wrapper the .tsx pages would import React's JSX runtime
// instead of Preact's and render as empty strings. This module is @swc/core with that one option added.
'use strict'
const swc = require('@swc/core')

function withPreact(options) {
  const react = options?.jsc?.transform?.react
  if (react && react.runtime === 'automatic') react.importSource = 'preact'
  return options
}

module.exports = {
  ...swc,
  transform: (src, options) => swc.transform(src, withPreact(options)),
  transformSync: (src, options) => swc.transformSync(src, withPreact(options)),
}
