// exceljs 4.4 drops `quotePrefix` from cell styles: its StylesXform copies only numFmt, font, border, fill,
// alignment and protection into the <xf>, and StyleXform.render knows no quotePrefix attribute. Excel's quote
// prefix keeps text that begins with = + - @ as text when a controller retypes or re-saves the cell, so this
// module carries the flag through both steps. Imported for its effect by workbook.ts; exceljs stays behind render/.
import { createRequire } from 'node:module'

interface XmlStream {
  openNode(name: string, attrs?: Record<string, unknown>): void
}
interface StyleXformProto {
  render(this: unknown, xml: XmlStream, model: { quotePrefix?: boolean }): void
}
interface StylesXformProto {
  addStyleModel(this: StylesXformInstance, model: { quotePrefix?: boolean } | undefined, cellType?: number): number
  _addStyle(this: StylesXformInstance, style: Record<string, unknown>): number
}
type StylesXformInstance = StylesXformProto & { _addStyle: StylesXformProto['_addStyle'] }

const require = createRequire(import.meta.url)
const StyleXform = require('exceljs/lib/xlsx/xform/style/style-xform.js') as { prototype: StyleXformProto & { __woudQuotePrefix?: true } }
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform.js') as { prototype: StylesXformProto }

if (!StyleXform.prototype.__woudQuotePrefix) {
  StyleXform.prototype.__woudQuotePrefix = true
  const render = StyleXform.prototype.render
  StyleXform.prototype.render = function (xml, model) {
    if (!model?.quotePrefix) return render.call(this, xml, model)
    // The <xf> attributes are written by openNode before any child: add quotePrefix to that one call.
    const open = xml.openNode
    xml.openNode = function (name, attrs) {
      xml.openNode = open
      return open.call(this, name, { ...attrs, quotePrefix: '1' })
    }
    try {
      render.call(this, xml, model)
    } finally {
      xml.openNode = open
    }
  }
  const addStyleModel = StylesXform.prototype.addStyleModel
  StylesXform.prototype.addStyleModel = function (model, cellType) {
    if (!model?.quotePrefix) return addStyleModel.call(this, model, cellType)
    // The style key is the <xf> XML, so a quote-prefixed style is a style of its own.
    const own = Object.hasOwn(this, '_addStyle')
    const addStyle = this._addStyle
    this._addStyle = function (style) {
      return addStyle.call(this, { ...style, quotePrefix: true })
    }
    try {
      return addStyleModel.call(this, model, cellType)
    } finally {
      if (own) this._addStyle = addStyle
      else delete (this as Partial<StylesXformInstance>)._addStyle
    }
  }
}

export {}
