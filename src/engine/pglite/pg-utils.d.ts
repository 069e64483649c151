// pg's own conversion of a parameter to what it sends (its types leave lib/utils undeclared).
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): unknown;
}
