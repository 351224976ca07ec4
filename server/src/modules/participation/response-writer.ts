import { inTransaction } from '../../platform/database/index.ts';
import type { NewResponse } from './participation.tables.ts';
import type { ResponsesRepository } from './responses.repository.ts';

interface Pending {
  row: NewResponse;
  done(stored: boolean): void;
  fail(err: unknown): void;
}

/**
 * Group commit for the public answer path. Answers arriving while a write is in flight go together in the next
 * multi-row INSERT (one statement, one commit); each caller waits for the commit that holds its row and only then
 * is acknowledged, so an acknowledged answer survives a kill -9 (web/e2e/participation-durability.spec.ts). Under
 * load a few hundred answers share one commit instead of one commit each.
 */
export class GroupCommitWriter {
  private readonly pending: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly repo: ResponsesRepository,
    private readonly limits = { batch: 500, concurrent: 2 },
  ) {}

  /** Resolves true once the row is committed, false when a unique key (idempotency, device) already held it. */
  write(row: NewResponse): Promise<boolean> {
    // A batch commits on its own: joined to a caller's transaction it would commit, or roll back, with that one.
    if (inTransaction()) return Promise.reject(new Error('GroupCommitWriter.write called inside a transaction'));
    return new Promise((done, fail) => {
      this.pending.push({ row, done, fail });
      this.flush();
    });
  }

  private flush(): void {
    // Two writes at a time by default: one commits while the next batch fills.
    if (this.inFlight >= this.limits.concurrent || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.limits.batch);
    this.inFlight++;
    this.repo
      .insertMany(batch.map((b) => b.row))
      .then(
        (ids): void => batch.forEach((b) => b.done(ids.has(b.row.id))),
        // One bad row must not fail its neighbours: retry them one by one.
        async (err: unknown): Promise<void> => {
          if (batch.length === 1) batch[0]!.fail(err);
          else await Promise.all(batch.map((b) => this.repo.insert(b.row).then(b.done, b.fail)));
        },
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
  }
}
