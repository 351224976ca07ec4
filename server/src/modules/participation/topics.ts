import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict, idf as idfText } from '@node-rs/jieba/dict';

/**
 * Demand topics from free text: segment (jieba), drop stop words, take the most frequent words as keywords, group
 * keywords that occur together into topics, and give each answer to the topic whose keywords it mentions most.
 * Deterministic (no sampling), linear in the number of answers: a million short answers take seconds.
 */

let jieba: Jieba | null = null;
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

let idfMap: Map<string, number> | null = null;
/** jieba's general-corpus inverse document frequency: how specific a word is (服务 5.3, 停车位 9.8). */
export function idf(word: string): number {
  if (!idfMap) {
    idfMap = new Map();
    for (const line of Buffer.from(idfText).toString('utf8').split('\n')) {
      const sp = line.lastIndexOf(' ');
      if (sp > 0) idfMap.set(line.slice(0, sp), Number(line.slice(sp + 1)));
    }
  }
  return idfMap.get(word) ?? 11;
}

/** A word list beside this file, one word per line. */
function wordList(file: string): Set<string> {
  const text = fs.readFileSync(new URL(file, import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
}

/** Function words and the generic verbs of any demand ("希望增加…") that say nothing about what is wanted. */
export const STOP_WORDS = wordList('stop-words.txt');

/** Where, not what: these join a topic but never name one (小区 appears with parking, charging and safety alike). */
export const PLACE_WORDS = wordList('place-words.txt');

const WORD = /^[\p{Script=Han}A-Za-z0-9]{2,}$/u;

export function tokens(text: string, j: Jieba = segmenter()): string[] {
  const out: string[] = [];
  for (const w of j.cut(text, false)) if (WORD.test(w) && !STOP_WORDS.has(w) && !/^\d+$/.test(w)) out.push(w);
  return out;
}

export interface Doc {
  text: string;
  /** Where the answer came from (a county code), for per-region counts. */
  region: string;
}

export interface Topic {
  id: string;
  label: string;
  keywords: string[];
  count: number;
  share: number;
  quotes: string[];
  byRegion: { code: string; count: number }[];
}

export interface Analysis {
  documents: number;
  topics: Topic[];
  keywords: { word: string; weight: number }[];
}

export interface AnalyseOptions {
  maxKeywords?: number;
  maxTopics?: number;
  /** Cosine similarity (answers in common / √(answers of each)) a keyword needs with a topic's head word to join it. */
  joinThreshold?: number;
  quotes?: number;
}

export function analyse(docs: Iterable<Doc>, opts: AnalyseOptions = {}): Analysis {
  const maxKeywords = opts.maxKeywords ?? 150;
  const maxTopics = opts.maxTopics ?? 12;
  const joinThreshold = opts.joinThreshold ?? 0.45;
  const nQuotes = opts.quotes ?? 3;
  const j = segmenter();

  // Pass 1: segment once, keep each answer as distinct word ids.
  const vocab = new Map<string, number>();
  const words: string[] = [];
  let df = new Int32Array(1024);
  const docWords: Int32Array[] = [];
  const texts: string[] = [];
  const regions: string[] = [];
  for (const d of docs) {
    const seen = new Set<number>();
    for (const w of tokens(d.text, j)) {
      let id = vocab.get(w);
      if (id === undefined) {
        id = words.length;
        vocab.set(w, id);
        words.push(w);
        if (id >= df.length) {
          const g = new Int32Array(df.length * 2);
          g.set(df);
          df = g;
        }
      }
      if (!seen.has(id)) {
        seen.add(id);
        df[id]!++;
      }
    }
    docWords.push(Int32Array.from(seen));
    texts.push(d.text);
    regions.push(d.region);
  }
  const n = docWords.length;
  if (n === 0) return { documents: 0, topics: [], keywords: [] };

  // Keywords: most frequent words (ties by word, so the result does not depend on input order).
  // Ranked by frequency × specificity, so 停车位 outranks 服务 at equal counts.
  const weight = new Float64Array(words.length);
  for (let i = 0; i < words.length; i++) weight[i] = idf(words[i]!);
  const ranked = words.map((_, i) => i).filter((i) => df[i]! >= 2 || n < 20);
  ranked.sort((a, b) => df[b]! * weight[b]! - df[a]! * weight[a]! || (words[a]! < words[b]! ? -1 : 1));
  const kw = ranked.slice(0, maxKeywords);
  const K = kw.length;
  const kwIndex = new Int32Array(words.length).fill(-1);
  kw.forEach((w, k) => (kwIndex[w] = k));

  // Pass 2: co-occurrence among keywords.
  const cooc = new Int32Array(K * K);
  const docKw: Int32Array[] = new Array(n);
  for (let d = 0; d < n; d++) {
    const ks: number[] = [];
    for (const w of docWords[d]!) {
      const k = kwIndex[w]!;
      if (k >= 0) ks.push(k);
    }
    docKw[d] = Int32Array.from(ks);
    for (let a = 0; a < ks.length; a++)
      for (let b = a + 1; b < ks.length; b++) {
        cooc[ks[a]! * K + ks[b]!]!++;
        cooc[ks[b]! * K + ks[a]!]!++;
      }
  }

  // Greedy grouping: a keyword joins the topic whose head it co-occurs with most, if often enough; else it heads a new one.
  const heads: number[] = [];
  const topicOf = new Int32Array(K).fill(-1);
  const members: number[][] = [];
  for (let k = 0; k < K; k++) {
    const dfk = df[kw[k]!]!;
    let best = -1;
    let bestShare = 0;
    for (let t = 0; t < heads.length; t++) {
      // Cosine of the two words' answer sets: a hub word (小区) does not swallow every topic it appears in.
      const share = cooc[k * K + heads[t]!]! / Math.sqrt(dfk * df[kw[heads[t]!]!]!);
      if (share > bestShare) {
        bestShare = share;
        best = t;
      }
    }
    if (best >= 0 && bestShare >= joinThreshold) {
      topicOf[k] = best;
      members[best]!.push(k);
    } else if (heads.length < maxTopics && !PLACE_WORDS.has(words[kw[k]!]!)) {
      topicOf[k] = heads.length;
      heads.push(k);
      members.push([k]);
    }
  }

  // Pass 3: each answer goes to the topic it mentions most (ties: the bigger topic, which came first).
  const T = heads.length;
  const count = new Int32Array(T + 1);
  const byRegion: Map<string, number>[] = Array.from({ length: T + 1 }, () => new Map());
  const best: { d: number; hits: number; len: number }[][] = Array.from({ length: T + 1 }, () => []);
  const hits = new Float64Array(T);
  for (let d = 0; d < n; d++) {
    hits.fill(0);
    for (const k of docKw[d]!) {
      const t = topicOf[k]!;
      if (t >= 0) hits[t]! += weight[kw[k]!]!;
    }
    let t = T;
    let h = 0;
    for (let x = 0; x < T; x++)
      if (hits[x]! > h) {
        h = hits[x]!;
        t = x;
      }
    count[t]!++;
    const m = byRegion[t]!;
    m.set(regions[d]!, (m.get(regions[d]!) ?? 0) + 1);
    // Representative quotes: answers that mention most of the topic's words, short enough to read at a glance.
    const len = texts[d]!.length;
    if (t < T && len >= 6 && len <= 80) {
      const list = best[t]!;
      if (
        list.length < nQuotes * 4 ||
        h > list[list.length - 1]!.hits ||
        (h === list[list.length - 1]!.hits && len < list[list.length - 1]!.len)
      ) {
        list.push({ d, hits: h, len });
        list.sort((a, b) => b.hits - a.hits || a.len - b.len || a.d - b.d);
        if (list.length > nQuotes * 4) list.length = nQuotes * 4;
      }
    }
  }

  const topics: Topic[] = [];
  for (let t = 0; t <= T; t++) {
    if (count[t] === 0) continue;
    const kws = t < T ? members[t]!.map((k) => words[kw[k]!]!) : [];
    const quotes: string[] = [];
    const seenQuotes = new Set<string>();
    for (const q of best[t]!) {
      const text = texts[q.d]!;
      // Near-duplicates ("建议…", "…,谢谢!") count once.
      const key = text
        .replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '')
        .replace(/^(强烈建议|建议|希望)/, '')
        .replace(/(谢谢|希望尽快解决|这个问题存在很久了)+$/, '');
      if (seenQuotes.has(key)) continue;
      seenQuotes.add(key);
      quotes.push(text);
      if (quotes.length >= nQuotes) break;
    }
    topics.push({
      id: t < T ? `t${t}` : 'other',
      label: t < T ? kws.slice(0, 2).join('·') : '其他',
      keywords: kws.slice(0, 10),
      count: count[t]!,
      share: count[t]! / n,
      quotes,
      byRegion: [...byRegion[t]!]
        .map(([code, c]) => ({ code, count: c }))
        .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    });
  }
  topics.sort((a, b) => (a.id === 'other' ? 1 : b.id === 'other' ? -1 : b.count - a.count));
  return { documents: n, topics, keywords: kw.slice(0, 80).map((w) => ({ word: words[w]!, weight: df[w]! })) };
}

/** The topic of `b` most like `a` by keyword overlap (Jaccard ≥ 0.2), for comparing years. */
export function matchTopic(a: Topic, candidates: Topic[]): Topic | null {
  let best: Topic | null = null;
  let bestJ = 0.2;
  const sa = new Set(a.keywords);
  for (const c of candidates) {
    if (c.id === 'other') continue;
    const inter = c.keywords.filter((k) => sa.has(k)).length;
    const jac = inter / (sa.size + c.keywords.length - inter || 1);
    if (jac >= bestJ) {
      bestJ = jac;
      best = c;
    }
  }
  return best;
}
