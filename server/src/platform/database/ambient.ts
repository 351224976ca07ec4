import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.ts';

/** The transaction the current async call chain runs in, and whether it has finished. */
interface Ambient {
  tx: Db;
  open: boolean;
}

const current = new AsyncLocalStorage<Ambient>();

/**
 * A Db handle that joins the caller's transaction: inside `db.transaction(fn)`, every query made through this handle
 * — by the service, its repositories, authorization, the audit log — runs in that transaction, without passing
 * `tx` by hand. Outside one it is the plain pool (or PGlite). A nested `transaction()` becomes a savepoint.
 *
 * This is also why "authorize before the transaction" is no longer a rule: on PGlite's single connection a read on
 * the root handle during a transaction used to wait forever; now it is a read in the transaction.
 */
export function withAmbientTransactions(root: Db): Db {
  const active = (): Db => {
    const a = current.getStore();
    // Work started inside a transaction but still running after it (a timer, a batch writer) uses the root.
    return a?.open ? a.tx : root;
  };
  return new Proxy(root, {
    get(_target, prop) {
      const db = active();
      if (prop === 'transaction') {
        return <T>(fn: (tx: Db) => Promise<T>, config?: unknown) =>
          (db.transaction as (f: (tx: Db) => Promise<T>, c?: unknown) => Promise<T>)(async (tx) => {
            const ambient: Ambient = { tx, open: true };
            try {
              return await current.run(ambient, () => fn(tx));
            } finally {
              ambient.open = false;
            }
          }, config);
      }
      const value = Reflect.get(db as object, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(db) : value;
    },
  });
}

/** True while the caller runs inside a transaction opened through an ambient handle. */
export function inTransaction(): boolean {
  return current.getStore()?.open === true;
}
