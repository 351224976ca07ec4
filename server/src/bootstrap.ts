import path from 'node:path';
import type { Config } from './config.ts';
import { APP_ROLE, grantAppRole, migrate, openDatabase, type Database } from './platform/database/index.ts';

/**
 * Opens the configured database (PGlite under DATA_DIR unless DATABASE_URL is set) and brings it up to date.
 * On PostgreSQL the migrations run as the owner (DATABASE_URL) on a connection closed before anything else runs;
 * what is returned runs as APP_ROLE, through DATABASE_APP_URL's login when set, else through the owner's login.
 */
export async function openAndMigrate(config: Config): Promise<{ database: Database; applied: string[] }> {
  if (!config.databaseUrl) {
    if (config.databaseAppUrl) throw new Error('DATABASE_APP_URL needs DATABASE_URL: the owner runs the migrations');
    const database = await openDatabase({ dataDir: path.join(config.dataDir, 'pgdata') });
    return { database, applied: await migrate(database) };
  }
  const owner = await openDatabase({ url: config.databaseUrl, poolSize: 2 });
  let applied: string[];
  try {
    applied = await migrate(owner);
    await grantAppRole(owner);
  } finally {
    await owner.close();
  }
  const database = await openDatabase({ url: config.databaseAppUrl ?? config.databaseUrl, role: APP_ROLE });
  return { database, applied };
}
