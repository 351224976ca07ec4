import { FACILITY_TYPES, type FacilityType } from '@zhicheng/contracts/communities';

/**
 * Words residents use for what each facility answers, matched against the keywords and label of a 问需于民 demand
 * topic. Hand-kept and short on purpose: a suggestion is a prompt for the community worker, who decides what to post.
 */
export const FACILITY_WORDS: Record<FacilityType, readonly string[]> = {
  smart_parcel_locker: ['快递', '包裹', '取件', '快递柜'],
  smart_vending: ['售货', '买东西', '便利店', '购物'],
  ev_charging: ['电动自行车', '电瓶车', '楼道充电', '飞线充电'],
  car_charging: ['充电桩', '新能源', '电动汽车', '充电难'],
  laundry: ['洗衣'],
  water_station: ['净水', '饮用水', '水质'],
  recycling_box: ['垃圾分类', '回收箱', '回收', '垃圾'],
  textile_recycling: ['旧衣', '衣物回收'],
  health_kiosk: ['健康', '体检', '血压', '看病'],
  aed: ['急救', 'AED', '心脏骤停'],
  medicine_locker: ['买药', '药店', '药品'],
  elderly_alarm: ['独居老人', '紧急呼叫', '手环', '一键呼叫'],
  elderly_canteen: ['就餐', '助餐', '老年食堂', '吃饭'],
  smart_mattress: ['失能', '照护', '卧床'],
  child_reading: ['阅读', '绘本', '儿童'],
  child_safety: ['走失', '孩子安全'],
  after_school: ['课后托管', '托管', '接送孩子'],
  fitness: ['健身', '锻炼', '运动'],
  book_cabinet: ['书柜', '借书', '图书'],
  gov_kiosk: ['办事', '窗口', '一网通办', '社保', '政务'],
  parking_sensor: ['停车', '车位', '停车难'],
  fire_sensor: ['消防', '烟感', '火灾'],
  access_face: ['门禁', '陌生人', '安防'],
  high_throw: ['高空抛物', '监控'],
  umbrella: ['雨伞', '下雨'],
  power_bank: ['充电宝', '手机没电'],
};

export interface TopicLike {
  label: string;
  keywords: string[];
  share: number;
}

export interface Suggestion {
  facility: FacilityType;
  facilityName: string;
  topic: string;
  share: number;
  matchedWords: string[];
}

/**
 * Facilities whose words appear in a topic's label or keywords, one per facility (its biggest topic), ranked by the
 * topic's share and then by how many words matched.
 */
export function suggestFacilities(topics: readonly TopicLike[], limit = 8): Suggestion[] {
  const best = new Map<FacilityType, Suggestion>();
  for (const t of topics) {
    const text = [t.label, ...t.keywords];
    for (const [facility, name] of FACILITY_TYPES.map((f) => [f[0], f[1]] as const)) {
      const words = FACILITY_WORDS[facility].filter((w) =>
        text.some((x) => x.includes(w) || (x.length >= 2 && w.includes(x))),
      );
      if (!words.length) continue;
      const prev = best.get(facility);
      if (!prev || t.share > prev.share || (t.share === prev.share && words.length > prev.matchedWords.length))
        best.set(facility, { facility, facilityName: name, topic: t.label, share: t.share, matchedWords: words });
    }
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.share - a.share || b.matchedWords.length - a.matchedWords.length || a.facility.localeCompare(b.facility),
    )
    .slice(0, limit);
}
