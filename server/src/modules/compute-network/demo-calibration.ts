import type { DataCentreStatus, DeviceModel, InventoryItem, ZoneType } from '@zhicheng/contracts/compute-network';
import { SeededRandom } from '../../platform/random.ts';
import { capacityOf, linePflops } from './registry/capacity.ts';
import { periodsBetween } from './reports/report-rules.ts';

/**
 * The demo data set (simulated, 示例): ~50 data centres calibrated so that July 2024 reproduces the bureau's reply:
 * 345,400 racks in use, 9.66 EFLOPS total, 2.89 EFLOPS AI, 85.46 % of racks and 88.31 % of compute in core and
 * cluster zones, five 千卡 clusters and one 万卡 cluster. Centre names, operators, sizes and zone membership are
 * made up; the zone layout "2+5+N" follows the reply's shape, not an official list.
 */
export const DEMO_TARGET = {
  period: '2024-07',
  racksInUse: 345_400,
  totalPflops: 9_660,
  aiPflops: 2_890,
  ccRackShare: 0.8546,
  ccComputeShare: 0.8831,
  clusters1k: 5,
  clusters10k: 1,
};
export const DEMO_FIRST_PERIOD = '2023-08';

export const DEMO_CITIES: { code: string; name: string; lng: number; lat: number }[] = [
  { code: '370100', name: '济南市', lng: 117.0, lat: 36.65 },
  { code: '370200', name: '青岛市', lng: 120.38, lat: 36.07 },
  { code: '370300', name: '淄博市', lng: 118.05, lat: 36.81 },
  { code: '370400', name: '枣庄市', lng: 117.32, lat: 34.81 },
  { code: '370500', name: '东营市', lng: 118.67, lat: 37.43 },
  { code: '370600', name: '烟台市', lng: 121.45, lat: 37.46 },
  { code: '370700', name: '潍坊市', lng: 119.16, lat: 36.71 },
  { code: '370800', name: '济宁市', lng: 116.59, lat: 35.41 },
  { code: '370900', name: '泰安市', lng: 117.09, lat: 36.2 },
  { code: '371000', name: '威海市', lng: 122.12, lat: 37.51 },
  { code: '371100', name: '日照市', lng: 119.53, lat: 35.42 },
  { code: '371300', name: '临沂市', lng: 118.36, lat: 35.1 },
  { code: '371400', name: '德州市', lng: 116.36, lat: 37.44 },
  { code: '371500', name: '聊城市', lng: 115.99, lat: 36.46 },
  { code: '371600', name: '滨州市', lng: 117.97, lat: 37.38 },
  { code: '371700', name: '菏泽市', lng: 115.48, lat: 35.23 },
];

/** "2+5+N": two core zones, five cluster zones, an edge node zone for every other city (示例 membership). */
const ZONE_OF_CITY: Record<string, ZoneType> = {
  '370100': 'core',
  '370200': 'core',
  '370300': 'cluster',
  '370600': 'cluster',
  '370700': 'cluster',
  '370800': 'cluster',
  '371300': 'cluster',
};
const CENTRES_PER: Record<ZoneType, number> = { core: 8, cluster: 4, edge: 2 };

export const DEMO_OPERATORS = [
  { username: 'dc.inspur', org: '浪潮云(示例)', display: '浪潮云数据中心运营(示例)' },
  { username: 'dc.cmcc', org: '中国移动山东公司(示例)', display: '移动数据中心运营(示例)' },
  { username: 'dc.telecom', org: '中国电信山东公司(示例)', display: '电信数据中心运营(示例)' },
  { username: 'dc.unicom', org: '中国联通山东公司(示例)', display: '联通数据中心运营(示例)' },
];

export interface DemoZone {
  code: string;
  name: string;
  type: ZoneType;
  cityCode: string;
}

export interface DemoCentre {
  key: string;
  name: string;
  operatorIndex: number;
  cityCode: string;
  countyCode: string;
  zoneCode: string;
  lng: number;
  lat: number;
  status: DataCentreStatus;
  designRacks: number;
  racksInUse: number;
  powerCapacityKw: number;
  designPue: number;
  storagePb: number;
  inventory: InventoryItem[];
  pue: number;
  utilisation: number;
}

