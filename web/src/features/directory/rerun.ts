/**
 * The draw re-run in the reader's own browser (WebCrypto), from the public record only: the same rule the server
 * follows (server/src/modules/directory/draw-rule.ts, its words in the record's `algorithm`), written again here so a
 * citizen need not trust the server's own check.
 */

export interface PublicCandidate {
  code: string;
  fields: readonly string[];
  excluded: string | null;
}
export interface PublicPick {
  position: number;
  field: string | null;
  code: string;
  replaces: number | null;
}
export interface PublicQuota {
  field: string | null;
  count: number;
  atLeast?: number;
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Every eligible expert's ticket per field asked for, computed once. */
async function tickets(key: string, quotas: readonly PublicQuota[], eligible: readonly PublicCandidate[]) {
  const out = new Map<string, string>();
  for (const field of new Set(quotas.map((q) => q.field)))
    for (const c of eligible) out.set(`${field ?? '*'}|${c.code}`, await sha256(`${key}|${field ?? '*'}|${c.code}`));
  return out;
}

/** The picks the seed gives, replacements included, in position order; compare with the record's. */
export async function rerun(
  seed: string,
  salt: string | null,
  quotas: readonly PublicQuota[],
  candidates: readonly PublicCandidate[],
  recorded: readonly PublicPick[],
): Promise<{ codes: string[]; matches: boolean; seedHash: string }> {
  const key = salt ? `${seed}:${salt}` : seed;
  const eligible = candidates.filter((c) => !c.excluded);
  const t = await tickets(key, quotas, eligible);
  const taken = new Set<string>();
  const next = (field: string | null) => {
    let best: { code: string; t: string } | null = null;
    for (const c of eligible) {
      if (taken.has(c.code) || (field !== null && !c.fields.includes(field))) continue;
      const x = t.get(`${field ?? '*'}|${c.code}`)!;
      if (!best || x < best.t || (x === best.t && c.code < best.code)) best = { code: c.code, t: x };
    }
    return best?.code ?? null;
  };
  const codes: string[] = [];
  for (const q of quotas)
    for (let k = 0; k < q.count; k++) {
      const code = next(q.field);
      if (!code) break;
      taken.add(code);
      codes.push(code);
    }
  for (const p of [...recorded].filter((x) => x.replaces !== null).sort((a, b) => a.position - b.position)) {
    const code = next(p.field);
    if (!code) break;
    taken.add(code);
    codes.push(code);
  }
  const want = [...recorded].sort((a, b) => a.position - b.position).map((p) => p.code);
  return { codes, matches: codes.join() === want.join(), seedHash: await sha256(seed) };
}
