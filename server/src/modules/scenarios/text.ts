import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese text as the library indexes and compares it: jieba (the segmenter the platform already ships, a native
 * build of the Rust port) cuts it into words. PostgreSQL has no Chinese parser, so the words themselves become the
 * lexemes of a 'simple' tsvector (array_to_tsvector, taken as-is) and of the query (a tsquery literal): search is
 * an index lookup, not a scan.
 */

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** A word worth indexing: two or more Han characters, letters or digits (single characters match too much). */
const WORD = /^[\p{Script=Han}a-z0-9]{2,}$/u;

/** Words that occur in almost every case and tell none apart. */
const STOP = new Set([
  '建设',
  '实现',
  '通过',
  '进行',
  '提升',
  '推进',
  '开展',
  '一个',
  '我们',
  '以及',
  '相关',
  '有效',
  '工作',
  '平台',
  '系统',
  '智慧',
  '服务',
]);

/**
 * Index words: jieba's search mode also yields the parts of long words (智慧停车 → 智慧, 停车, 智慧停车), so a query
 * for either finds the case. Distinct, lower-cased, stop words kept (a query for 智慧 still finds something).
 */
export function indexTokens(text: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cutForSearch(text, true)) {
    const w = raw.toLowerCase();
    if (WORD.test(w)) out.add(w);
  }
  return [...out];
}

/** Query words: the plain cut (the whole word when the dictionary knows it), the same filter. */
export function queryTokens(q: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cut(q, true)) {
    const w = raw.toLowerCase();
    if (WORD.test(w)) out.add(w);
  }
  return [...out];
}

/**
 * Words for comparing two cases (duplicates): the plain cut, stop words out, in order, repeats kept — passages are
 * runs of these.
 */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cut(text, false)) {
    const w = raw.toLowerCase();
    if (WORD.test(w) && !STOP.has(w)) out.push(w);
  }
  return out;
}

/** A tsquery literal requiring every word; each lexeme quoted (WORD admits no quote or backslash). */
export function tsqueryAll(tokens: string[]): string {
  return tokens.map((t) => `'${t}'`).join(' & ');
}

/** What a case contributes to the index. */
export function caseSearchText(c: {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  results: string;
  tags: string[];
  builder: string;
  responsibleUnit: string;
}): string {
  return [c.title, c.summary, c.problem, c.approach, c.results, c.tags.join(' '), c.builder, c.responsibleUnit].join(
    '\n',
  );
}
