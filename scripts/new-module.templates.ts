// The files a new module starts from. They compile, pass lint and pass their tests as generated: a working module
// with one sample aggregate (`record`: a titled item in a region) to rename into the module's own.

export interface ModuleNames {
  /** work-ledger: folder, route prefix, web feature key */
  kebab: string;
  /** WorkLedger */
  pascal: string;
  /** workLedger */
  camel: string;
  /** work_ledger: PostgreSQL schema */
  snake: string;
  /** WORK_LEDGER: contract constants */
  constant: string;
  zh: string;
  en: string;
}

export function moduleFiles(n: ModuleNames, migration: string): Record<string, string> {
  const srv = `server/src/modules/${n.kebab}`;
  const web = `web/src/features/${n.kebab}`;
  return {
    [`contracts/src/${n.kebab}.contract.ts`]: contract(n),
    [`server/migrations/${migration}_${n.snake}.sql`]: migrationSql(n),
    [`${srv}/index.ts`]: serverIndex(n),
    [`${srv}/${n.kebab}.tables.ts`]: tables(n),
    [`${srv}/${n.kebab}.errors.ts`]: errors(n),
    [`${srv}/records.repository.ts`]: repository(n),
    [`${srv}/records.service.ts`]: service(n),
    [`${srv}/${n.kebab}.routes.ts`]: routes(n),
    [`${srv}/${n.kebab}.demo.ts`]: demo(n),
    [`${srv}/${n.kebab}.api.test.ts`]: apiTest(n),
    [`${web}/index.tsx`]: webIndex(n),
    [`${web}/api.ts`]: webApi(n),
    [`${web}/RecordsPage.tsx`]: webPage(n),
    [`${web}/RecordsPage.test.tsx`]: webTest(n),
  };
}

/** The lists that name modules: each gets one line (or one entry) for the new module. */
export function registrations(n: ModuleNames): { file: string; before: string; insert: string; replace?: RegExp }[] {
  return [
    {
      file: 'server/src/app.ts',
      before: "import { regionsModule } from './modules/regions/index.ts';\n",
      insert: `import { ${n.camel}Module } from './modules/${n.kebab}/index.ts';\n`,
    },
    {
      file: 'server/src/app.ts',
      before: '  // (modules are added here, one line each)\n',
      insert: `  ${n.camel}Module,\n`,
    },
    {
      file: 'contracts/src/access.contract.ts',
      before: "import type { REGION_PERMISSIONS } from './regions.contract.ts';\n",
      insert: `import { ${n.constant}_ROLES, type ${n.constant}_PERMISSIONS } from './${n.kebab}.contract.ts';\n`,
    },
    {
      file: 'contracts/src/access.contract.ts',
      before: '  // (module roles are added here, one line each)\n',
      insert: `  ...${n.constant}_ROLES,\n`,
    },
    {
      file: 'contracts/src/access.contract.ts',
      before: '  // (module permissions are added here, one line each)\n',
      insert: `  | typeof ${n.constant}_PERMISSIONS\n`,
    },
    {
      file: 'web/src/app/features.tsx',
      before: "import { adminFeature } from '../features/admin';\n",
      insert: `import { ${n.camel}Feature } from '../features/${n.kebab}';\n`,
    },
    {
      file: 'web/src/app/features.tsx',
      before: '  adminFeature,\n',
      insert: `  ${n.camel}Feature,\n`,
      // A planned placeholder for this module is replaced by the real feature.
      replace: new RegExp(`  planned\\('${n.kebab}',[^\\n]*\\n`),
    },
  ];
}

