import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { AuditKey } from '../src/platform/audit/index.ts';
import { DataProtector } from '../src/platform/crypto/index.ts';
import type { Database } from '../src/platform/database/index.ts';

/**
 * Loads what every start loads (the province's regions, the default catalogues) into a template database: the app
 * is built once on it, which runs each module's start work, and closed again.
 */
export async function seedRegionsInto(database: Database): Promise<void> {
  const config = { ...loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }, []), webDist: '/nonexistent' };
  const built = await buildApp({
    config,
    database,
    auditKey: AuditKey.random(),
    protector: DataProtector.random(),
    logger: false,
  });
  await built.app.close();
}
