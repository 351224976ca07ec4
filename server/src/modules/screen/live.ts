import type { ScreenOverview } from '@zhicheng/contracts/screen';

type Listener = (o: ScreenOverview) => void;

interface Watched {
  listeners: Set<Listener>;
  last: ScreenOverview | null;
  timer: NodeJS.Timeout | null;
  building: boolean;
}

/**
 * Server push for open screens. Each region watched by at least one listener is rebuilt on a timer, once for all
 * its listeners, and pushed only when its version changed. Nothing here is shared state another instance needs:
 * every instance rebuilds from the modules (PostgreSQL), so a screen on any instance sees the same figures.
 */
export class LiveScreens {
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly build: (regionCode: string) => Promise<ScreenOverview>,
    private readonly intervalMs: () => Promise<number>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Sends the region's screen now and whenever it changes; returns the unsubscribe. */
  async subscribe(regionCode: string, listener: Listener): Promise<() => void> {
    let w = this.watched.get(regionCode);
    if (!w) {
      w = { listeners: new Set(), last: null, timer: null, building: false };
      this.watched.set(regionCode, w);
    }
    w.listeners.add(listener);
    const first = w.last ?? (await this.refresh(regionCode, w, false));
    if (first) listener(first);
    if (!w.timer && w.listeners.size) {
      const every = await this.intervalMs();
      w.timer = setInterval(() => void this.refresh(regionCode, w, true), every);
      w.timer.unref();
    }
    return () => {
      w.listeners.delete(listener);
      if (!w.listeners.size) this.stop(regionCode, w);
    };
  }

  /** Listeners now (the stream test and the bench read it). */
  listenerCount(regionCode: string): number {
    return this.watched.get(regionCode)?.listeners.size ?? 0;
  }

  close(): void {
    for (const [code, w] of this.watched) this.stop(code, w);
  }

  private stop(code: string, w: Watched) {
    if (w.timer) clearInterval(w.timer);
    w.timer = null;
    if (this.watched.get(code) === w) this.watched.delete(code);
  }

  private async refresh(code: string, w: Watched, push: boolean): Promise<ScreenOverview | null> {
    // A slow rebuild is never overlapped by the next tick.
    if (w.building) return w.last;
    w.building = true;
    try {
      const o = await this.build(code);
      const changed = o.version !== w.last?.version;
      w.last = o;
      if (push && changed) for (const l of w.listeners) l(o);
      return o;
    } catch (err) {
      this.onError(err);
      return w.last;
    } finally {
      w.building = false;
    }
  }
}
