export * from './nats-server.ts';

/**
 * Where the province's message exchange is. Modules that talk to other platforms (the city-brain hub) read it; the
 * platform itself sends nothing over it.
 */
export interface Messaging {
  /** The hub's NATS server and the hub's own login; undefined leaves the exchange off (tests, the CLI). */
  hub?: { url: string; user?: string; password?: string; leafUrl?: string };
  /**
   * Present when this process runs the hub's nats-server itself (NATS_URL unset): the exchange hands it the
   * authorization block (the hub's login and each sub-platform's), which it reloads without dropping connections.
   */
  managed?: { reloadAuthorization(body: string): Promise<void> };
}
