import { AuditKey, AuditLog } from '../src/platform/audit/index.ts';
import { systemClock } from '../src/platform/clock/index.ts';
import { DataProtector } from '../src/platform/crypto/index.ts';
import type { Database } from '../src/platform/database/index.ts';
import { createRegionsService } from '../src/modules/regions/index.ts';

export async function seedRegionsInto(database: Database): Promise<void> {
  const audit = new AuditLog(systemClock, DataProtector.random(), AuditKey.random(), null);
  const service = createRegionsService(database.db, audit, () => {
    throw new Error('no authorization while seeding');
  });
  await service.seed();
}
