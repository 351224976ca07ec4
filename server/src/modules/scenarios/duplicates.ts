/**
 * Near-duplicate cases (the same scenario sent twice, or another region's text copied) by MinHash over jieba word
 * shingles, with LSH banding so a new case is compared only with the few that share a band — an index lookup in
 * PostgreSQL, not a scan — and then by the exact Jaccard of their shingle sets.
 *
 * Why MinHash and not the alternatives (bench/scenarios/duplicates.ts measures all three on the demo's planted
 * copies): SimHash's 64 bits answer "is the whole text nearly the same", and miss a case whose approach paragraph
 * was copied under a new title and new results; pg_trgm is not available in PGlite without loading an extension,
 * and trigrams of Chinese characters match common phrases (智慧, 平台建设) everywhere. MinHash estimates the share
 * of word pairs two texts have in common, which is the question a reviewer asks.
 */

const PERMUTATIONS = 64;
export const BANDS = 16;
const ROWS = PERMUTATIONS / BANDS;
/** Jaccard of shingle sets from which two cases are shown as possible duplicates. */
export const DUPLICATE_THRESHOLD = 0.3;

/** Word bigrams (and the single word of a one-word text): order matters, so a shared vocabulary alone is not a copy. */
export function shingles(tokens: string[]): Set<string> {
  const out = new Set<string>();
  if (tokens.length === 1) out.add(tokens[0]!);
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** FNV-1a, 32-bit: a fixed, fast string hash (the same on every machine, unlike a seeded runtime hash). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Fixed permutations h_i(x) = (a_i·x + b_i) mod p with p = 2^31 − 1, from a fixed generator. */
const P = 2147483647;
const COEFFS = (() => {
  let s = 20261130;
  const next = () => ((s = (Math.imul(s, 48271) >>> 0) % P), s);
  return Array.from({ length: PERMUTATIONS }, () => [next() || 1, next()] as const);
})();

/** (a·x + b) mod p without leaving exact integer arithmetic (a, x < 2^31: split a into 16-bit halves). */
function perm(a: number, b: number, x: number): number {
  const hi = Math.floor(a / 65536);
  const lo = a % 65536;
  const r = (((hi * x) % P) * 65536 + lo * x + b) % P;
  return r;
}

export function minhash(set: Set<string>): number[] {
  const sig = new Array<number>(PERMUTATIONS).fill(P);
  for (const s of set) {
    const x = fnv(s) % P;
    for (let i = 0; i < PERMUTATIONS; i++) {
      const [a, b] = COEFFS[i]!;
      const v = perm(a, b, x);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** One key per band: cases sharing any band key are candidates. */
export function bandKeys(sig: number[]): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) keys.push(`${b}:${fnv(sig.slice(b * ROWS, (b + 1) * ROWS).join(','))}`);
  return keys;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface Passage {
  mine: string;
  theirs: string;
  similarity: number;
}

/** Sentences (split at Chinese and Latin sentence ends and line breaks). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。!?;!?;\n])/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 6);
}

/**
 * The matching passages side by side: each sentence of the new case with the most similar sentence of the other,
 * kept when they share at least half their word pairs, most similar first.
 */
export function matchingPassages(
  mine: string,
  theirs: string,
  tokenize: (s: string) => string[],
  min = 0.5,
): Passage[] {
  const other = sentences(theirs).map((s) => ({ s, sh: shingles(tokenize(s)) }));
  const out: Passage[] = [];
  for (const s of sentences(mine)) {
    const sh = shingles(tokenize(s));
    let best: { s: string; j: number } | null = null;
    for (const o of other) {
      const j = jaccard(sh, o.sh);
      if (!best || j > best.j) best = { s: o.s, j };
    }
    if (best && best.j >= min) out.push({ mine: s, theirs: best.s, similarity: Math.round(best.j * 100) / 100 });
  }
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, 8);
}
