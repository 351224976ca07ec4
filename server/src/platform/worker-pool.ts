import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';

export class WorkerFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions {
  /** Jobs running at once; more wait their turn. */
  size: number;
  /** A job running longer is stopped (its worker terminated) and fails. */
  timeoutMs: number;
  /** An idle worker exits after this long, returning its memory. */
  idleMs: number;
  /** Heap limits per worker: a job that needs more kills its own worker, not the server. */
  resourceLimits: ResourceLimits;
}

/**
 * A few worker threads for CPU-heavy jobs (parsing an uploaded workbook), so the thread that serves requests never
 * waits on one. A worker runs one job at a time and answers it with one message; a worker that times out or dies
 * (out of memory under its resource limits) is replaced, never reused.
 */
export class WorkerPool<Job, Answer> {
  private idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private live = 0;
  private waiting: ((w: Worker) => void)[] = [];
  private closed = false;

  constructor(
    private readonly entry: URL,
    private readonly opts: WorkerPoolOptions,
  ) {}

  async run(job: Job, transfer: Transferable[] = []): Promise<Answer> {
    const worker = await this.acquire();
    worker.ref();
    return new Promise<Answer>((resolve, reject) => {
      const done = (fn: () => void, keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keep) this.release(worker);
        else this.discard(worker);
        fn();
      };
      const onMessage = (answer: Answer) => done(() => resolve(answer), true);
      const onError = (err: Error) => done(() => reject(new WorkerFailure('crashed', err.message)), false);
      const onExit = (code: number) =>
        done(() => reject(new WorkerFailure('crashed', `worker exited with ${code}`)), false);
      const timer = setTimeout(
        () => done(() => reject(new WorkerFailure('timeout', `no answer within ${this.opts.timeoutMs} ms`)), false),
        this.opts.timeoutMs,
      );
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job, transfer);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map(({ worker, timer }) => (clearTimeout(timer), worker.terminate())));
  }

  private acquire(): Promise<Worker> {
    const ready = this.idle.pop();
    if (ready) {
      clearTimeout(ready.timer);
      return Promise.resolve(ready.worker);
    }
    if (this.live < this.opts.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private spawn(): Worker {
    this.live++;
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      // Nothing inherited: the boot file registers the TypeScript loader itself.
      execArgv: [],
      workerData: { entry: this.entry.href },
      resourceLimits: this.opts.resourceLimits,
    });
    // A job's own listener reports its failure; an idle worker's crash only ends that worker.
    worker.on('error', () => {});
    worker.once('exit', () => {
      this.live--;
      const i = this.idle.findIndex((x) => x.worker === worker);
      if (i >= 0) clearTimeout(this.idle.splice(i, 1)[0]!.timer);
      // A slot freed: a fresh worker for whoever waits.
      const next = this.waiting.shift();
      if (next) next(this.spawn());
    });
    return worker;
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) return next(worker);
    // Idle workers must not keep the process alive (a CLI run, a test file ending).
    worker.unref();
    if (this.closed) return this.discard(worker);
    const timer = setTimeout(() => this.discard(worker), this.opts.idleMs);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  private discard(worker: Worker): void {
    // The 'exit' listener does the bookkeeping.
    void worker.terminate();
  }
}
