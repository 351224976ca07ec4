import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '@zhicheng/contracts/participation';
import { definitionProblems, droppedMandatory, validateAnswers } from './answers.ts';
import { agreementScore, drawPanel, panelAgreement, type Candidate } from './panel.ts';
import { paperAnswers } from './paper.ts';
import { analyse, matchTopic, tokens } from './topics.ts';

const def: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '您是否使用过政务服务App',
          required: true,
          mandatory: true,
          options: [
            { id: 'y', label: '是' },
            { id: 'n', label: '否' },
          ],
        },
        {
          id: 'q2',
          type: 'rating',
          title: '满意度',
          required: true,
          mandatory: false,
          scale: 5,
          showIf: { questionId: 'q1', anyOf: ['y'] },
        },
        {
          id: 'q3',
          type: 'multiple',
          title: '关注领域',
          required: false,
          mandatory: false,
          maxChoices: 2,
          options: [
            { id: 'a', label: '交通' },
            { id: 'b', label: '医疗' },
            { id: 'c', label: '教育' },
          ],
        },
      ],
    },
    {
      id: 'p2',
      title: '',
      questions: [
        {
          id: 'q4',
          type: 'matrix',
          title: '评价',
          required: false,
          mandatory: false,
          rows: [
            { id: 'r1', label: '办事' },
            { id: 'r2', label: '出行' },
          ],
          options: [
            { id: 'good', label: '好' },
            { id: 'bad', label: '差' },
          ],
        },
        { id: 'q5', type: 'number', title: '年龄', required: false, mandatory: false, min: 0, max: 120 },
        { id: 'q6', type: 'text', title: '您的需求', required: false, mandatory: false, maxLength: 10, demand: true },
      ],
    },
  ],
};

describe('answers', () => {
  it('accepts a valid set and drops nothing visible', () => {
    const r = validateAnswers(def, [
      { questionId: 'q1', value: 'y' },
      { questionId: 'q2', value: 4 },
      { questionId: 'q4', value: ['good', 'bad'] },
      { questionId: 'q6', value: ' 停车难 ' },
    ]);
    expect(r).toEqual({
      ok: true,
      answers: [
        { questionId: 'q1', value: 'y' },
        { questionId: 'q2', value: 4 },
        { questionId: 'q4', value: ['good', 'bad'] },
        { questionId: 'q6', value: '停车难' },
      ],
    });
  });
  it('names the question that is wrong', () => {
    const bad = (answers: { questionId: string; value: string | number | string[] }[]) => {
      const r = validateAnswers(def, answers);
      if (r.ok) throw new Error('expected a problem');
      return r.problem.questionId;
    };
    expect(bad([])).toBe('q1');
    expect(bad([{ questionId: 'q1', value: 'y' }])).toBe('q2');
    expect(bad([{ questionId: 'q1', value: 'maybe' }])).toBe('q1');
    expect(
      bad([
        { questionId: 'q1', value: 'y' },
        { questionId: 'q2', value: 6 },
      ]),
    ).toBe('q2');
    expect(
      bad([
        { questionId: 'q1', value: 'n' },
        { questionId: 'q3', value: ['a', 'b', 'c'] },
      ]),
    ).toBe('q3');
    expect(
      bad([
        { questionId: 'q1', value: 'n' },
        { questionId: 'q4', value: ['good'] },
      ]),
    ).toBe('q4');
    expect(
      bad([
        { questionId: 'q1', value: 'n' },
        { questionId: 'q5', value: 130 },
      ]),
    ).toBe('q5');
    expect(
      bad([
        { questionId: 'q1', value: 'n' },
        { questionId: 'q6', value: '一二三四五六七八九十十一' },
      ]),
    ).toBe('q6');
    expect(
      bad([
        { questionId: 'q1', value: 'n' },
        { questionId: 'zz', value: 1 },
      ]),
    ).toBe('zz');
  });
  it('does not require a hidden question and drops its answer', () => {
    const r = validateAnswers(def, [
      { questionId: 'q1', value: 'n' },
      { questionId: 'q2', value: 3 },
    ]);
    expect(r).toEqual({ ok: true, answers: [{ questionId: 'q1', value: 'n' }] });
  });
  it('finds builder mistakes', () => {
    const broken: SurveyDefinition = {
      pages: [
        {
          id: 'p',
          title: '',
          questions: [
            {
              id: 'a',
              type: 'single',
              title: 'x',
              required: false,
              mandatory: false,
              options: [{ id: 'o', label: 'o' }],
            },
            {
              id: 'a',
              type: 'text',
              title: 'y',
              required: false,
              mandatory: false,
              showIf: { questionId: 'zz', anyOf: ['o'] },
            },
          ],
        },
      ],
    };
    expect(definitionProblems(broken).map((p) => p.path)).toEqual([
      'definition.pages.0.questions.0.options',
      'definition.pages.0.questions.1.id',
      'definition.pages.0.questions.1.showIf.questionId',
    ]);
    expect(definitionProblems(def)).toEqual([]);
  });
  it('refuses a localisation that drops or changes a mandatory question', () => {
    const added = {
      pages: [
        ...def.pages,
        {
          id: 'p3',
          title: '',
          questions: [{ id: 'local1', type: 'text' as const, title: '本区特色', required: false, mandatory: false }],
        },
      ],
    };
    expect(droppedMandatory(def, added)).toEqual([]);
    const dropped = { pages: [{ ...def.pages[0]!, questions: def.pages[0]!.questions.slice(1) }] };
    expect(droppedMandatory(def, dropped)).toEqual(['q1']);
    const changed = { pages: [{ ...def.pages[0]!, questions: [{ ...def.pages[0]!.questions[0]!, title: '改了' }] }] };
    expect(droppedMandatory(def, changed)).toEqual(['q1']);
  });
});

