import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import { moduleBoundaries } from './module-boundaries.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve(import.meta.dirname, '..');
const at = (rel) => path.join(root, rel);
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});

tester.run('zhicheng/module-boundaries', moduleBoundaries, {
  valid: [
    { filename: at('server/src/modules/scenarios/x.service.ts'), code: "import { a } from '../assessment/index.ts';" },
    { filename: at('server/src/modules/scenarios/x.service.ts'), code: "import { a } from '../assessment';" },
    { filename: at('server/src/modules/scenarios/x.service.ts'), code: "import { a } from './ranking.ts';" },
    { filename: at('server/src/app.ts'), code: "import { m } from './modules/assessment/index.ts';" },
    { filename: at('web/src/features/scenarios/index.tsx'), code: "const p = import('./BoardPage');" },
    {
      filename: at('server/src/modules/scenarios/index.ts'),
      code: "export { x } from './ranking.ts'; export * from './a.ts';",
    },
  ],
  invalid: [
    {
      filename: at('server/src/modules/scenarios/x.ts'),
      code: "import { s } from '../assessment/assessment.service.ts';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/src/modules/scenarios/x.ts'),
      code: "export { s } from '../assessment/rating.ts';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/src/modules/scenarios/x.ts'),
      code: "export * from '../assessment/rating.ts';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/src/modules/scenarios/x.ts'),
      code: "const r = await import('../assessment/rating.ts');",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/src/modules/scenarios/x.ts'),
      code: "type R = import('../assessment/rating.ts').Rating;",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('web/src/features/scenarios/x.tsx'),
      code: "import { P } from '../assessment/OverviewPage';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/src/platform/events/x.ts'),
      code: "import { m } from '../../modules/assessment/index.ts';",
      errors: [{ messageId: 'platform' }],
    },
  ],
});
