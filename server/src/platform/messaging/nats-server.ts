import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import bcrypt from 'bcryptjs';

/**
 * Runs Debian's `nats-server` as a child process: the province's hub when NATS_URL is unset (`npm start`), a city's
 * own server in the city-brain simulator, and the throw-away servers tests start. Its store and config live in one
 * folder, so a restart keeps what JetStream held.
 */
export interface NatsServerOptions {
  /** Folder for the config, the log and the JetStream store (`<dir>/jetstream`); created when missing. */
  dir: string;
  serverName: string;
  host?: string;
  /** Client port; 0 picks a free one. */
  port?: number;
  /** JetStream domain (one per city platform, `hub` for the province). */
  domain: string;
  /** Leaf-node listener for city platforms to join (the hub); 0 picks a free one, undefined none. */
  leafPort?: number;
  /**
   * The address leaf nodes are told to reconnect to (the public one: a load balancer, a proxy). nats-server 2.9
   * hands its leaf nodes its own listen address otherwise, even with no_advertise.
   */
  leafAdvertise?: string;
  /** Leaf-node remotes this server joins (a city joins the hub), e.g. `nats-leaf://user:pass@host:7422`. */
  remotes?: string[];
  /** The `authorization { … }` block's body, or undefined for a server open to its local clients. */
  authorization?: string;
  /** Stops waiting for the port after this long. */
  startTimeoutMs?: number;
}

export interface NatsServerHandle {
  url: string;
  port: number;
  leafPort: number | undefined;
  /** Rewrites the authorization block and has the running server reload it (SIGHUP); no connection drops. */
  reloadAuthorization(authorization: string): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); its store stays on disk. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/** The binary: NATS_SERVER_BIN, else `nats-server` on PATH, else Debian's /usr/sbin/nats-server. */
export function natsServerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NATS_SERVER_BIN) return fs.existsSync(env.NATS_SERVER_BIN) ? env.NATS_SERVER_BIN : undefined;
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  return fs.existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined;
}

/**
 * The binary, installing Debian's `nats-server` package when it is missing (as the test command installs Chromium):
 * as root with apt-get, else with sudo; otherwise it says what to run.
 */
export function ensureNatsServerInstalled(log: (line: string) => void = console.log): string {
  const found = natsServerBinary();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (!has('apt-get') || (!isRoot && !has('sudo')))
    throw new Error('nats-server is missing: install it with `sudo apt-get install -y nats-server` (or set NATS_URL)');
  log("installing nats-server from Debian's packages");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) =>
    isRoot
      ? spawnSync('apt-get', args, { stdio: 'inherit', env })
      : spawnSync('sudo', ['apt-get', ...args], { stdio: 'inherit', env });
  apt(['update', '-qq']);
  const r = apt(['install', '-y', '-qq', 'nats-server']);
  const bin = natsServerBinary();
  if (r.status !== 0 || !bin) throw new Error('could not install nats-server with apt-get; install it by hand');
  return bin;
}

/** A port nobody listens on right now (the kernel's pick). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections at host:port. */
export function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

const q = (s: unknown) => JSON.stringify(s);

/** The server's config file: NATS's own format (JSON strings are valid in it). */
export function natsServerConfig(
  o: Required<Pick<NatsServerOptions, 'dir' | 'serverName' | 'domain'>> & {
    host: string;
    port: number;
    leafPort?: number;
    leafAdvertise?: string;
    remotes?: string[];
    authorization?: string;
  },
): string {
  const lines = [
    `server_name: ${q(o.serverName)}`,
    `listen: ${q(`${o.host}:${o.port}`)}`,
    `jetstream { store_dir: ${q(path.join(o.dir, 'jetstream'))}, domain: ${q(o.domain)} }`,
    `log_file: ${q(path.join(o.dir, 'nats-server.log'))}`,
    `logtime: true`,
  ];
  // no_advertise: leaf nodes keep the address they were given (a proxy, a load balancer), never our own listen one.
  if (o.leafPort !== undefined) {
    const advertise = o.leafAdvertise ? `, advertise: ${q(o.leafAdvertise)}` : '';
    lines.push(`leafnodes { listen: ${q(`${o.host}:${o.leafPort}`)}, no_advertise: true${advertise} }`);
  }
  if (o.remotes?.length)
    lines.push(`leafnodes { remotes: [ ${o.remotes.map((u) => `{ url: ${q(u)} }`).join(', ')} ] }`);
  if (o.authorization !== undefined) lines.push(`include ${q('authorization.conf')}`);
  return lines.join('\n') + '\n';
}

export async function startNatsServer(opts: NatsServerOptions): Promise<NatsServerHandle> {
  const bin = natsServerBinary();
  if (!bin) throw new Error('nats-server is not installed (apt-get install nats-server)');
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port || (await freePort(host));
  const leafPort = opts.leafPort === undefined ? undefined : opts.leafPort || (await freePort(host));
  fs.mkdirSync(opts.dir, { recursive: true });
  const authFile = path.join(opts.dir, 'authorization.conf');
  const writeAuth = (body: string) => fs.writeFileSync(authFile, `authorization {\n${body}\n}\n`, { mode: 0o600 });
  if (opts.authorization !== undefined) writeAuth(opts.authorization);
  const confFile = path.join(opts.dir, 'nats-server.conf');
  fs.writeFileSync(confFile, natsServerConfig({ ...opts, host, port, leafPort, authorization: opts.authorization }), {
    mode: 0o600,
  });
  if (await answers(host, port)) throw new Error(`nats-server did not start: ${host}:${port} is already in use`);
  // Ready means this server said so in its own log (a port answering might be someone else's server).
  const logFile = path.join(opts.dir, 'nats-server.log');
  const logFrom = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const readLog = () => {
    if (!fs.existsSync(logFile)) return '';
    const fd = fs.openSync(logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.max(0, size - logFrom));
      fs.readSync(fd, buf, 0, buf.length, logFrom);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  };
  const child: ChildProcess = spawn(bin, ['-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  while (!readLog().includes('Server is ready')) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nats-server did not start on ${host}:${port}: ${stderr || readLog().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `nats://${host}:${port}`,
    port,
    leafPort,
    get running() {
      return !exited;
    },
    async reloadAuthorization(body) {
      writeAuth(body);
      if (!exited) child.kill('SIGHUP');
      // The reload is asynchronous in the server; a short pause lets the new users take effect before callers connect.
      await new Promise((r) => setTimeout(r, 150));
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** A password as nats-server's config should hold it: bcrypt, which the server checks natively. */
export const natsPasswordHash = (password: string) => bcrypt.hashSync(password, 10);

/** One entry of an authorization block's `users` list. */
export function natsUserEntry(
  user: string,
  passwordHash: string,
  permissions?: { publish: string[]; subscribe: string[] },
) {
  const perms = permissions
    ? `, permissions: { publish: { allow: ${q(permissions.publish)} }, subscribe: { allow: ${q(permissions.subscribe)} } }`
    : '';
  return `{ user: ${q(user)}, password: ${q(passwordHash)}${perms} }`;
}
