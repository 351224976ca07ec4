/** A PostgreSQL array literal: one parameter however many elements (same on PGlite and node-postgres). */
export function toPgArray(values: (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
