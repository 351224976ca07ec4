import { ROLES } from '@zhicheng/contracts';
import { systemContext, type PermissionGrants, type RegionDirectoryPort } from './authorization/index.ts';
import type { EventBus } from './events/index.ts';
import type { ModuleDefinition, ModuleJob, ModuleParts, Platform } from './module.ts';

export interface ComposedModule {
  definition: ModuleDefinition;
  parts: ModuleParts<unknown>;
}

/**
 * Checks the module list against itself before anything runs: names are unique, every module comes after the
 * modules it needs, and every role a grant names is one the contracts define and some module (or the platform)
 * declares. A mistake here stops the start, not a request.
 */
export function checkModules(
  defs: readonly ModuleDefinition[],
  platformGrants: PermissionGrants[],
  platformRoles: readonly string[],
): void {
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.name)) throw new Error(`module ${d.name} is listed twice`);
    for (const n of d.needs)
      if (!seen.has(n)) throw new Error(`module ${d.name} needs ${n}, which must come before it`);
    seen.add(d.name);
  }
  const declared = new Set<string>([...platformRoles, ...defs.flatMap((d) => Object.keys(d.roles ?? {}))]);
  for (const role of Object.keys(ROLES)) {
    if (!declared.has(role)) throw new Error(`role ${role} is in the contracts but no module declares it`);
  }
  for (const grants of [...platformGrants, ...defs.map((d) => d.permissions)]) {
    for (const [permission, roles] of Object.entries(grants)) {
      for (const r of roles) if (!declared.has(r)) throw new Error(`permission ${permission} grants unknown role ${r}`);
    }
  }
}

/** Initialises each module with the APIs of the modules it needs, in list order. */
export function composeModules(
  defs: readonly ModuleDefinition[],
  platform: Platform,
  regions: RegionDirectoryPort,
): Map<string, ComposedModule> {
  const modules = new Map<string, ComposedModule>();
  for (const definition of defs) {
    const deps = Object.fromEntries(definition.needs.map((n) => [n, modules.get(n)!.parts.api]));
    const parts = definition.init(platform, deps as never) as ModuleParts<unknown>;
    if (parts.provides?.regionDirectory) regions.bind(parts.provides.regionDirectory);
    modules.set(definition.name, { definition, parts });
  }
  if (!regions.bound) throw new Error('no module provides the region directory (the regions module must be listed)');
  return modules;
}

/** Each module's event handlers, run with a system context that names the event (audited as the system). */
export function subscribeHandlers(modules: Map<string, ComposedModule>, events: EventBus): void {
  for (const [name, m] of modules) {
    for (const [topic, handler] of Object.entries(m.parts.on ?? {})) {
      const ctx = (id: number) => systemContext(`event:${topic}`, `event-${id}`);
      events.subscribe(topic, (payload, meta) =>
        handler(payload, ctx(meta.id), { id: meta.id, createdAt: meta.createdAt, module: name }),
      );
    }
  }
}

/**
 * Runs the modules' background jobs: once at start, then every `everyMs`, each with a system context that names
 * the job. A failing run is logged and tried again next time. stop() waits for runs in flight.
 */
export class JobRunner {
  private readonly runners: { module: string; run(): Promise<void>; stop?(): Promise<void> }[] = [];

  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly jobs: { module: string; job: ModuleJob }[],
    private readonly log: Platform['log'],
  ) {}

  static of(modules: Map<string, ComposedModule>, log: Platform['log']): JobRunner {
    const runner = new JobRunner(
      [...modules].flatMap(([module, m]) => (m.parts.jobs ?? []).map((job) => ({ module, job }))),
      log,
    );
    for (const [module, m] of modules) {
      if (m.parts.run) runner.runners.push({ module, run: m.parts.run, stop: m.parts.stop });
      else if (m.parts.stop) runner.runners.push({ module, run: async () => {}, stop: m.parts.stop });
    }
    return runner;
  }

  /** The modules' long-running work (`run`), e.g. a message consumer; its failure to start stops the start. */
  async startRunners(): Promise<void> {
    for (const r of this.runners) await r.run();
  }

  /** Runs one job now, as its timer would (tests, and an operator's "now" button). */
  async runOnce(module: string, name: string): Promise<unknown> {
    const found = this.jobs.find((j) => j.module === module && j.job.name === name);
    if (!found) throw new Error(`no job ${module}.${name}`);
    return found.job.run(systemContext(`job:${module}.${name}`));
  }

  start(): void {
    for (const { module, job } of this.jobs) {
      const run = () => {
        const p = job
          .run(systemContext(`job:${module}.${job.name}`))
          .catch((err: unknown) =>
            this.log.error({ err, job: `${module}.${job.name}` }, 'job failed; it runs again next time'),
          )
          .finally(() => this.running.delete(p));
        this.running.add(p);
      };
      run();
      const t = setInterval(run, job.everyMs);
      t.unref();
      this.timers.push(t);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await Promise.allSettled([...this.running]);
    // Every module's stop runs on close, whether its run was started or not (a test may have called it directly).
    for (const r of [...this.runners].reverse()) {
      await r.stop?.().catch((err: unknown) => this.log.error({ err, module: r.module }, 'stopping failed'));
    }
  }
}
