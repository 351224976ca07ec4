import { moduleApi, type BuiltApp } from '../../app.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import type { TestApp, TestUser } from '../../../test/app.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { ScenariosServices } from './services.ts';

/**
 * Puts expert accounts into the directory's library (专家库), where this module's draws look for them: an account
 * holding the `expert` role is not drawn until the library knows it. Tests and benchmarks only.
 */
export async function enrolInDirectory(built: BuiltApp, ...experts: TestUser[]): Promise<void> {
  const directory = moduleApi(built, 'directory');
  for (const [k, u] of experts.entries())
    await directory.enrolExpert(systemContext('test.scenarios'), {
      name: `专家${k + 1}`,
      title: 'senior',
      fields: ['smart-city-planning'],
      unitName: `评审专家单位${k + 1}`,
      regionCode: u.actor.roles[0]!.regionCode,
      phone: `1391234${String(k).padStart(4, '0')}`,
      userId: u.id,
    });
}

/**
 * Loads the demo case library only (the module's `scenarios.v1` step; no rounds, reviews or votes) into a test app,
 * and returns the module's services. Tests only.
 */
export async function seedCaseLibrary(t: TestApp): Promise<ScenariosServices> {
  const ctx: DemoContext = {
    platform: t.platform,
    once: async (k, fn) => (k === 'scenarios.v1' ? fn() : undefined),
    print: () => {},
    demoUser: async () => '',
  };
  await t.modules.get('scenarios')!.parts.seedDemo!(ctx);
  return (t.modules.get('scenarios')!.parts as unknown as { services: ScenariosServices }).services;
}