const contract = (n: ModuleNames) => `import { z } from 'zod';
import { defineRoles, PageQuery, pageOf, RegionCode } from './common.contract.ts';

/** ${n.zh} (${n.en}). Routes under /api/v1/${n.kebab}/. */

/** Roles this module brings; the platform's (operators, approvers, experts, enterprises) need no entry here. */
export const ${n.constant}_ROLES = defineRoles({});

export const ${n.constant}_PERMISSIONS = {
  read: '${n.kebab}.read',
  manage: '${n.kebab}.manage',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in ${n.kebab}.errors.ts. */
export const ${n.constant}_ERRORS = {
  record_exists: { zh: '本区划已有同名记录', en: 'This region already has a record with that title' },
} as const;
export type ${n.pascal}ErrorCode = keyof typeof ${n.constant}_ERRORS;

export const ${n.pascal}Record = z.object({
  id: z.uuid(),
  regionCode: RegionCode,
  regionName: z.string(),
  title: z.string(),
  demo: z.boolean(),
  createdAt: z.string(),
});
export type ${n.pascal}Record = z.infer<typeof ${n.pascal}Record>;

export const ${n.pascal}RecordInput = z.object({
  regionCode: RegionCode,
  title: z.string().trim().min(1).max(200),
});
export type ${n.pascal}RecordInput = z.infer<typeof ${n.pascal}RecordInput>;

export const ${n.pascal}RecordQuery = PageQuery.extend({
  region: RegionCode.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ${n.pascal}RecordQuery = z.infer<typeof ${n.pascal}RecordQuery>;

export const ${n.pascal}RecordPage = pageOf(${n.pascal}Record);
`;

const migrationSql = (
  n: ModuleNames,
) => `-- ${n.zh} (${n.en}): the module's own schema. Forward-only: never edit once landed.
CREATE SCHEMA ${n.snake};
--> statement-breakpoint
CREATE TABLE ${n.snake}.record (
  id uuid PRIMARY KEY,
  region_code varchar(12) NOT NULL,
  title text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  CONSTRAINT record_region_title_key UNIQUE (region_code, title)
);
`;

const serverIndex = (
  n: ModuleNames,
) => `import { ${n.constant}_PERMISSIONS as P, ${n.constant}_ROLES } from '@zhicheng/contracts/${n.kebab}';
import { defineModule } from '../../platform/module.ts';
import { seed${n.pascal}Demo } from './${n.kebab}.demo.ts';
import { ${n.camel}Routes } from './${n.kebab}.routes.ts';
import { RecordsService } from './records.service.ts';

/** What other modules may call (typed for them through ModuleApis). */
export interface ${n.pascal}Api {
  countRecords(regionCode: string): Promise<number>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    '${n.kebab}': ${n.pascal}Api;
  }
}

/** ${n.zh} (${n.en}). */
export const ${n.camel}Module = defineModule({
  name: '${n.kebab}',
  needs: ['regions'],
  roles: ${n.constant}_ROLES,
  permissions: {
    [P.read]: ['province_operator', 'province_approver', 'city_operator', 'city_approver', 'county_operator', 'county_approver'],
    [P.manage]: ['province_operator', 'city_operator', 'county_operator'],
  },
  init(platform, deps) {
    const records = new RecordsService(platform, deps.regions);
    const api: ${n.pascal}Api = { countRecords: (regionCode) => records.count(regionCode) };
    return {
      api,
      routes: (app) => ${n.camel}Routes(app, records),
      seedDemo: (ctx) => seed${n.pascal}Demo(ctx, records),
    };
  },
});
`;

const tables = (
  n: ModuleNames,
) => `import { boolean, pgSchema, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const ${n.camel}Schema = pgSchema('${n.snake}');

export const record = ${n.camel}Schema.table(
  'record',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    title: text('title').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('record_region_title_key').on(t.regionCode, t.title)],
);

export type RecordRow = typeof record.$inferSelect;
`;

const errors = (
  n: ModuleNames,
) => `import { ${n.constant}_ERRORS, type ${n.pascal}ErrorCode } from '@zhicheng/contracts/${n.kebab}';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<${n.pascal}ErrorCode, number> = {
  record_exists: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const ${n.camel}Error = moduleErrors(${n.constant}_ERRORS, STATUS);
`;

