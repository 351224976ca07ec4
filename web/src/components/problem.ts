import { fieldLabel } from '@zhicheng/contracts';
import { ApiError } from '../api/client';

/** The message to show for a failed call, in the user's language, with field errors appended. */
export function problemText(e: unknown, lang: 'zh' | 'en'): string {
  if (e instanceof ApiError) {
    const base = e.problem.message?.[lang] ?? e.problem.title;
    // Name the fields the server pointed at by their labels (never their paths), unless the message already does.
    const fields = [...new Set((e.problem.errors ?? []).map((f) => fieldLabel(f.path, lang)))].filter(
      (l) => l && !base.includes(l),
    );
    if (!fields.length) return base;
    return lang === 'zh' ? `${base}(${fields.join('、')})` : `${base} (${fields.join(', ')})`;
  }
  return lang === 'zh' ? '网络错误,请重试' : 'Network error; please retry';
}
