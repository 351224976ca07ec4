import { describe, expect, it, vi } from 'vitest';
import { PLATFORM_ROLES, ROLES } from '@zhicheng/contracts';
import { isSystem } from './authorization/index.ts';
import { checkModules, JobRunner } from './compose.ts';
import type { ModuleDefinition, Platform } from './module.ts';

const mod = (name: string, needs: string[] = [], over: Partial<ModuleDefinition> = {}): ModuleDefinition =>
  ({
    name,
    needs,
    permissions: {},
    init: () => ({ api: null, routes: () => undefined }),
    ...over,
  }) as unknown as ModuleDefinition;
const platformRoles = Object.keys(PLATFORM_ROLES);
// Every role the modules bring, declared by one stand-in module, so a module that adds a role needs no edit here.
const moduleRoles = [
  mod('roles', [], {
    roles: Object.fromEntries(Object.entries(ROLES).filter(([role]) => !(role in PLATFORM_ROLES))),
  } as Partial<ModuleDefinition>),
];

describe('module composition', () => {
  it('accepts modules listed after what they need', () => {
    expect(() =>
      checkModules([mod('regions'), mod('a', ['regions']), ...moduleRoles], [], platformRoles),
    ).not.toThrow();
  });

  it('stops the start for a module before its needs, a duplicate, or a grant to an unknown role', () => {
    expect(() => checkModules([mod('a', ['regions']), mod('regions'), ...moduleRoles], [], platformRoles)).toThrow(
      /needs regions/,
    );
    expect(() => checkModules([mod('regions'), mod('regions'), ...moduleRoles], [], platformRoles)).toThrow(/twice/);
    expect(() =>
      checkModules(
        [mod('regions', [], { permissions: { 'regions.manage': ['wizard' as never] } }), ...moduleRoles],
        [],
        platformRoles,
      ),
    ).toThrow(/unknown role wizard/);
    // A role in the contracts that no module declares.
    expect(() => checkModules([mod('regions')], [], platformRoles)).toThrow(/no module declares/);
  });

  it('runs jobs at start and on their interval with a system context naming the job, and survives a failing run', async () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const log = { error: vi.fn() } as unknown as Platform['log'];
    const runner = new JobRunner(
      [
        {
          module: 'm',
          job: {
            name: 'tick',
            everyMs: 1000,
            run: async (ctx) => void seen.push(`${isSystem(ctx)}:${ctx.system?.name}`),
          },
        },
        { module: 'm', job: { name: 'broken', everyMs: 1000, run: () => Promise.reject(new Error('boom')) } },
      ],
      log,
    );
    runner.start();
    await vi.advanceTimersByTimeAsync(2500);
    await runner.stop();
    vi.useRealTimers();
    expect(seen).toEqual(['true:job:m.tick', 'true:job:m.tick', 'true:job:m.tick']);
    expect(log.error).toHaveBeenCalledTimes(3);
  });

  it('starts the modules’ long-running work in list order and stops it in reverse on close, a failing stop logged', async () => {
    const seen: string[] = [];
    const log = { error: vi.fn() } as unknown as Platform['log'];
    const parts = (name: string, failStop = false) => ({
      definition: mod(name),
      parts: {
        api: null,
        routes: () => undefined,
        run: async () => void seen.push(`run ${name}`),
        stop: async () => {
          seen.push(`stop ${name}`);
          if (failStop) throw new Error('stuck');
        },
      },
    });
    const runner = JobRunner.of(
      new Map([
        ['a', parts('a', true)],
        ['b', parts('b')],
      ]),
      log,
    );
    await runner.startRunners();
    await runner.stop();
    expect(seen).toEqual(['run a', 'run b', 'stop b', 'stop a']);
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