const repository = (n: ModuleNames) => `import { and, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { record, type RecordRow } from './${n.kebab}.tables.ts';

/** All SQL on records. \`db\` joins the caller's transaction (platform/database/ambient.ts): no tx to pass. */
export class RecordsRepository {
  constructor(private readonly db: Db) {}

  async page(regionCodes: string[], q: { q?: string; limit: number; offset: number }): Promise<{ rows: RecordRow[]; total: number }> {
    if (!regionCodes.length) return { rows: [], total: 0 };
    const where: SQL[] = [inArray(record.regionCode, regionCodes)];
    if (q.q) where.push(ilike(record.title, \`%\${q.q}%\`));
    const [total] = await this.db.select({ n: count() }).from(record).where(and(...where));
    const rows = await this.db.select().from(record).where(and(...where)).orderBy(desc(record.createdAt)).limit(q.limit).offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async exists(regionCode: string, title: string): Promise<boolean> {
    const rows = await this.db.select({ id: record.id }).from(record).where(and(eq(record.regionCode, regionCode), eq(record.title, title)));
    return rows.length > 0;
  }

  async insert(row: typeof record.$inferInsert): Promise<void> {
    await this.db.insert(record).values(row);
  }

  async count(regionCodes: string[]): Promise<number> {
    if (!regionCodes.length) return 0;
    const [r] = await this.db.select({ n: count() }).from(record).where(inArray(record.regionCode, regionCodes));
    return r?.n ?? 0;
  }
}
`;

const service = (n: ModuleNames) => `import crypto from 'node:crypto';
import {
  ${n.constant}_PERMISSIONS as P,
  type ${n.pascal}Record,
  type ${n.pascal}RecordInput,
  type ${n.pascal}RecordQuery,
} from '@zhicheng/contracts/${n.kebab}';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { ${n.camel}Error } from './${n.kebab}.errors.ts';
import type { RecordRow } from './${n.kebab}.tables.ts';
import { RecordsRepository } from './records.repository.ts';

/**
 * Use cases on records: authorization by region scope first, then one transaction with its audit row. No HTTP and
 * no SQL here.
 */
export class RecordsService {
  private readonly repo: RecordsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new RecordsRepository(platform.db);
  }

  async list(ctx: RequestContext, q: ${n.pascal}RecordQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    let scope: string[];
    if (q.region) {
      await this.platform.authz.assertCovers(ctx.actor, P.read, q.region);
      scope = await this.regions.subtree(q.region);
    } else scope = await this.platform.authz.scopeCodes(ctx.actor, P.read);
    const { rows, total } = await this.repo.page(scope, { q: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]);
    return { items: rows.map((r) => toRecord(r, names)), total, page: q.page, pageSize: q.pageSize };
  }

  async create(ctx: RequestContext, input: ${n.pascal}RecordInput): Promise<${n.pascal}Record> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    return this.insert(ctx, input, actor.userId, false);
  }

  /** The demo loader's entry: the same rules, run as the platform (its context is a system one). */
  async createDemo(ctx: RequestContext, input: ${n.pascal}RecordInput): Promise<${n.pascal}Record> {
    return this.insert(ctx, input, null, true);
  }

  count(regionCode: string): Promise<number> {
    return this.regions.subtree(regionCode).then((codes) => this.repo.count(codes));
  }

  private async insert(ctx: RequestContext, input: ${n.pascal}RecordInput, by: string | null, isDemo: boolean): Promise<${n.pascal}Record> {
    const row: RecordRow = { id: crypto.randomUUID(), regionCode: input.regionCode, title: input.title, isDemo, createdBy: by, createdAt: this.platform.clock.now() };
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.exists(input.regionCode, input.title)) {
        throw ${n.camel}Error('record_exists', undefined, [{ path: 'title', message: 'already exists in this region' }]);
      }
      await this.repo.insert(row);
      await this.platform.audit.record(tx, ctx, { action: '${n.kebab}.record.create', objectType: '${n.kebab}.record', objectId: row.id, after: input });
    });
    return toRecord(row, await this.regions.nameOf([row.regionCode]));
  }
}

const toRecord = (r: RecordRow, names: Map<string, string>): ${n.pascal}Record => ({
  id: r.id,
  regionCode: r.regionCode,
  regionName: names.get(r.regionCode) ?? r.regionCode,
  title: r.title,
  demo: r.isDemo,
  createdAt: r.createdAt.toISOString(),
});
`;

