import net from 'node:net';

/**
 * A TCP relay between a city's leaf node and the hub that can be cut and restored: the simulator's way to take a
 * city offline (what a broken provincial network does) while both servers keep running.
 */
export class LinkCut {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private cut = false;
  port = 0;

  /** The target may be set after open(), e.g. once the hub it relays to has started on the relay's address. */
  constructor(
    private readonly targetHost: string,
    public targetPort: number,
  ) {}

  async open(port = 0): Promise<number> {
    this.server = net.createServer((client) => {
      if (this.cut) return void client.destroy();
      const upstream = net.connect({ host: this.targetHost, port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  get isCut(): boolean {
    return this.cut;
  }

  /** Drops every connection and refuses new ones until restore(). */
  down(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
