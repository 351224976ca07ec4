import {
  isEmptyAnswer,
  questionShown,
  type Answer,
  type Question,
  type SurveyDefinition,
} from '@zhicheng/contracts/participation';
import { canonicalJson } from '../../platform/crypto/index.ts';

/** A rejected answer: which question, and why, in both languages. */
export interface AnswerProblem {
  questionId: string;
  zh: string;
  en: string;
}

export type AnswerValue = Answer['value'];

export const allQuestions = (d: SurveyDefinition): Question[] => d.pages.flatMap((p) => p.questions);

/**
 * Checks a respondent's answers against the survey: every answer names a question of this survey, has the value
 * shape its type needs, and every required visible question is answered. Hidden questions' answers are dropped.
 * Returns the answers in survey order, or the first problem (the 400 names the question).
 */
export function validateAnswers(
  def: SurveyDefinition,
  answers: Answer[],
): { ok: true; answers: Answer[] } | { ok: false; problem: AnswerProblem } {
  const questions = allQuestions(def);
  const qById = new Map(questions.map((q) => [q.id, q]));
  const byId = new Map<string, AnswerValue>();
  for (const a of answers) {
    if (!qById.has(a.questionId))
      return {
        ok: false,
        problem: { questionId: a.questionId, zh: '问卷中没有这道题', en: 'no such question in this survey' },
      };
    if (byId.has(a.questionId))
      return { ok: false, problem: { questionId: a.questionId, zh: '同一题目重复作答', en: 'answered twice' } };
    byId.set(a.questionId, a.value);
  }
  const out: Answer[] = [];
  for (const q of questions) {
    const v = byId.get(q.id);
    // The answer page shows questions by the same rule (questionShown, in the contract).
    if (!questionShown(q, (id) => byId.get(id))) continue;
    if (v === undefined || isEmptyAnswer(v)) {
      if (q.required)
        return { ok: false, problem: { questionId: q.id, zh: `“${q.title}”为必答题`, en: `"${q.id}" is required` } };
      continue;
    }
    const p = checkValue(q, v);
    if (p) return { ok: false, problem: { questionId: q.id, ...p } };
    out.push({ questionId: q.id, value: typeof v === 'string' ? v.trim() : v });
  }
  return { ok: true, answers: out };
}

function checkValue(q: Question, v: AnswerValue): { zh: string; en: string } | null {
  const optionIds = new Set((q.options ?? []).map((o) => o.id));
  switch (q.type) {
    case 'single':
      if (typeof v !== 'string') return { zh: '单选题须为一个选项', en: 'expects one option id (string)' };
      if (!optionIds.has(v)) return { zh: '选项不存在', en: `unknown option ${v}` };
      return null;
    case 'multiple': {
      if (!Array.isArray(v)) return { zh: '多选题须为选项列表', en: 'expects a list of option ids' };
      if (new Set(v).size !== v.length) return { zh: '选项重复', en: 'duplicate options' };
      const bad = v.find((o) => !optionIds.has(o));
      if (bad) return { zh: '选项不存在', en: `unknown option ${bad}` };
      if (q.maxChoices && v.length > q.maxChoices)
        return { zh: `最多选 ${q.maxChoices} 项`, en: `at most ${q.maxChoices} choices` };
      return null;
    }
    case 'rating': {
      const scale = q.scale ?? 5;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > scale)
        return { zh: `评分须为 1–${scale} 的整数`, en: `expects an integer 1–${scale}` };
      return null;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return { zh: '须为数字', en: 'expects a number' };
      if (q.min !== undefined && v < q.min) return { zh: `不能小于 ${q.min}`, en: `must be ≥ ${q.min}` };
      if (q.max !== undefined && v > q.max) return { zh: `不能大于 ${q.max}`, en: `must be ≤ ${q.max}` };
      return null;
    case 'matrix': {
      const rows = q.rows ?? [];
      if (!Array.isArray(v) || v.length !== rows.length)
        return {
          zh: `矩阵题须每行各选一项(共 ${rows.length} 行)`,
          en: `expects one option id per row (${rows.length} rows)`,
        };
      const bad = v.find((o) => !optionIds.has(o));
      if (bad) return { zh: '选项不存在', en: `unknown option ${bad}` };
      return null;
    }
    case 'region':
      if (typeof v !== 'string' || !/^(\d{6}|\d{9}|\d{12})$/.test(v))
        return { zh: '须为区划代码', en: 'expects a region code' };
      return null;
    case 'text': {
      if (typeof v !== 'string') return { zh: '须为文字', en: 'expects text' };
      const max = q.maxLength ?? 1000;
      if ([...v].length > max) return { zh: `不能超过 ${max} 字`, en: `at most ${max} characters` };
      return null;
    }
  }
}