describe('panel draw', () => {
  const pool: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
    id: `s${String(i).padStart(2, '0')}`,
    region: i % 2 ? '370102' : '370103',
    ageBand: (['18-29', '30-44', '45-59', '60+'] as const)[i % 4]!,
    gender: i % 3 ? 'female' : 'male',
    media: i % 10 === 0,
  }));
  it('is reproducible from the seed, whatever order the pool is read in', () => {
    const a = drawPanel(pool, 8, {}, 42);
    const b = drawPanel([...pool].reverse(), 8, {}, 42);
    expect(a).toEqual(b);
    expect(drawPanel(pool, 8, {}, 43)).not.toEqual(a);
  });
  it('keeps to the quotas', () => {
    const r = drawPanel(
      pool,
      8,
      { byRegion: { '370102': 4, '370103': 4 }, byGender: { male: 3 }, byAgeBand: { '60+': 2 }, minMedia: 2 },
      7,
    );
    if (!r.ok) throw new Error(r.reason);
    const chosen = pool.filter((c) => r.ids.includes(c.id));
    expect(chosen).toHaveLength(8);
    expect(chosen.filter((c) => c.region === '370102')).toHaveLength(4);
    expect(chosen.filter((c) => c.gender === 'male').length).toBeLessThanOrEqual(3);
    expect(chosen.filter((c) => c.ageBand === '60+').length).toBeLessThanOrEqual(2);
    expect(chosen.filter((c) => c.media).length).toBeGreaterThanOrEqual(2);
  });
  it('says when the quotas cannot be met', () => {
    expect(drawPanel(pool, 10, { byRegion: { '370102': 3, '370103': 3 } }, 1).ok).toBe(false);
    expect(drawPanel(pool, 5, { minMedia: 5 }, 1).ok).toBe(false);
  });
});

describe('agreement', () => {
  it('flags the score far from the panel', () => {
    const r = panelAgreement([80, 82, 78, 81, 20].map((score, i) => ({ supervisorId: `s${i}`, score })));
    expect(r.median).toBe(80);
    expect(r.members.filter((m) => m.outlier).map((m) => m.supervisorId)).toEqual(['s4']);
    expect(
      panelAgreement([
        { supervisorId: 'a', score: 10 },
        { supervisorId: 'b', score: 90 },
      ]).members.some((m) => m.outlier),
    ).toBe(false);
    expect(agreementScore([2, 4])).toBe(97);
    expect(agreementScore([])).toBeNull();
  });
});

describe('demand topics', () => {
  it('segments and drops stop words', () => {
    expect(tokens('希望增加小区停车位')).toEqual(['小区', '停车位']);
  });
  it('groups answers into topics with quotes and per-region counts', () => {
    const docs = [
      ...Array.from({ length: 30 }, (_, i) => ({
        text: i % 2 ? '小区停车位太少,晚上停车难' : '停车难,希望多建停车位',
        region: i % 3 ? '370102' : '370103',
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        text: i % 2 ? '社区医院看病排队时间长' : '看病难,社区医院医生少',
        region: '370103',
      })),
      { text: '谢谢', region: '370102' },
    ];
    const a = analyse(docs);
    expect(a.documents).toBe(51);
    const parking = a.topics.find((t) => t.keywords.includes('停车位'))!;
    const clinic = a.topics.find((t) => t.keywords.includes('医院'))!;
    expect(parking.count).toBe(30);
    expect(clinic.count).toBe(20);
    expect(parking.id).not.toBe(clinic.id);
    expect(clinic.byRegion).toEqual([{ code: '370103', count: 20 }]);
    expect(parking.quotes.length).toBeGreaterThan(0);
    expect(a.topics.at(-1)!.id).toBe('other');
    expect(matchTopic(parking, a.topics)).toBe(parking);
  });
});

describe('localisation after a jsonb round trip', () => {
  it('ignores key order', () => {
    const reordered = JSON.parse(
      JSON.stringify(def, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as SurveyDefinition;
    expect(droppedMandatory(def, reordered)).toEqual([]);
  });
});

describe('paper forms', () => {
  it('reads an Excel row by option label or id, several choices split by 、 or ;', () => {
    expect(paperAnswers(def, { q1: '是', q2: '4', q3: '交通、b', q4: '好;差', q5: '', q6: '停车难' })).toEqual({
      answers: [
        { questionId: 'q1', value: 'y' },
        { questionId: 'q2', value: 4 },
        { questionId: 'q3', value: ['a', 'b'] },
        { questionId: 'q4', value: ['good', 'bad'] },
        { questionId: 'q6', value: '停车难' },
      ],
    });
  });
  it('names the column of an unknown option or a number that is not one', () => {
    expect(paperAnswers(def, { q1: '也许' })).toMatchObject({ error: { field: 'q1' } });
    expect(paperAnswers(def, { q3: '交通、体育' })).toMatchObject({ error: { field: 'q3' } });
    expect(paperAnswers(def, { q5: '三十' })).toMatchObject({ error: { field: 'q5' } });
  });
});
