export {
  openDatabase,
  queryRows,
  queryRowsPrepared,
  type Database,
  type Db,
  type DatabaseKind,
  type OpenOptions,
} from './database.ts';
export { migrate, MIGRATIONS_DIR } from './migrate.ts';
export { APP_ROLE, grantAppRole } from './roles.ts';
export { inTransaction } from './ambient.ts';
