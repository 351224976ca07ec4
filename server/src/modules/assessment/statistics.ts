import type {
  AssessedLevel,
  AssessmentStatistics,
  AssessmentTarget,
  StarLevelStatistics,
} from '@zhicheng/contracts/assessment';

/** Published targets (鲁政办字〔2020〕136号 and the 2024 reply's next step). Facts, cited with their source. */
export const TARGETS: AssessmentTarget[] = [
  {
    key: '2022-city-3',
    year: 2022,
    level: 'city',
    stars: 3,
    share: 1,
    count: null,
    label: { zh: '2022年:16市全部达到三星级以上', en: '2022: all 16 cities at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2022-county-3',
    year: 2022,
    level: 'county',
    stars: 3,
    share: 0.8,
    count: null,
    label: { zh: '2022年:80%县(市、区)达到三星级以上', en: '2022: 80% of counties at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-county-3',
    year: 2025,
    level: 'county',
    stars: 3,
    share: 1,
    count: null,
    label: { zh: '2025年:县(市、区)全部达到三星级以上', en: '2025: all counties at ≥3★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-city-4',
    year: 2025,
    level: 'city',
    stars: 4,
    share: 1,
    count: null,
    label: { zh: '2025年:设区市全部达到四星级以上', en: '2025: all cities at ≥4★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-county-4',
    year: 2025,
    level: 'county',
    stars: 4,
    share: 0.6,
    count: null,
    label: { zh: '2025年:60%县(市、区)达到四星级以上', en: '2025: 60% of counties at ≥4★' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: '2025-city-5',
    year: 2025,
    level: 'city',
    stars: 5,
    share: null,
    count: 3,
    label: { zh: '2025年:至少3个五星级标杆城市', en: '2025: at least 3 five-star cities' },
    source: '鲁政办字〔2020〕136号',
  },
  {
    key: 'next-county-4',
    year: 2026,
    level: 'county',
    stars: 4,
    share: 0.4,
    count: null,
    label: { zh: '下一步:40%以上县(市、区)达到四星级', en: 'Next step: ≥40% of counties at 4★' },
    source: '2024-09-18 答复',
  },
];

/** Published results counted by region level and exact stars. */
export interface StarCount {
  level: string;
  stars: number;
  n: number;
}

/** How many of a level's regions are published, and how many reach ≥ 1★ … ≥ 5★. */
export function levelStatistics(counts: readonly StarCount[], level: AssessedLevel): StarLevelStatistics {
  const mine = counts.filter((r) => r.level === level);
  const at = (n: number) => mine.filter((r) => r.stars >= n).reduce((s, r) => s + r.n, 0);
  return {
    level,
    total: mine.reduce((s, r) => s + r.n, 0),
    atLeast: { '1': at(1), '2': at(2), '3': at(3), '4': at(4), '5': at(5) },
  };
}

/** Each target with the actual share (or count) and whether it is met; nothing published meets nothing. */
export function targetProgress(levels: readonly StarLevelStatistics[]): AssessmentStatistics['targets'] {
  return TARGETS.map((t) => {
    const l = levels.find((x) => x.level === t.level)!;
    const count = l.atLeast[String(t.stars) as '1'];
    const actual = t.count !== null ? count : l.total ? count / l.total : 0;
    return {
      ...t,
      actual: Math.round(actual * 10000) / 10000,
      met: l.total > 0 && (t.count !== null ? count >= t.count : actual >= t.share! - 1e-9),
    };
  });
}

/**
 * Stars per indicator are stored compactly as a digit string in catalogue order ("34523…"); catalogue versions in
 * use never change, so the position is stable. Older rows may hold an object keyed by code.
 */
export function starAt(stored: unknown, code: string, index: number): number {
  if (typeof stored === 'string') return index >= 0 && index < stored.length ? Number(stored[index]) : 0;
  return Number((stored as Record<string, number> | null)?.[code] ?? 0);
}
