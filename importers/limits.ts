// The limits every import is held to, checked before the expensive work (documented in the README, "Import limits").

/** Largest upload or file: 20 MB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
/** Largest uncompressed size of one xlsx zip part, and of all parts together: 100 MB. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
/** Largest compression ratio of an xlsx zip part (uncompressed / compressed): a zip bomb above this. */
export const MAX_ZIP_RATIO = 100
/** Most zip parts in one workbook. */
export const MAX_ZIP_ENTRIES = 10_000
/** Most columns in a sheet. */
export const MAX_COLUMNS = 500
/** Most non-empty rows in a sheet (blank rows are skipped and not counted). */
export const MAX_ROWS = 100_000
/** Most characters in one cell: Excel's own limit. */
export const MAX_CELL_CHARS = 32_767
/** Longest line of a CSV or JSON Lines file: 1 MB. */
export const MAX_LINE_CHARS = 1024 * 1024
