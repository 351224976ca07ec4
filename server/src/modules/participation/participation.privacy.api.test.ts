import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, moduleApi, type BuiltApp } from '../../app.ts';
import { testConfig } from '../../../test/app.ts';
import { describeDb, openTestDatabase } from '../../../test/db.ts';
import type { Database } from '../../platform/database/index.ts';
import { AuditKey } from '../../platform/audit/index.ts';
import { DataProtector } from '../../platform/crypto/index.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { CampaignsService } from './campaigns.service.ts';
import { DEMO_DEFINITION } from './demo-data.ts';
import { PublishedSurveys } from './published-surveys.ts';
import { RegionScope } from './region-scope.ts';

/** Personal data must not reach the logs, even at trace level and on failed requests. */
describeDb('participation privacy in logs', (kind) => {
  let built: BuiltApp;
  let database: Database;
  const lines: string[] = [];
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const logger = { level: 'trace', stream: { write: (l: string) => lines.push(l) } };
    const keys = { protector: DataProtector.random(), auditKey: AuditKey.random() };
    built = await buildApp({ config: testConfig(), database, ...keys, logger });
    await built.app.ready();
  });
  afterAll(async () => {
    await built.app.close();
    await database.close();
  });

  it('keeps phone numbers and names out of every log line', async () => {
    const sys = systemContext('test');
    const p = built.platform;
    const campaigns = new CampaignsService(
      p,
      new RegionScope(p, moduleApi(built, 'regions')),
      new PublishedSurveys(new CampaignsRepository(p.db)),
    );
    const c = await campaigns.createCampaign(sys, {
      title: 't',
      year: 2024,
      regionCode: '370000',
      retentionDays: 30,
    });
    const s = await campaigns.createSurvey(sys, c.id, {
      regionCode: '370000',
      title: 's',
      description: '',
      consentVersion: 'v1',
      consentText: '',
      verifiedOnly: false,
      definition: DEMO_DEFINITION,
    });
    await campaigns.publishSurvey(sys, s.id);
    const answers = [
      { questionId: 'region', value: '370102' },
      { questionId: 'age', value: 'a1' },
      { questionId: 'useApp', value: 'no' },
      { questionId: 'fields', value: ['gov'] },
    ];
    const send = (payload: object) =>
      built.app.inject({
        method: 'POST',
        url: `/api/v1/participation/surveys/${s.id}/responses`,
        payload,
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
    expect((await send({ consentVersion: 'v1', answers, phone: '13955554444' })).statusCode).toBe(201);
    expect((await send({ consentVersion: 'v1', answers: [], phone: '13955553333' })).statusCode).toBe(400);
    expect((await send({ consentVersion: 'v1', answers, phone: '1395555222x' })).statusCode).toBe(400);
    const app = await built.app.inject({
      method: 'POST',
      url: '/api/v1/participation/public/supervisor-applications',
      payload: {
        name: '赵大勇',
        phone: '13955551111',
        regionCode: '370102',
        occupation: '司机',
        ageBand: '45-59',
        gender: 'male',
      },
    });
    expect(app.statusCode).toBe(201);
    const bad = await built.app.inject({
      method: 'POST',
      url: '/api/v1/participation/public/supervisor-applications',
      payload: {
        name: '赵大勇',
        phone: '13955551111',
        regionCode: '370000',
        occupation: '司机',
        ageBand: '45-59',
        gender: 'male',
      },
    });
    expect(bad.statusCode).toBe(400);
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of ['13955554444', '13955553333', '1395555222x', '13955551111', '赵大勇'])
      expect(log).not.toContain(secret);
  });
});
