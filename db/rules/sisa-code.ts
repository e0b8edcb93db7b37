// The form of a SiSa uitkeringscode (A7, C94, A12B, D1A): one pattern for the catalogue, definitions and imports.
export const SISA_CODE = /^[A-Z][0-9]{1,3}[A-Z]?$/
