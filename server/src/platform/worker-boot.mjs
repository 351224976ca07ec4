// Entry of every worker thread WorkerPool starts: Node 20 does not apply an `--import` loader to a worker's own
// entry file, so the worker registers tsx itself and then imports its TypeScript module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