export interface DemoReport {
  centreKey: string;
  period: string;
  racksInUse: number;
  designRacks: number;
  utilisationPct: number;
  energyMwh: number;
  measuredPue: number;
  computeInUsePflops: number;
  storageUsedPb: number;
  totalPflops: number;
  intelligentPflops: number;
  generalPflops: number;
  superPflops: number;
  clusters1k: number;
  clusters10k: number;
}

const SMALL_POOL_MODELS = [
  'nvidia-t4',
  'nvidia-a10',
  'nvidia-l40s',
  'nvidia-a100-sxm',
  'huawei-ascend-310p',
  'kunlunxin-r200',
];
const CPU_MODELS = ['intel-xeon-8380-2s', 'hygon-7285-2s', 'kunpeng-920-2s'];

/** Fixed clusters: [zone city, centre index in that city, model, cards, name]. */
const CLUSTERS: [string, number, string, number, string][] = [
  ['370100', 0, 'cambricon-mlu370-x8', 10_240, '万卡智算集群(示例)'],
  ['370100', 1, 'huawei-ascend-910', 1_200, '昇腾千卡集群(示例)'],
  ['370200', 0, 'nvidia-a800-sxm', 1_024, 'A800 千卡集群(示例)'],
  ['370600', 0, 'cambricon-mlu370-x8', 2_048, '思元千卡集群(示例)'],
  ['370700', 0, 'kunlunxin-r200', 1_024, '昆仑千卡集群(示例)'],
  ['371300', 0, 'nvidia-v100-sxm2', 1_536, 'V100 千卡集群(示例)'],
];

/** Distributes an integer total over weights exactly (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k++, rest--) out[order[k % order.length]![1]]!++;
  return out;
}

/**
 * The demo set. `until` (YYYY-MM, the last month whose report should exist, e.g. last month by the platform clock)
 * extends the calibrated year with steady months: racks, capacity and cluster counts stay at their July 2024 figures
 * (so the reply's figures are also today's), utilisation and PUE move a little, each month from its own seed, so the
 * calibrated year comes out the same whatever `until` is.
 */
