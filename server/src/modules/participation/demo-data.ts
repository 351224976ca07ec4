import type { Answer, SurveyDefinition } from '@zhicheng/contracts/participation';
import type { SeededRandom } from '../../platform/random.ts';

/**
 * The simulated questionnaire and answers of the demo (示例) — also what tests and the benchmarks in
 * bench/participation/ load. Nothing here is real: the phrases are typical demands, the weights made up.
 */

/** The province template of the demo campaign; also used by tests and benchmarks. */
export const DEMO_DEFINITION: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '基本情况',
      questions: [
        { id: 'region', type: 'region', title: '您所在的县(市、区)', required: true, mandatory: true },
        {
          id: 'age',
          type: 'single',
          title: '您的年龄段',
          required: true,
          mandatory: true,
          options: [
            { id: 'a1', label: '18–29岁' },
            { id: 'a2', label: '30–44岁' },
            { id: 'a3', label: '45–59岁' },
            { id: 'a4', label: '60岁及以上' },
          ],
        },
        {
          id: 'useApp',
          type: 'single',
          title: '您是否使用过“爱山东”等政务服务App',
          required: true,
          mandatory: true,
          options: [
            { id: 'yes', label: '使用过' },
            { id: 'no', label: '没有使用过' },
          ],
        },
        {
          id: 'appSat',
          type: 'rating',
          title: '您对政务服务App的满意度',
          required: true,
          mandatory: true,
          scale: 5,
          showIf: { questionId: 'useApp', anyOf: ['yes'] },
        },
      ],
    },
    {
      id: 'p2',
      title: '需求与评价',
      questions: [
        {
          id: 'fields',
          type: 'multiple',
          title: '您最希望优先建设的智慧应用领域(最多选3项)',
          required: true,
          mandatory: true,
          maxChoices: 3,
          options: [
            { id: 'traffic', label: '交通出行' },
            { id: 'health', label: '医疗健康' },
            { id: 'edu', label: '教育' },
            { id: 'elder', label: '养老服务' },
            { id: 'community', label: '社区服务' },
            { id: 'gov', label: '政务服务' },
            { id: 'env', label: '生态环境' },
          ],
        },
        {
          id: 'matrix',
          type: 'matrix',
          title: '请评价以下方面',
          required: false,
          mandatory: false,
          rows: [
            { id: 'net', label: '网络覆盖' },
            { id: 'affairs', label: '办事便利' },
            { id: 'transit', label: '出行信息' },
          ],
          options: [
            { id: 'good', label: '满意' },
            { id: 'ok', label: '一般' },
            { id: 'bad', label: '不满意' },
          ],
        },
        {
          id: 'weekly',
          type: 'number',
          title: '您每周用手机办事大约几次',
          required: false,
          mandatory: false,
          min: 0,
          max: 100,
        },
        {
          id: 'demand',
          type: 'text',
          title: '您对智慧城市建设最迫切的需求是什么?',
          required: false,
          mandatory: true,
          maxLength: 500,
          demand: true,
        },
      ],
    },
  ],
};

