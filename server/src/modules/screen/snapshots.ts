/** How long a built screen is served again before it is rebuilt (the figures carry their own times). */
export const SNAPSHOT_MS = 5_000;
/** How old a snapshot may be and still answer at once while a fresh one is built behind it. */
export const STALE_MS = 60_000;

/**
 * Values per region: fresh for SNAPSHOT_MS; after that, up to STALE_MS old, a request is answered from the last
 * value at once while one fresh value is built behind it (stale while revalidate), so a screen opened after a quiet
 * spell does not wait for every module to be read. Concurrent requests share one promise (single flight); a failed
 * one is not remembered; `clear` also drops a rebuild under way, so nothing built before it is stored after it.
 */
export class Snapshots<T> {
  private readonly byRegion = new Map<string, { at: number; value: Promise<T>; settled: boolean }>();
  private readonly refreshing = new Set<string>();
  private generation = 0;

  get(code: string, make: () => Promise<T>): Promise<T> {
    const hit = this.byRegion.get(code);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && (age < SNAPSHOT_MS || !hit.settled)) return hit.value;
    if (hit && age < STALE_MS) {
      this.refresh(code, make);
      return hit.value;
    }
    return this.put(code, make());
  }

  put(code: string, value: Promise<T>): Promise<T> {
    const entry = { at: Date.now(), value, settled: false };
    this.byRegion.set(code, entry);
    value.then(
      () => (entry.settled = true),
      () => this.byRegion.get(code) === entry && this.byRegion.delete(code),
    );
    return value;
  }

  private refresh(code: string, make: () => Promise<T>): void {
    if (this.refreshing.has(code)) return;
    this.refreshing.add(code);
    const generation = this.generation;
    const started = Date.now();
    make()
      .then(
        (v) => {
          if (generation === this.generation)
            this.byRegion.set(code, { at: started, value: Promise.resolve(v), settled: true });
        },
        () => undefined, // the stale value stays; the next request past SNAPSHOT_MS tries again
      )
      .finally(() => this.refreshing.delete(code));
  }

  clear(): void {
    this.generation++;
    this.byRegion.clear();
  }
}