const routes = (n: ModuleNames) => `import {
  ${n.constant}_PERMISSIONS as P,
  ${n.pascal}Record,
  ${n.pascal}RecordInput,
  ${n.pascal}RecordPage,
  ${n.pascal}RecordQuery,
} from '@zhicheng/contracts/${n.kebab}';
import type { ZodApp } from '../../platform/module.ts';
import type { RecordsService } from './records.service.ts';

const tags = ['${n.kebab}'];

/** HTTP only: the schema, the permission, one service call. */
export function ${n.camel}Routes(app: ZodApp, records: RecordsService) {
  app.get('/${n.kebab}/records', {
    config: { permission: P.read },
    schema: { tags, summary: 'Records in the caller’s regions (search, paged)', querystring: ${n.pascal}RecordQuery, response: { 200: ${n.pascal}RecordPage } },
  }, async (req) => records.list(req.ctx, req.query));

  app.post('/${n.kebab}/records', {
    config: { permission: P.manage },
    schema: { tags, summary: 'Create a record in a region one covers', body: ${n.pascal}RecordInput, response: { 201: ${n.pascal}Record } },
  }, async (req, reply) => reply.status(201).send(await records.create(req.ctx, req.body)));
}
`;

const demo = (n: ModuleNames) => `import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { RecordsService } from './records.service.ts';

/** Demo data (示例), made once and deterministically; never shown as official figures. */
export async function seed${n.pascal}Demo(ctx: DemoContext, records: RecordsService): Promise<void> {
  await ctx.once('${n.kebab}.v1', async () => {
    const sys = systemContext('demo.${n.kebab}');
    for (const [regionCode, title] of [
      ['370102', '示例记录一(示例)'],
      ['370202', '示例记录二(示例)'],
    ] as const) {
      await records.createDemo(sys, { regionCode, title });
    }
  });
}
`;

const apiTest = (n: ModuleNames) => `import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

describeDb('${n.kebab} api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let expert: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    expert = await t.user('expert', '370000');
  });
  afterAll(() => t.close());

  it('creates a record: 401, 403 wrong role, 403 wrong region, 201; 400 names the field; 409 on a duplicate', async () => {
    const payload = { regionCode: '370102', title: '第一条' };
    const ok = await expectAuthMatrix(t, { method: 'POST', url: '/api/v1/${n.kebab}/records', payload, allowed: lixia, wrongRole: expert, wrongRegion: shizhong, okStatus: 201 });
    expect(ok.json()).toMatchObject({ regionCode: '370102', regionName: '历下区', title: '第一条', demo: false });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/${n.kebab}/records', payload: { regionCode: '370102', title: '' }, headers: { cookie: lixia.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('title');
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/${n.kebab}/records', payload, headers: { cookie: lixia.cookie } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'record_exists', errors: [{ path: 'title' }] });
  });

  it('lists records within the caller’s scope only', async () => {
    await expectAuthMatrix(t, { method: 'GET', url: '/api/v1/${n.kebab}/records?region=370102', allowed: lixia, wrongRole: expert, wrongRegion: shizhong });
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/${n.kebab}/records', headers: { cookie: lixia.cookie } });
    expect(mine.json().total).toBe(1);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/${n.kebab}/records', headers: { cookie: shizhong.cookie } });
    expect(theirs.json().total).toBe(0);
  });
});
`;

