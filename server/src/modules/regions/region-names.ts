/**
 * A region as people write it in a spreadsheet or on a paper form: its code, an alias, its bare name (历下区) or its
 * full name from any ancestor down (济南市历下区, 山东省济南市历下区). Bare names repeat across cities (市中区 is in
 * 济南 and in 枣庄), so a bare name that fits several regions is refused with the candidates named, never guessed.
 * Pure rules here; the lookups are RegionsService.identify.
 */

/** What one region cell resolved to: a code, or the words of a row error (both languages) and the candidates. */
export type RegionMatch =
  | { code: string }
  | {
      code?: undefined;
      reason: 'empty' | 'unknown' | 'ambiguous';
      candidates: { code: string; fullName: string }[];
      message: string;
    };

/** How many candidates an ambiguous name lists (a bare 市中区 has two; a street name could have many). */
const MAX_CANDIDATES = 5;

/**
 * Full-width digits become ASCII (NFKC), and the separators people put between the parts of a full name go:
 * 济南市 历下区, 济南市/历下区, 济南市-历下区.
 */
export const normaliseRegionText = (s: string): string => s.normalize('NFKC').replace(/[\s/\\|>、,,·\-—–]+/gu, '');

/** Whether `text` is the region's name with none, some or all of its ancestors' names before it; `names` top → self. */
export function fitsLineage(text: string, names: string[]): boolean {
  for (let i = names.length - 1; i >= 0; i--) if (names.slice(i).join('') === text) return true;
  return false;
}

/** The name a candidate is listed by: its lineage below the province (the province is the same for every one). */
export const fullNameOf = (names: string[]): string => (names.length > 1 ? names.slice(1) : names).join('');

/** The row error for a cell that names no region, or several. */
export function regionMatchError(
  text: string,
  reason: 'empty' | 'unknown' | 'ambiguous',
  candidates: { code: string; fullName: string }[] = [],
): RegionMatch {
  const shown = candidates.slice(0, MAX_CANDIDATES);
  const more = candidates.length > shown.length ? ` …(${candidates.length})` : '';
  const message =
    reason === 'empty'
      ? '请填写区划代码或名称 / Give the region’s code or name'
      : reason === 'unknown'
        ? `未知区划“${text}”:请填写区划代码或全称 / Unknown region "${text}": give its code or full name`
        : `区划名称“${text}”不唯一(${shown.map((c) => `${c.fullName} ${c.code}`).join('、')}${more}),请写上级名称或代码` +
          ` / "${text}" names several regions (${shown.map((c) => `${c.fullName} ${c.code}`).join(', ')}${more}):` +
          ' add the name above it, or give the code';
  return { reason, candidates: shown, message };
}
