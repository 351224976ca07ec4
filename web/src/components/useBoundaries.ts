import { useEffect, useState } from 'react';
import { echarts } from './charts';
import { loadBoundaries } from './mapSource';

/** The ECharts map name under which a region's boundaries are registered. */
export const mapName = (code: string) => `zc-${code}`;

/**
 * Loads the boundaries of `code`'s subdivisions and registers them with ECharts as mapName(code). `geo` is null
 * until they arrive (or when they belong to a previous code); `error` is set when there are none.
 */
export function useBoundaries(code: string): {
  geo: { code: string; names: Map<string, string> } | null;
  error: boolean;
} {
  const [geo, setGeo] = useState<{ code: string; names: Map<string, string> } | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let alive = true;
    setError(false);
    loadBoundaries(code)
      .then((g) => {
        if (!alive) return;
        echarts.registerMap(mapName(code), g as never);
        setGeo({ code, names: new Map(g.features.map((f) => [String(f.properties.adcode), f.properties.name])) });
      })
      .catch(() => alive && setError(true));
    return () => {
      alive = false;
    };
  }, [code]);
  return { geo: geo?.code === code ? geo : null, error };
}
