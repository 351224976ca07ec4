import type { Answer, SurveyDefinition } from '@zhicheng/contracts/participation';
import { allQuestions } from './answers.ts';

/** Reads a paper form's Excel row: choice answers by option label or id ("、" or ";" between several). */
export function paperAnswers(
  def: SurveyDefinition,
  values: Record<string, string>,
): { answers: Answer[] } | { error: { field: string; message: string } } {
  const answers: Answer[] = [];
  for (const q of allQuestions(def)) {
    const raw = (values[q.id] ?? '').trim();
    if (!raw) continue;
    const opt = (s: string) => q.options?.find((o) => o.id === s || o.label === s)?.id;
    const list = raw
      .split(/[、;;,,]/)
      .map((x) => x.trim())
      .filter(Boolean);
    switch (q.type) {
      case 'single': {
        const o = opt(raw);
        if (!o) return { error: { field: q.id, message: `选项“${raw}”不存在 / unknown option` } };
        answers.push({ questionId: q.id, value: o });
        break;
      }
      case 'multiple':
      case 'matrix': {
        const os = list.map(opt);
        const bad = os.findIndex((o) => !o);
        if (bad >= 0) return { error: { field: q.id, message: `选项“${list[bad]}”不存在 / unknown option` } };
        answers.push({ questionId: q.id, value: os as string[] });
        break;
      }
      case 'rating':
      case 'number': {
        const n = Number(raw);
        if (!Number.isFinite(n)) return { error: { field: q.id, message: '须为数字 / number expected' } };
        answers.push({ questionId: q.id, value: n });
        break;
      }
      default:
        answers.push({ questionId: q.id, value: raw });
    }
  }
  return { answers };
}
