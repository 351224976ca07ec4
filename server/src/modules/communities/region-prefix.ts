/**
 * The prefix every code in a region's subtree starts with (GB/T 2260 and the statistics codes below it nest):
 * 370000 → 37, 370100 → 3701, 370102 → 370102, streets and communities are their own prefix.
 */
export function regionPrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
