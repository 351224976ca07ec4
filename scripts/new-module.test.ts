import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleFiles, registrations } from './new-module.templates.ts';

const root = path.resolve(import.meta.dirname, '..');
const names = {
  kebab: 'sample-thing',
  pascal: 'SampleThing',
  camel: 'sampleThing',
  snake: 'sample_thing',
  constant: 'SAMPLE_THING',
  zh: '示例',
  en: 'Sample',
};

describe('npm run new:module', () => {
  it('writes every part of the module shape, on server, contracts and web', () => {
    const files = Object.keys(moduleFiles(names, '0900'));
    expect(files).toEqual(
      expect.arrayContaining([
        'contracts/src/sample-thing.contract.ts',
        'server/migrations/0900_sample_thing.sql',
        'server/src/modules/sample-thing/index.ts',
        'server/src/modules/sample-thing/sample-thing.tables.ts',
        'server/src/modules/sample-thing/sample-thing.errors.ts',
        'server/src/modules/sample-thing/records.repository.ts',
        'server/src/modules/sample-thing/records.service.ts',
        'server/src/modules/sample-thing/sample-thing.routes.ts',
        'server/src/modules/sample-thing/sample-thing.demo.ts',
        'server/src/modules/sample-thing/sample-thing.api.test.ts',
        'web/src/features/sample-thing/index.tsx',
        'web/src/features/sample-thing/api.ts',
        'web/src/features/sample-thing/RecordsPage.tsx',
      ]),
    );
  });

  it('finds the place to register the module in each list that names modules', () => {
    // If one of these lists changes shape, the scaffold must change with it.
    for (const r of registrations(names)) {
      const text = fs.readFileSync(path.join(root, r.file), 'utf8');
      expect(text.includes(r.before), `${r.file}: ${r.before.trim()}`).toBe(true);
    }
  });
});
