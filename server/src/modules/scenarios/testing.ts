import { moduleApi, type BuiltApp } from '../../app.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import type { TestUser } from '../../../test/app.ts';

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
