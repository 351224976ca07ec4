// A simulated city brain (城市大脑, 示例 data) joining the province's hub the way a city's own platform does.
//
//   npm run simulate:city -- --city 370200 --hub nats-leaf://127.0.0.1:7422 --password <issued password>
//
// The login comes from the hub's 子平台接入 page (签发登录凭据), shown once; the user is the sub-platform's code
// (default c<city>). It runs its own nats-server (Debian's package) as a leaf node of the hub with its own JetStream
// domain and store under --dir, so what it sends while the hub is unreachable is kept and delivered afterwards.
// Ctrl-C stops it; its store stays, so a restart carries on.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureNatsServerInstalled } from '../../../platform/messaging/index.ts';
import { CitySimulator } from './city-simulator.ts';

const HELP = `usage: npm run simulate:city -- --city <region code> --hub <nats-leaf://host:port> --password <password>
  --city          the city's region code, e.g. 370200 (青岛市)
  --code          the sub-platform code (NATS user and JetStream domain); default c<city>
  --hub           the hub's leaf-node address (the banner of npm start prints it); or CITY_BRAIN_HUB
  --password      the login the province issued for this sub-platform; or CITY_BRAIN_PASSWORD
  --counties      comma-separated region codes events are raised in; default the city itself
  --dir           folder for the city's own nats-server; default <tmp>/zc-city-<code>
  --vital-every   seconds between two sets of vital signs (default 10; 0 none)
  --event-every   mean seconds between two events (default 300; 0 none)
  --handle-after  seconds before a task is started and again before it is reported handled (default 30)
  --raise         raise one event at once (then carry on)`;

const { values } = parseArgs({
  options: {
    city: { type: 'string' },
    code: { type: 'string' },
    hub: { type: 'string' },
    password: { type: 'string' },
    counties: { type: 'string' },
    dir: { type: 'string' },
    'vital-every': { type: 'string', default: '10' },
    'event-every': { type: 'string', default: '300' },
    'handle-after': { type: 'string', default: '30' },
    raise: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const hub = values.hub ?? process.env.CITY_BRAIN_HUB;
const password = values.password ?? process.env.CITY_BRAIN_PASSWORD;
if (values.help || !values.city || !/^\d{6}$/.test(values.city) || !hub || !password) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const seconds = (name: 'vital-every' | 'event-every' | 'handle-after') => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a number of seconds`);
    process.exit(2);
  }
  return n * 1000;
};

ensureNatsServerInstalled();
const code = values.code ?? `c${values.city}`;
const url = new URL(hub);
url.username = code;
url.password = password;
const dir = values.dir ?? path.join(os.tmpdir(), `zc-city-${code}`);
const sim = new CitySimulator({
  regionCode: values.city,
  code,
  dir,
  hubLeafUrl: url.toString(),
  counties: values.counties?.split(',').map((c) => c.trim()),
  vitalEveryMs: seconds('vital-every'),
  eventEveryMs: seconds('event-every'),
  handleAfterMs: seconds('handle-after'),
  log: (l) => console.log(`${new Date().toISOString()} ${l}`),
});
await sim.start();
console.log(
  `simulated city brain ${code} (示例) running: its nats-server ${sim.nats!.server.url}, store in ${dir}, ` +
    `leaf node of ${url.host}`,
);
if (values.raise) await sim.raiseEvent();
const status = setInterval(() => console.log(`${new Date().toISOString()} sent ${JSON.stringify(sim.sent)}`), 60_000);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    clearInterval(status);
    void sim.stop().then(() => process.exit(0));
  });
