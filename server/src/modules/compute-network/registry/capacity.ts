import {
  CLUSTER_10K,
  CLUSTER_1K,
  type Capacity,
  type ComputeKind,
  type DeviceKind,
  type DeviceModel,
  type InventoryItem,
} from '@zhicheng/contracts/compute-network';

/** Which device kind each compute kind counts, and at which precision (China's compute statistics convention). */
export const KIND_RULES: Record<ComputeKind, { device: DeviceKind; precision: 'fp32' | 'fp16' | 'fp64' }> = {
  general: { device: 'cpu_server', precision: 'fp32' },
  intelligent: { device: 'accelerator', precision: 'fp16' },
  supercomputing: { device: 'super_node', precision: 'fp64' },
};

export class InventoryError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Peak PFLOPS of one inventory line: count × the model's peak at the kind's precision. */
export function linePflops(
  item: Pick<InventoryItem, 'kind' | 'count'>,
  model: Pick<DeviceModel, 'fp16' | 'fp32' | 'fp64'>,
): number {
  const tflops = model[KIND_RULES[item.kind].precision] ?? 0;
  return (item.count * tflops) / 1000;
}

/** Throws InventoryError when a line names an unknown model or a model of the wrong kind. */
export function checkInventory(items: InventoryItem[], models: Map<string, DeviceModel>): void {
  items.forEach((it, i) => {
    const m = models.get(it.modelId);
    if (!m) throw new InventoryError(i, 'modelId', `unknown model ${it.modelId}`);
    if (m.kind !== KIND_RULES[it.kind].device)
      throw new InventoryError(i, 'modelId', `${it.modelId} is a ${m.kind}, not counted as ${it.kind} compute`);
    if (m[KIND_RULES[it.kind].precision] === null)
      throw new InventoryError(i, 'modelId', `${it.modelId} has no ${KIND_RULES[it.kind].precision} peak`);
    if (it.clusterName && it.kind !== 'intelligent')
      throw new InventoryError(i, 'clusterName', 'only accelerators form clusters');
  });
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** A centre's computed capacity: PFLOPS by kind, accelerator counts, and its clusters with their tier. */
export function capacityOf(items: InventoryItem[], models: Map<string, DeviceModel>): Capacity {
  let general = 0;
  let intelligent = 0;
  let sup = 0;
  let accelerators = 0;
  let domestic = 0;
  const clusterCards = new Map<string, number>();
  for (const it of items) {
    const m = models.get(it.modelId);
    if (!m) continue;
    const p = linePflops(it, m);
    if (it.kind === 'general') general += p;
    else if (it.kind === 'supercomputing') sup += p;
    else {
      intelligent += p;
      accelerators += it.count;
      if (m.domestic) domestic += it.count;
      if (it.clusterName) clusterCards.set(it.clusterName, (clusterCards.get(it.clusterName) ?? 0) + it.count);
    }
  }
  const clusters = [...clusterCards].map(([name, cards]) => ({ name, cards, tier: clusterTier(cards) }));
  return {
    generalPflops: round(general),
    intelligentPflops: round(intelligent),
    superPflops: round(sup),
    totalPflops: round(general + intelligent + sup),
    accelerators,
    domesticAccelerators: domestic,
    clusters,
    clusters1k: clusters.filter((c) => c.tier === '1k').length,
    clusters10k: clusters.filter((c) => c.tier === '10k').length,
  };
}

/** 万卡 from 10,000 cards; 千卡 from 1,000 to 9,999 (a 万卡 cluster is not also counted as 千卡). */
export function clusterTier(cards: number): '1k' | '10k' | null {
  if (cards >= CLUSTER_10K) return '10k';
  if (cards >= CLUSTER_1K) return '1k';
  return null;
}
