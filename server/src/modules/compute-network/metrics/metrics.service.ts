import {
  COMPUTE_PERMISSIONS as P,
  DOWNSAMPLE_SECONDS,
  LIVE_METRICS,
  SERIES_LIMIT_PER_CENTRE,
  type LiveFigures,
  type MetricsResponse,
  type RemoteWriteResult,
} from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import type { CentreAccess } from '../registry/centre-access.ts';
import type { MetricsRepository } from './metrics.repository.ts';
import { bucketise, decodeWriteRequest, RemoteWriteError, seriesKey } from './remote-write.ts';

/** A metric stream with nothing for this long is stale. */
export const METRICS_STALE_MS = 15 * 60_000;

/** Live metrics: Prometheus remote-write in, 1-minute aggregates stored, live figures and series out. */
export class MetricsService {
  /** Series ids never change once made, so they are safe to remember (bounded). */
  private readonly seriesCache = new Map<string, number>();

  constructor(
    private readonly platform: Platform,
    readonly repo: MetricsRepository,
    private readonly access: CentreAccess,
  ) {}

  private now(): Date {
    return this.platform.clock.now();
  }

  /**
   * Prometheus remote-write: decode strictly, keep every series (within the centre's limit) as 1-minute aggregates.
   * The caller is the centre's token (a system context, bound to `centreId`); samples are not audited one by one.
   */
  async remoteWrite(_ctx: RequestContext, centreId: string, body: Buffer): Promise<RemoteWriteResult> {
    let series;
    try {
      series = decodeWriteRequest(body);
    } catch (e) {
      if (e instanceof RemoteWriteError)
        throw computeError('bad_remote_write', { zh: e.message, en: e.message }, [
          { path: e.field, message: e.message },
        ]);
      throw e;
    }
    const buckets = bucketise(series, DOWNSAMPLE_SECONDS * 1000);
    const samples = series.reduce((s, x) => s + x.samples.length, 0);
    const labelsByKey = new Map<string, Record<string, string>>();
    for (const s of series) labelsByKey.set(s.key ?? seriesKey(s.labels), s.labels);
    const ids = new Map<string, number>();
    const missing: string[] = [];
    for (const k of labelsByKey.keys()) {
      const id = this.seriesCache.get(`${centreId}|${k}`);
      if (id !== undefined) ids.set(k, id);
      else missing.push(k);
    }
    let dropped = 0;
    const rowsFor = () => buckets.filter((b) => ids.has(b.key)).map((b) => ({ seriesId: ids.get(b.key)!, b }));
    if (!missing.length) {
      // Every series is known: samples and the stream's liveness in one statement.
      if (buckets.length) await this.repo.upsertSamples(rowsFor(), { centreId, at: this.now() });
      return { series: labelsByKey.size, samples, droppedSeries: 0 };
    }
    await this.platform.db.transaction(async () => {
      const found = await this.repo.seriesIds(centreId, missing);
      let fresh = missing.filter((k) => !found.has(k));
      if (fresh.length) {
        const room = Math.max(0, SERIES_LIMIT_PER_CENTRE - (await this.repo.seriesCount(centreId)));
        dropped = Math.max(0, fresh.length - room);
        fresh = fresh.slice(0, room);
        const made = await this.repo.insertSeries(
          centreId,
          fresh.map((k) => ({ key: k, labels: labelsByKey.get(k)! })),
          this.now(),
        );
        for (const [k, id] of made) found.set(k, id);
        // Another instance made some at the same moment: read those back.
        const raced = fresh.filter((k) => !made.has(k));
        if (raced.length) for (const [k, id] of await this.repo.seriesIds(centreId, raced)) found.set(k, id);
      }
      for (const [k, id] of found) ids.set(k, id);
      await this.repo.upsertSamples(rowsFor());
      if (samples > 0) await this.repo.touchIngest(centreId, this.now());
    });
    if (this.seriesCache.size > 500_000) this.seriesCache.clear();
    for (const [k, id] of ids) this.seriesCache.set(`${centreId}|${k}`, id);
    return { series: labelsByKey.size, samples, droppedSeries: dropped };
  }

  async metrics(
    ctx: RequestContext,
    id: string,
    q: { metric?: string; hours: number; limit: number },
  ): Promise<MetricsResponse> {
    const c = await this.access.centreOr404(id);
    await this.access.assertOn(ctx.actor, P.read, c);
    const now = this.now();
    const [live, series, seriesCount] = await Promise.all([
      this.liveFigures(id, now),
      this.repo.seriesOf(id, q.metric, q.limit),
      this.repo.seriesCount(id),
    ]);
    const samples = await this.repo.samplesOf(
      series.map((s) => s.id),
      new Date(now.getTime() - q.hours * 3600_000),
    );
    const byId = new Map<number, MetricsResponse['series'][number]['points']>();
    for (const s of samples) {
      const list = byId.get(s.seriesId) ?? [];
      list.push({
        t: s.bucket.toISOString(),
        avg: s.sum / s.count,
        min: s.min,
        max: s.max,
        last: s.last,
        count: s.count,
      });
      byId.set(s.seriesId, list);
    }
    return {
      dataCentreId: id,
      live,
      seriesCount,
      seriesLimit: SERIES_LIMIT_PER_CENTRE,
      series: series.map((s) => ({ labels: s.labels, points: byId.get(s.id) ?? [] })),
    };
  }

  private async liveFigures(id: string, now: Date): Promise<LiveFigures> {
    const rows = await this.repo.latestLive(
      id,
      Object.values(LIVE_METRICS),
      new Date(now.getTime() - METRICS_STALE_MS),
    );
    const of = (m: string) => rows.filter((r) => r.metric === m).map((r) => r.last);
    const sum = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100 : null);
    const util = of(LIVE_METRICS.gpuUtil);
    return {
      gpuUtilPct: util.length ? Math.round((util.reduce((a, b) => a + b, 0) / util.length) * 100) / 100 : null,
      gpuPowerW: sum(of(LIVE_METRICS.gpuPower)),
      nodePowerW: sum(of(LIVE_METRICS.nodePower)),
      racksInUse: sum(of(LIVE_METRICS.racksInUse)),
      racksTotal: sum(of(LIVE_METRICS.racksTotal)),
      gpus: util.length,
      at: rows.length ? new Date(Math.max(...rows.map((r) => r.at.getTime()))).toISOString() : null,
    };
  }
}
