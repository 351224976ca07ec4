import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Clock } from '../clock/index.ts';
import { queryRows, type Db } from '../database/index.ts';
import { outbox } from './events.tables.ts';

export { outbox } from './events.tables.ts';

/**
 * Runs inside the delivery transaction (a savepoint per event): `platform.db` and `tx` both write in it, and the
 * event is marked delivered only if the handler's writes commit with it.
 */
export type EventHandler = (
  payload: unknown,
  meta: { id: number; topic: string; createdAt: Date },
  tx: Db,
) => Promise<void>;

/**
 * Cross-module events named `<module>.<past-tense-fact>`. publish() writes to the outbox inside the caller's
 * transaction; delivery runs after commit, at least once, in order of id. Handlers must be idempotent.
 * Delivery claims rows with SKIP LOCKED so several instances share the work without doubling it.
 */
export class EventBus {
  private readonly handlers = new Map<string, EventHandler[]>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  subscribe(topic: string, handler: EventHandler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  async publish(tx: Db, topic: string, payload: unknown): Promise<void> {
    await tx.insert(outbox).values({ topic, payload, createdAt: this.clock.now() });
  }

  /** Delivers what is pending now; returns how many events were delivered. Tests call it directly. */
  deliverPending(limit = 200): Promise<number> {
    this.running ??= this.deliver(limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deliver(limit: number): Promise<number> {
    let delivered = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const rows = await queryRows<{ id: number; topic: string; payload: unknown; created_at: string }>(
          tx,
          sql`
          SELECT id, topic, payload, created_at FROM platform.outbox
          WHERE delivered_at IS NULL AND attempts < 10
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        );
        for (const r of rows) {
          const id = Number(r.id);
          try {
            // A savepoint through the ambient handle: the handler's writes via platform.db join it.
            await this.db.transaction(async (sp) => {
              for (const h of this.handlers.get(r.topic) ?? []) {
                await h(r.payload, { id, topic: r.topic, createdAt: new Date(r.created_at) }, sp);
              }
            });
            await tx.execute(
              sql`UPDATE platform.outbox SET delivered_at = ${this.clock.now().toISOString()} WHERE id = ${id}`,
            );
          } catch (err) {
            this.log?.error({ err, eventId: id, topic: r.topic }, 'event handler failed; will retry');
            await tx.execute(
              sql`UPDATE platform.outbox SET attempts = attempts + 1, last_error = ${String(err)} WHERE id = ${id}`,
            );
          }
        }
        return rows.length;
      });
      delivered += n;
      if (n < limit) return delivered;
    }
  }

  start(intervalMs = 500): void {
    this.timer ??= setInterval(() => {
      this.deliverPending().catch((err: unknown) => this.log?.error({ err }, 'event delivery failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
