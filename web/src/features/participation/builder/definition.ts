import type { Question, QuestionType, SurveyDefinition } from '@zhicheng/contracts/participation';

/** A new survey's questionnaire: one free-text demand question, the one every campaign asks. */
export const DEFAULT_DEFINITION: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '',
      questions: [
        {
          id: 'q1',
          type: 'text',
          title: '您对智慧城市建设最迫切的需求是什么?',
          required: false,
          mandatory: false,
          demand: true,
          maxLength: 500,
        },
      ],
    },
  ],
};

/** The question types the builder offers, with their names. */
export const TYPES: { type: QuestionType; zh: string; en: string }[] = [
  { type: 'single', zh: '单选', en: 'Single choice' },
  { type: 'multiple', zh: '多选', en: 'Multiple choice' },
  { type: 'rating', zh: '评分', en: 'Rating' },
  { type: 'matrix', zh: '矩阵', en: 'Matrix' },
  { type: 'number', zh: '数字', en: 'Number' },
  { type: 'region', zh: '地区选择', en: 'Region' },
  { type: 'text', zh: '文字', en: 'Free text' },
];

/** Options as the builder edits them: one label per line. */
export const lines = (items?: { label: string }[]) => (items ?? []).map((o) => o.label).join('\n');
export const fromLines = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => ({ id: `${prefix}${i + 1}`, label }));

/** A new question of `type` with an unused id and sensible defaults (two options, a 5-point scale…). */
export function newQuestion(type: QuestionType, def: SurveyDefinition): Question {
  const used = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.id)));
  let n = used.size + 1;
  while (used.has(`q${n}`)) n++;
  const q: Question = { id: `q${n}`, type, title: '', required: false, mandatory: false };
  if (type === 'single' || type === 'multiple')
    q.options = [
      { id: 'o1', label: '选项一' },
      { id: 'o2', label: '选项二' },
    ];
  if (type === 'matrix') {
    q.rows = [{ id: 'r1', label: '方面一' }];
    q.options = [
      { id: 'o1', label: '满意' },
      { id: 'o2', label: '一般' },
      { id: 'o3', label: '不满意' },
    ];
  }
  if (type === 'rating') q.scale = 5;
  if (type === 'text') {
    q.maxLength = 500;
    q.demand = true;
  }
  return q;
}
