import { describe, expect, it } from 'vitest';
import { capacityOf, checkInventory, clusterTier, InventoryError } from './capacity.ts';
import { DEVICE_CATALOGUE } from './catalogue.ts';

const models = new Map(DEVICE_CATALOGUE.map((m) => [m.id, m]));

describe('capacity', () => {
  it('computes PFLOPS from counts × catalogue peak at each kind’s precision', () => {
    const c = capacityOf(
      [
        { kind: 'intelligent', modelId: 'nvidia-a100-sxm', count: 1000, clusterName: 'A' },
        { kind: 'intelligent', modelId: 'huawei-ascend-910', count: 100, clusterName: null },
        { kind: 'general', modelId: 'intel-xeon-8380-2s', count: 1000 },
        { kind: 'supercomputing', modelId: 'super-node-sample', count: 10 },
      ],
      models,
    );
    expect(c.intelligentPflops).toBeCloseTo(312 + 25.6, 6);
    expect(c.generalPflops).toBeCloseTo(11.78, 6);
    expect(c.superPflops).toBeCloseTo(0.12, 6);
    expect(c.totalPflops).toBeCloseTo(312 + 25.6 + 11.78 + 0.12, 3);
    expect(c.accelerators).toBe(1100);
    expect(c.domesticAccelerators).toBe(100);
    expect(c.clusters1k).toBe(1);
  });
  it('groups accelerators into clusters by name and tiers them', () => {
    const c = capacityOf(
      [
        { kind: 'intelligent', modelId: 'nvidia-a10', count: 600, clusterName: 'X' },
        { kind: 'intelligent', modelId: 'nvidia-t4', count: 500, clusterName: 'X' },
        { kind: 'intelligent', modelId: 'nvidia-t4', count: 999, clusterName: 'Y' },
      ],
      models,
    );
    expect(c.clusters.find((x) => x.name === 'X')).toMatchObject({ cards: 1100, tier: '1k' });
    expect(c.clusters.find((x) => x.name === 'Y')?.tier).toBeNull();
    expect([clusterTier(999), clusterTier(1000), clusterTier(9999), clusterTier(10_000)]).toEqual([
      null,
      '1k',
      '1k',
      '10k',
    ]);
  });
  it('refuses unknown models and models of the wrong kind', () => {
    expect(() => checkInventory([{ kind: 'intelligent', modelId: 'nope', count: 1 }], models)).toThrow(InventoryError);
    expect(() => checkInventory([{ kind: 'general', modelId: 'nvidia-t4', count: 1 }], models)).toThrow(
      /not counted as general/,
    );
    expect(() =>
      checkInventory([{ kind: 'general', modelId: 'hygon-7285-2s', count: 1, clusterName: 'c' }], models),
    ).toThrow(/clusters/);
    expect(() => checkInventory([{ kind: 'intelligent', modelId: 'nvidia-t4', count: 1 }], models)).not.toThrow();
  });
});
