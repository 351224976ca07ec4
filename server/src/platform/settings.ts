import { sql } from 'drizzle-orm';
import type { Clock } from './clock/index.ts';
import { queryRows, type Db } from './database/index.ts';

/** Small key → JSON settings kept in the database (policy values, demo markers), shared by all instances. */
export class SettingsStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get<T>(key: string, db: Db = this.db): Promise<T | undefined> {
    const r = await queryRows<{ value: T }>(db, sql`SELECT value FROM platform.setting WHERE key = ${key}`);
    return r[0]?.value;
  }

  async set(key: string, value: unknown, db: Db = this.db): Promise<void> {
    await db.execute(sql`
      INSERT INTO platform.setting (key, value, updated_at) VALUES (${key}, ${JSON.stringify(value)}::jsonb, ${this.clock.now().toISOString()})
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`);
  }
}
