import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  /** A real PostgreSQL; when unset the embedded PGlite under DATA_DIR is used. */
  DATABASE_URL: z.string().optional(),
  /**
   * PostgreSQL only: the login the server itself uses (a member of the `zhicheng_app` role, which may only insert
   * and read audit rows). Migrations still run as the DATABASE_URL user, the owner. When unset the server uses the
   * DATABASE_URL login with `role=zhicheng_app` set on every connection.
   */
  DATABASE_APP_URL: z.string().optional(),
  /** Demo mode loads the simulated data set and demo accounts. Only `npm start` turns it on. */
  ZC_DEMO: z.enum(['true', 'false']).optional(),
  /** Set when served over HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** 32-byte key (hex or base64) that encrypts personal data at rest; generated into DATA_DIR when absent. */
  ZC_DATA_KEY: z.string().optional(),
  /** 32-byte key (hex or base64) that keys the audit hash chain and signs checkpoints; generated into DATA_DIR. */
  ZC_AUDIT_KEY: z.string().optional(),
  /** Append-only file of signed audit checkpoints; put it where the database's administrators cannot write. */
  ZC_AUDIT_CHECKPOINT_FILE: z.string().optional(),
  /**
   * Comma-separated addresses or CIDRs of the load balancers in front of the server. X-Forwarded-For is believed
   * only from these; by default from nobody, so a client cannot choose the address its limits are counted under.
   */
  TRUSTED_PROXIES: z.string().default(''),
  /** The province this deployment serves (GB/T 2260 code); its cities and counties are loaded at start. */
  ZC_PROVINCE: z
    .string()
    .regex(/^\d{2}0000$/, { message: 'a province code such as 370000' })
    .default('370000'),
  /**
   * The province's NATS server (JetStream) the city-brain hub connects to. When unset, `npm start` runs Debian's
   * nats-server itself with its store under DATA_DIR/nats.
   */
  NATS_URL: z.string().optional(),
  /** The hub's own login on NATS_URL. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** The address city platforms' leaf nodes join (shown with the credentials issued to them). */
  NATS_LEAF_URL: z.string().optional(),
  /** The local nats-server's ports when NATS_URL is unset: clients (0 = any free port) and leaf nodes. */
  NATS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  NATS_LEAF_PORT: z.coerce.number().int().min(0).max(65535).default(7422),
  /**
   * The SMS platform verification codes are sent through (see platform/sms): one JSON POST per message. When unset,
   * messages only go to the server's log (a development outbox) and reach no phone.
   */
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseAppUrl: string | undefined;
  demo: boolean;
  cookieSecure: boolean;
  dataKey: string | undefined;
  auditKey: string | undefined;
  auditCheckpointFile: string;
  logLevel: string;
  /** The province's NATS server; undefined: main.ts runs a local one (see platform/messaging). */
  nats: {
    url: string | undefined;
    user: string | undefined;
    password: string | undefined;
    leafUrl: string | undefined;
    port: number;
    leafPort: number;
  };
  trustedProxies: string[];
  /** The SMS gateway; undefined: the development outbox (platform/sms). */
  sms: { gatewayUrl: string | undefined; gatewayToken: string | undefined };
  /** The province served, e.g. 370000 (Shandong): configuration, not a literal in the code. */
  provinceCode: string;
  /** Built web app, served from the same process. */
  webDist: string;
}

/** Environment is parsed once, here; the rest of the code receives a Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseAppUrl: e.DATABASE_APP_URL || undefined,
    demo: argv.includes('--demo') || e.ZC_DEMO === 'true',
    cookieSecure: e.COOKIE_SECURE === 'true',
    dataKey: e.ZC_DATA_KEY,
    auditKey: e.ZC_AUDIT_KEY,
    auditCheckpointFile: path.resolve(e.ZC_AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.log')),
    logLevel: e.LOG_LEVEL,
    nats: {
      url: e.NATS_URL || undefined,
      user: e.NATS_USER || undefined,
      password: e.NATS_PASSWORD || undefined,
      leafUrl: e.NATS_LEAF_URL || undefined,
      port: e.NATS_PORT,
      leafPort: e.NATS_LEAF_PORT,
    },
    sms: { gatewayUrl: e.SMS_GATEWAY_URL || undefined, gatewayToken: e.SMS_GATEWAY_TOKEN || undefined },
    provinceCode: e.ZC_PROVINCE,
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    webDist: path.resolve(import.meta.dirname, '../../web/dist'),
  };
}
