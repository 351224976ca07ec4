import path from 'node:path';
import type { Config } from './config.ts';
import { migrate, openDatabase, type Database } from './platform/database/index.ts';

/** Opens the configured database (PGlite under DATA_DIR unless DATABASE_URL is set) and brings it up to date. */
export async function openAndMigrate(config: Config): Promise<{ database: Database; applied: string[] }> {
  const database = config.databaseUrl
    ? await openDatabase({ url: config.databaseUrl })
    : await openDatabase({ dataDir: path.join(config.dataDir, 'pgdata') });
  const applied = await migrate(database);
  return { database, applied };
}
