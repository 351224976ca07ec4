import fs from 'node:fs';
import path from 'node:path';
import { systemContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import type { RegistryService } from '../registry.service.ts';
import { CitySimulator } from './city-simulator.ts';

/** How many simulated cities demo mode runs: CITY_BRAIN_DEMO_CITIES (0 none), else every demo city brain (16). */
export function demoCityCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CITY_BRAIN_DEMO_CITIES;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : Infinity;
}

/**
 * The demo cities' pace: CITY_BRAIN_DEMO_EVENT_MS (mean gap between one city's events, default a quarter of an hour)
 * and CITY_BRAIN_DEMO_HANDLE_MS (how long a city takes to start on a task, and again to report it handled, default
 * 45 s). The browser journeys shorten both so a whole loop fits in seconds.
 */
export function demoCityPace(env: NodeJS.ProcessEnv = process.env): { eventEveryMs: number; handleAfterMs: number } {
  const ms = (raw: string | undefined, fallback: number) => {
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return {
    eventEveryMs: ms(env.CITY_BRAIN_DEMO_EVENT_MS, 15 * 60_000),
    handleAfterMs: ms(env.CITY_BRAIN_DEMO_HANDLE_MS, 45_000),
  };
}

type Logins = Record<string, { password: string; issuedAt: string }>;

/**
 * Demo mode's city brains: one CitySimulator (its own nats-server, a leaf node of the hub in its own JetStream domain)
 * per demo city brain, started in the background once the server is serving, so start-up does not wait for them.
 * Their logins are issued once and kept in DATA_DIR/city-brain-demo/logins.json (mode 600), as a city keeps its own
 * credentials; a login the registry no longer matches (re-issued on the registry page) is issued again.
 */
export class DemoCities {
  private sims: CitySimulator[] = [];
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryService,
    private readonly regions: RegionsService,
  ) {}

  get running(): readonly CitySimulator[] {
    return this.sims;
  }

  /** Begins starting them and returns at once; failures are logged (the demo goes on without live cities). */
  start(count = demoCityCount()): void {
    const leafUrl = this.platform.messaging.hub?.leafUrl;
    if (!this.platform.config.demo || !this.platform.messaging.managed || !leafUrl || !count) return;
    this.stopped = false;
    this.starting = this.startAll(leafUrl, count).catch((err: unknown) =>
      this.platform.log.error({ err }, 'city-brain: the simulated demo cities did not start'),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await Promise.all(this.sims.map((s) => s.stop().catch(() => undefined)));
    this.sims = [];
  }

  private async startAll(leafUrl: string, count: number): Promise<void> {
    const province = this.platform.config.provinceCode;
    const rows = (await this.registry.repo.all(await this.regions.subtree(province)))
      .filter((r) => r.isDemo && r.kind === 'city_brain')
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode))
      .slice(0, count);
    if (!rows.length) return;
    const dir = path.join(this.platform.config.dataDir, 'city-brain-demo');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'logins.json');
    const logins: Logins = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Logins) : {};
    const stale = rows.filter(
      (r) => !r.credentialsIssuedAt || logins[r.code]?.issuedAt !== r.credentialsIssuedAt.toISOString(),
    );
    if (stale.length) {
      const issued = await this.registry.issueDemoLogins(
        systemContext('demo.city-brain.simulator'),
        stale.map((r) => r.id),
      );
      for (const r of stale) {
        const l = issued.get(r.id)!;
        logins[r.code] = { password: l.password, issuedAt: l.issuedAt.toISOString() };
      }
      fs.writeFileSync(file, JSON.stringify(logins, null, 2), { mode: 0o600 });
    }
    const counties = new Map(
      await Promise.all(
        rows.map(
          async (r) => [r.code, (await this.regions.list({ parent: r.regionCode })).map((c) => c.code)] as const,
        ),
      ),
    );
    const pace = demoCityPace();
    // One at a time: each is a nats-server starting, and the machine is serving requests meanwhile.
    for (const r of rows) {
      if (this.stopped) return;
      const url = new URL(leafUrl);
      url.username = r.code;
      url.password = logins[r.code]!.password;
      const sim = new CitySimulator({
        regionCode: r.regionCode,
        code: r.code,
        dir: path.join(dir, r.code),
        hubLeafUrl: url.toString(),
        counties: counties.get(r.code),
        vitalEveryMs: 10_000,
        heartbeatEveryMs: 15_000,
        // About one event per city every quarter of an hour, handled within a minute or two of its dispatch.
        ...pace,
        log: (line) => this.platform.log.debug(line),
      });
      try {
        await sim.start();
        this.sims.push(sim);
      } catch (err) {
        this.platform.log.warn({ err, city: r.code }, 'city-brain: a simulated demo city did not start');
      }
    }
    this.platform.log.info(`city-brain: ${this.sims.length} simulated city brains (示例) connected`);
  }
}
