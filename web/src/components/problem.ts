import { ApiError } from '../api/client';

/** The message to show for a failed call, in the user's language, with field errors appended. */
export function problemText(e: unknown, lang: 'zh' | 'en'): string {
  if (e instanceof ApiError) {
    const base = e.problem.message?.[lang] ?? e.problem.title;
    // Name the fields the server pointed at, unless the message already does.
    const fields = (e.problem.errors ?? []).map((f) => f.path).filter((p) => p && !base.includes(p));
    return fields.length ? `${base} (${fields.join(', ')})` : base;
  }
  return lang === 'zh' ? '网络错误,请重试' : 'Network error; please retry';
}