const webIndex = (n: ModuleNames) => `import { AppstoreOutlined } from '@ant-design/icons';
import { ${n.constant}_PERMISSIONS as P } from '@zhicheng/contracts/${n.kebab}';
import { page, type FeatureDefinition } from '../../app/feature';

export const ${n.camel}Feature: FeatureDefinition = {
  key: '${n.kebab}',
  group: { zh: '${n.zh}', en: '${n.en}' },
  summary: { zh: '${n.zh}', en: '${n.en}' },
  icon: <AppstoreOutlined />,
  nav: [{ path: '/${n.kebab}', label: { zh: '${n.zh}', en: '${n.en}' }, permissions: [P.read] }],
  routes: [{ path: '/${n.kebab}', lazy: page(() => import('./RecordsPage')) }],
};
`;

const webApi = (
  n: ModuleNames,
) => `import type { ${n.pascal}Record, ${n.pascal}RecordInput } from '@zhicheng/contracts/${n.kebab}';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** Query keys of the feature: one place, so a change invalidates exactly what it touched. */
export const ${n.camel}Keys = {
  all: ['${n.kebab}'] as const,
  records: (q: { q?: string; page: number }) => ['${n.kebab}', 'records', q] as const,
};

export interface RecordPage {
  items: ${n.pascal}Record[];
  total: number;
}

export const useRecords = (q: { q?: string; page: number }) =>
  useApiQuery<RecordPage>(${n.camel}Keys.records(q), \`/api/v1/${n.kebab}/records\${qs({ q: q.q, page: q.page, pageSize: 20 })}\`);

export const useCreateRecord = () =>
  useApiMutation((input: ${n.pascal}RecordInput) => api.post<${n.pascal}Record>('/api/v1/${n.kebab}/records', input), {
    invalidate: [${n.camel}Keys.all],
    done: { zh: '已创建', en: 'Created' },
  });
`;

const webPage = (n: ModuleNames) => `import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ${n.constant}_PERMISSIONS as P, type ${n.pascal}Record } from '@zhicheng/contracts/${n.kebab}';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCreateRecord, useRecords } from './api';

export default function RecordsPage() {
  const { t } = useI18n();
  const { can, region } = useAuth();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ title: string }>();
  const records = useRecords({ q: q || undefined, page });
  const create = useCreateRecord();

  const submit = async () => {
    const v = await form.validateFields();
    if (!region) return;
    create.mutate({ regionCode: region, title: v.title }, { onSuccess: () => (setCreating(false), form.resetFields()) });
  };

  return (
    <div>
      <PageHeader
        title={t('${n.zh}', '${n.en}')}
        extra={can(P.manage) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('新建', 'New')}</Button>}
      />
      <Card extra={<Input.Search allowClear placeholder={t('按标题搜索', 'Search by title')} onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 240 }} />}>
        <Table<${n.pascal}Record>
          rowKey="id"
          size="small"
          loading={records.isLoading}
          dataSource={records.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: records.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('标题', 'Title'), dataIndex: 'title', render: (v: string, r) => <>{v} {r.demo && <SampleTag />}</> },
            { title: t('区划', 'Region'), dataIndex: 'regionName', render: (v: string) => <Tag>{v}</Tag> },
            { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          ]}
        />
      </Card>
      <Modal open={creating} title={t('新建', 'New')} onCancel={() => setCreating(false)} onOk={() => void submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
`;

const webTest = (n: ModuleNames) => `import { describe, expect, it } from 'vitest';
import { ${n.camel}Keys } from './api';

describe('${n.kebab} web api', () => {
  it('keys every records query under the feature, so one invalidation reaches all of them', () => {
    expect(${n.camel}Keys.records({ page: 2, q: 'x' }).slice(0, 1)).toEqual(${n.camel}Keys.all);
  });
});
`;
