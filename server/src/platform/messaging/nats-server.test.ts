import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'nats';
import { afterAll, describe, expect, it } from 'vitest';
import { answers, natsServerConfig, startNatsServer, type NatsServerHandle } from './nats-server.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-nats-'));
const started: NatsServerHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('nats-server as a child process', () => {
  it('writes a config with its store, domain, leaf listener and authorization include', () => {
    const conf = natsServerConfig({
      dir: '/d',
      serverName: 'hub',
      domain: 'hub',
      host: '127.0.0.1',
      port: 1,
      leafPort: 2,
      authorization: 'users: []',
    });
    expect(conf).toContain('store_dir: "/d/jetstream", domain: "hub"');
    expect(conf).toContain('leafnodes { listen: "127.0.0.1:2", no_advertise: true }');
    expect(conf).toContain('include "authorization.conf"');
  });

  it('starts on a free port with its store in its folder, reloads users without a restart, stops, and keeps the store', async () => {
    const opts = {
      dir: path.join(dir, 'hub'),
      serverName: 'test-hub',
      domain: 'hub',
      authorization: 'users: [ { user: a, password: pa } ]',
    };
    const s = await startNatsServer(opts);
    started.push(s);
    const a = await connect({ servers: s.url, user: 'a', pass: 'pa' });
    const jsm = await a.jetstreamManager();
    await jsm.streams.add({ name: 'KEEP', subjects: ['keep.>'] });
    await a.jetstream().publish('keep.one', 'x');
    await expect(connect({ servers: s.url, user: 'b', pass: 'pb', reconnect: false })).rejects.toThrow();
    await s.reloadAuthorization('users: [ { user: a, password: pa }, { user: b, password: pb } ]');
    const b = await connect({ servers: s.url, user: 'b', pass: 'pb' });
    // The reload kept a's connection.
    expect(a.isClosed()).toBe(false);
    await b.close();
    await a.close();
    await s.stop();
    expect(s.running).toBe(false);
    expect(await answers('127.0.0.1', s.port)).toBe(false);

    const again = await startNatsServer(opts);
    started.push(again);
    const c = await connect({ servers: again.url, user: 'a', pass: 'pa' });
    expect((await (await c.jetstreamManager()).streams.info('KEEP')).state.messages).toBe(1);
    await c.close();
  });

  it('says why when the server cannot start', async () => {
    const s = await startNatsServer({ dir: path.join(dir, 'one'), serverName: 'one', domain: 'one' });
    started.push(s);
    await expect(
      startNatsServer({
        dir: path.join(dir, 'two'),
        serverName: 'two',
        domain: 'two',
        port: s.port,
        startTimeoutMs: 3000,
      }),
    ).rejects.toThrow(/already in use/);
  });
});