/** Problems with a survey definition itself (builder input): duplicate ids, missing options, bad conditions. */
export function definitionProblems(def: SurveyDefinition): { path: string; zh: string; en: string }[] {
  const out: { path: string; zh: string; en: string }[] = [];
  const seen = new Map<string, Question>();
  const pageIds = new Set<string>();
  def.pages.forEach((p, pi) => {
    if (pageIds.has(p.id)) out.push({ path: `definition.pages.${pi}.id`, zh: '页面编号重复', en: 'duplicate page id' });
    pageIds.add(p.id);
    p.questions.forEach((q, qi) => {
      const path = `definition.pages.${pi}.questions.${qi}`;
      if (seen.has(q.id))
        out.push({ path: `${path}.id`, zh: `题目编号 ${q.id} 重复`, en: `duplicate question id ${q.id}` });
      if (['single', 'multiple', 'matrix'].includes(q.type) && (q.options ?? []).length < 2)
        out.push({ path: `${path}.options`, zh: '至少需要两个选项', en: 'needs at least two options' });
      if (q.options && new Set(q.options.map((o) => o.id)).size !== q.options.length)
        out.push({ path: `${path}.options`, zh: '选项编号重复', en: 'duplicate option ids' });
      if (q.type === 'matrix' && (q.rows ?? []).length < 1)
        out.push({ path: `${path}.rows`, zh: '矩阵题至少需要一行', en: 'a matrix needs rows' });
      if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max)
        out.push({ path: `${path}.min`, zh: '最小值大于最大值', en: 'min > max' });
      if (q.showIf) {
        const ref = seen.get(q.showIf.questionId);
        if (!ref)
          out.push({
            path: `${path}.showIf.questionId`,
            zh: '显示条件须引用前面的题目',
            en: 'condition must refer to an earlier question',
          });
        else if (!['single', 'multiple'].includes(ref.type))
          out.push({
            path: `${path}.showIf.questionId`,
            zh: '显示条件须引用选择题',
            en: 'condition must refer to a choice question',
          });
        else if (q.showIf.anyOf.some((o) => !(ref.options ?? []).some((x) => x.id === o)))
          out.push({ path: `${path}.showIf.anyOf`, zh: '条件选项不存在', en: 'unknown option in condition' });
      }
      seen.set(q.id, q);
    });
  });
  return out;
}

/** Mandatory questions of the template a localised survey dropped or changed (their ids). */
export function droppedMandatory(template: SurveyDefinition, local: SurveyDefinition): string[] {
  const localQ = new Map(allQuestions(local).map((q) => [q.id, q]));
  // Canonical: a template read back from jsonb has its keys in another order.
  const key = (q: Question) =>
    canonicalJson({
      type: q.type,
      title: q.title,
      options: q.options ?? [],
      rows: q.rows ?? [],
      scale: q.scale ?? null,
      required: q.required,
      showIf: q.showIf ?? null,
    });
  return allQuestions(template)
    .filter((q) => q.mandatory)
    .filter((q) => {
      const l = localQ.get(q.id);
      return !l || !l.mandatory || key(l) !== key(q);
    })
    .map((q) => q.id);
}