/** Demand phrases by topic; rural counties weigh network and elderly care more, cities parking and transit. */
const DEMANDS: Record<string, string[]> = {
  parking: [
    '小区停车位太少,晚上回家找不到车位',
    '老旧小区停车难,希望建设立体停车场',
    '希望推广智慧停车,手机能查到空余车位',
    '医院周边停车难,停车位严重不足',
    '路边停车收费不透明,希望统一智慧停车平台',
  ],
  charging: [
    '小区没有充电桩,电动汽车充电难',
    '希望在小区和停车场多安装新能源充电桩',
    '电动自行车充电不方便,楼道充电有安全隐患',
  ],
  elder: [
    '老年人不会用智能手机,希望保留人工窗口',
    '社区养老服务中心太少,老人就餐不方便',
    '希望推广独居老人智能手环和紧急呼叫',
    '适老化改造不够,老人用手机挂号太难',
  ],
  health: [
    '医院挂号排队时间长,希望推广线上预约挂号',
    '社区医院医生少,看病难',
    '希望检查结果互认,不用重复检查',
    '电子健康卡在不同医院不能通用',
  ],
  transit: [
    '公交车到站时间不准,希望实时公交查询',
    '早晚高峰道路拥堵,希望优化红绿灯配时',
    '乡镇到县城的公交班次太少',
    '希望地铁和公交换乘更方便',
  ],
  gov: [
    '办事还要跑好几个窗口,希望一网通办',
    '爱山东App有些事项办不了,还得去大厅',
    '希望不动产登记和社保业务网上全程办理',
    '政务服务热线经常打不通',
  ],
  network: ['农村5G信号差,宽带网速慢', '村里网络不稳定,直播卖货经常卡', '希望山区实现4G和5G信号全覆盖'],
  edu: [
    '学校周边交通拥堵,接送孩子难',
    '希望中小学智慧课堂普及,城乡共享优质课程',
    '课后托管服务信息不透明,希望网上报名',
  ],
  env: ['垃圾分类投放点少,希望推广智能回收箱', '河道污染希望实时监测并公开数据', '噪音扰民投诉处理慢'],
  safety: ['小区监控摄像头老旧,希望建设智慧安防', '老旧小区消防通道被占用,希望智能监测', '夜间路灯不亮,出行不安全'],
};
const TOPIC_KEYS = Object.keys(DEMANDS);
const PREFIX = ['', '', '', '建议', '希望', '强烈建议'];
const SUFFIX = ['', '', '', '。', ',谢谢!', ',希望尽快解决。', ',这个问题存在很久了。'];

/** One simulated free-text demand; `rural` shifts the mix. */
export function simulatedDemand(rng: SeededRandom, rural: boolean): string {
  const weights = TOPIC_KEYS.map((k) =>
    rural
      ? (({ network: 4, elder: 3, transit: 2, health: 2 } as Record<string, number>)[k] ?? 1)
      : (({ parking: 4, charging: 2, transit: 2, gov: 2 } as Record<string, number>)[k] ?? 1),
  );
  let x = rng.next() * weights.reduce((a, b) => a + b, 0);
  let key = TOPIC_KEYS[0]!;
  for (let i = 0; i < TOPIC_KEYS.length; i++) {
    x -= weights[i]!;
    if (x <= 0) {
      key = TOPIC_KEYS[i]!;
      break;
    }
  }
  return `${rng.pick(PREFIX)}${rng.pick(DEMANDS[key]!)}${rng.pick(SUFFIX)}`;
}

/** A whole simulated response to DEMO_DEFINITION in a county. */
export function simulatedAnswers(rng: SeededRandom, county: string, rural: boolean, withText = true): Answer[] {
  const useApp = rng.next() < (rural ? 0.55 : 0.8) ? 'yes' : 'no';
  const answers: Answer[] = [
    { questionId: 'region', value: county },
    { questionId: 'age', value: rng.pick(['a1', 'a2', 'a2', 'a3', 'a3', 'a4']) },
    { questionId: 'useApp', value: useApp },
  ];
  if (useApp === 'yes')
    answers.push({
      questionId: 'appSat',
      value: Math.max(1, Math.min(5, Math.round(rng.normal(rural ? 3.4 : 3.9, 0.9)))),
    });
  const fields = rng.shuffle(['traffic', 'health', 'edu', 'elder', 'community', 'gov', 'env']).slice(0, rng.int(1, 3));
  answers.push({ questionId: 'fields', value: fields });
  answers.push({
    questionId: 'matrix',
    value: ['net', 'affairs', 'transit'].map(() =>
      rng.pick(rural ? ['good', 'ok', 'bad', 'bad'] : ['good', 'good', 'ok', 'bad']),
    ),
  });
  answers.push({ questionId: 'weekly', value: rng.int(0, 12) });
  if (withText && rng.next() < 0.8) answers.push({ questionId: 'demand', value: simulatedDemand(rng, rural) });
  return answers;
}