export function generateDemo(
  models: Map<string, DeviceModel>,
  countiesOf: (cityCode: string) => string[],
  until: string = DEMO_TARGET.period,
) {
  const rnd = SeededRandom.fromString('compute-network-demo-2024');
  const m = (id: string) => {
    const x = models.get(id);
    if (!x) throw new Error(`demo needs model ${id}`);
    return x;
  };
  const zones: DemoZone[] = DEMO_CITIES.map((c) => {
    const type = ZONE_OF_CITY[c.code] ?? 'edge';
    const short = c.name.replace(/市$/, '');
    return {
      code: `${type}-${c.code}`,
      name: `${short}${type === 'core' ? '核心区' : type === 'cluster' ? '集聚区' : '边缘节点'}(示例)`,
      type,
      cityCode: c.code,
    };
  });
  const centres: DemoCentre[] = [];
  for (const z of zones) {
    const city = DEMO_CITIES.find((c) => c.code === z.cityCode)!;
    const counties = countiesOf(city.code);
    const short = city.name.replace(/市$/, '');
    for (let i = 0; i < CENTRES_PER[z.type]; i++) {
      const suffix = [
        '云计算中心',
        '智算中心',
        '数据中心',
        '大数据中心',
        'IDC',
        '算力中心',
        '边缘数据中心',
        '云数据中心',
      ][i % 8];
      // Round robin over all four operators, so every demo operator account owns centres in most cities.
      const operatorIndex = centres.length % DEMO_OPERATORS.length;
      const pue = Math.round((1.18 + rnd.next() * 0.2) * 100) / 100;
      centres.push({
        key: `${city.code}-${i}`,
        name: `${short}${['', '第二', '西部', '东部', '南部', '北部', '高新区', '新区'][i]}${suffix}(示例)`,
        operatorIndex,
        cityCode: city.code,
        countyCode: counties.length ? counties[(i * 3) % counties.length]! : city.code,
        zoneCode: z.code,
        lng: Math.round((city.lng + (rnd.next() - 0.5) * 0.5) * 10_000) / 10_000,
        lat: Math.round((city.lat + (rnd.next() - 0.5) * 0.4) * 10_000) / 10_000,
        status: 'operating',
        designRacks: 0,
        racksInUse: 0,
        powerCapacityKw: 0,
        designPue: Math.round((pue - 0.03) * 100) / 100,
        storagePb: 0,
        inventory: [],
        pue,
        utilisation: Math.round((45 + rnd.next() * 40) * 10) / 10,
      });
    }
  }
  const isCc = (c: DemoCentre) => zones.find((z) => z.code === c.zoneCode)!.type !== 'edge';
  const cc = centres.filter(isCc);
  const edge = centres.filter((c) => !isCc(c));

  // Racks: exact totals per group.
  const ccRacks = Math.round(DEMO_TARGET.racksInUse * DEMO_TARGET.ccRackShare);
  const ccW = cc.map(
    (c, i) =>
      (c.cityCode === '370100' || c.cityCode === '370200' ? 2.5 : 1) * (0.5 + rnd.next()) * (i % 8 === 0 ? 2 : 1),
  );
  apportion(ccRacks, ccW).forEach((r, i) => (cc[i]!.racksInUse = r));
  apportion(
    DEMO_TARGET.racksInUse - ccRacks,
    edge.map(() => 0.5 + rnd.next()),
  ).forEach((r, i) => (edge[i]!.racksInUse = r));
  for (const c of centres) {
    c.designRacks = Math.ceil(c.racksInUse / (0.72 + rnd.next() * 0.2));
    c.powerCapacityKw = Math.round(c.designRacks * 2.5 * c.designPue * 1.1);
    c.storagePb = Math.round(c.racksInUse * (0.01 + rnd.next() * 0.02) * 10) / 10;
  }

  // Intelligent compute: the fixed clusters, then small pools scaled to the target, then one balancing A10 pool.
  const byKey = (city: string, idx: number) => centres.find((c) => c.key === `${city}-${idx}`)!;
  for (const [city, idx, model, cards, name] of CLUSTERS)
    byKey(city, idx).inventory.push({ kind: 'intelligent', modelId: model, count: cards, clusterName: name });
  const pools: { c: DemoCentre; item: InventoryItem }[] = [];
  for (const c of centres) {
    const n = isCc(c) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const item: InventoryItem = {
        kind: 'intelligent',
        modelId: rnd.pick(SMALL_POOL_MODELS),
        count: rnd.int(16, isCc(c) ? 400 : 120),
        clusterName: null,
      };
      pools.push({ c, item });
    }
  }
  const aiOf = (items: InventoryItem[]) => items.reduce((s, it) => s + linePflops(it, m(it.modelId)), 0);
  const clusterPf = aiOf(CLUSTERS.map(([, , model, count]) => ({ kind: 'intelligent', modelId: model, count })));
  const balanceA10 = 20; // PFLOPS left for the balancing pool
  const poolRaw = aiOf(pools.map((p) => p.item));
  const f = (DEMO_TARGET.aiPflops - clusterPf - balanceA10) / poolRaw;
  for (const p of pools) {
    p.item.count = Math.max(1, Math.min(999, Math.floor(p.item.count * f)));
    p.c.inventory.push(p.item);
  }
  const aiNow = aiOf(centres.flatMap((c) => c.inventory));
  const a10 = m('nvidia-a10');
  const balCount = Math.round(((DEMO_TARGET.aiPflops - aiNow) * 1000) / a10.fp16!);
  byKey('370100', 2).inventory.push({ kind: 'intelligent', modelId: 'nvidia-a10', count: balCount, clusterName: null });

  // Supercomputing: two sample centres.
  byKey('370100', 3).inventory.push({
    kind: 'supercomputing',
    modelId: 'super-node-sample',
    count: 8_000,
    clusterName: null,
  });
  byKey('370200', 1).inventory.push({
    kind: 'supercomputing',
    modelId: 'super-node-sample',
    count: 5_000,
    clusterName: null,
  });

  // General compute: fills each group to its share of the total, by racks, then a balancing Kunpeng line.
  const fill = (group: DemoCentre[], targetPf: number) => {
    const have = group.reduce((s, c) => s + capacityOf(c.inventory, models).totalPflops, 0);
    const need = targetPf - have;
    if (need <= 0) throw new Error('demo calibration: no room for general compute');
    const totalRacks = group.reduce((s, c) => s + c.racksInUse, 0);
    for (const c of group) {
      const model = m(rnd.pick(CPU_MODELS));
      const count = Math.floor((need * 0.98 * (c.racksInUse / totalRacks) * 1000) / model.fp32!);
      if (count > 0) c.inventory.push({ kind: 'general', modelId: model.id, count, clusterName: null });
    }
    const exact = group.reduce((s, c) => s + c.inventory.reduce((t, it) => t + linePflops(it, m(it.modelId)), 0), 0);
    const kp = m('kunpeng-920-2s');
    const bal = Math.round(((targetPf - exact) * 1000) / kp.fp32!);
    const biggest = [...group].sort((a, b) => b.racksInUse - a.racksInUse)[0]!;
    biggest.inventory.push({ kind: 'general', modelId: kp.id, count: bal, clusterName: null });
  };
  const ccTarget = DEMO_TARGET.totalPflops * DEMO_TARGET.ccComputeShare;
  fill(cc, ccTarget);
  fill(edge, DEMO_TARGET.totalPflops - ccTarget);

  // Monthly reports: a year of growth ending at the calibrated July 2024.
  const periods = periodsBetween(DEMO_FIRST_PERIOD, DEMO_TARGET.period);
  const reports: DemoReport[] = [];
  for (const c of centres) {
    const cap = capacityOf(c.inventory, models);
    const hasTenK = cap.clusters10k > 0;
    periods.forEach((p, k) => {
      const g = k / (periods.length - 1);
      const last = k === periods.length - 1;
      const racks = last ? c.racksInUse : Math.round(c.racksInUse * (0.82 + 0.18 * g));
      const design = last ? c.designRacks : Math.max(racks, Math.round(c.designRacks * (0.9 + 0.1 * g)));
      const util = Math.round(Math.min(98, Math.max(5, c.utilisation + (rnd.next() - 0.5) * 6)) * 10) / 10;
      const pue = last ? c.pue : Math.round((c.pue + 0.04 * (1 - g) + (rnd.next() - 0.5) * 0.02) * 100) / 100;
      const scaleTotal = last ? 1 : 0.78 + 0.22 * g;
      const scaleAi = last ? 1 : 0.55 + 0.45 * g;
      // The 万卡 cluster went live in May 2024 (simulated); before that it was a 千卡 build-out.
      const tenKLive = p >= '2024-05';
      reports.push({
        centreKey: c.key,
        period: p,
        racksInUse: racks,
        designRacks: design,
        utilisationPct: util,
        energyMwh: Math.round(racks * 2.5 * (util / 100 + 0.35) * 730 * pue) / 1000,
        measuredPue: pue,
        computeInUsePflops: Math.round(cap.totalPflops * scaleTotal * (util / 100) * 1000) / 1000,
        storageUsedPb: Math.round(c.storagePb * 0.7 * (0.8 + 0.2 * g) * 10) / 10,
        totalPflops: Math.round(cap.totalPflops * scaleTotal * 1000) / 1000,
        intelligentPflops: Math.round(cap.intelligentPflops * scaleAi * 1000) / 1000,
        generalPflops: Math.round(cap.generalPflops * scaleTotal * 1000) / 1000,
        superPflops: cap.superPflops,
        clusters1k: hasTenK && !tenKLive ? cap.clusters1k + 1 : cap.clusters1k,
        clusters10k: hasTenK && !tenKLive ? 0 : cap.clusters10k,
      });
    });
  }
  // Steady months after the calibrated year, up to `until`.
  const later = periodsBetween(nextPeriod(DEMO_TARGET.period), until);
  const july = new Map(reports.filter((r) => r.period === DEMO_TARGET.period).map((r) => [r.centreKey, r]));
  for (const c of centres) {
    const base = july.get(c.key)!;
    const cap = capacityOf(c.inventory, models);
    for (const p of later) {
      const r = SeededRandom.fromString(`compute-network-demo:${c.key}:${p}`);
      const util = Math.round(Math.min(98, Math.max(5, base.utilisationPct + (r.next() - 0.5) * 6)) * 10) / 10;
      const pue = Math.round((c.pue + (r.next() - 0.5) * 0.04) * 100) / 100;
      reports.push({
        ...base,
        period: p,
        utilisationPct: util,
        measuredPue: pue,
        energyMwh: Math.round(base.racksInUse * 2.5 * (util / 100 + 0.35) * 730 * pue) / 1000,
        computeInUsePflops: Math.round(cap.totalPflops * (util / 100) * 1000) / 1000,
      });
    }
  }
  return { zones, centres, reports };
}

/** The month after `period` (YYYY-MM). */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
