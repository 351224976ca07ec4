import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * `column = ANY('{…}'::text[])`: a region scope as one bound parameter. The builder's inArray binds one parameter
 * per code, and a province's subtree with streets and communities imported runs to tens of thousands of codes,
 * past PostgreSQL's 65,535-parameter limit.
 */
export function inCodes(column: Column | SQL, codes: readonly string[]): SQL {
  return sql`${column} = ANY(${`{${codes.join(',')}}`}::text[])`;
}
