import { ApiError } from '../api/client';

/** The message to show for a failed call, in the user's language, with field errors appended. */
export function problemText(e: unknown, lang: 'zh' | 'en'): string {
  if (e instanceof ApiError) {
    const base = e.problem.message?.[lang] ?? e.problem.title;
    return base;
  }
  return lang === 'zh' ? '网络错误,请重试' : 'Network error; please retry';
}
