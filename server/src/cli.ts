import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Role } from '@zhicheng/contracts';
import { buildApp } from './app.ts';
import { openAndMigrate } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { systemContext } from './platform/authorization/index.ts';

/**
 * Operator commands:
 *   create-admin --username U --display-name N [--role system_admin|security_admin|audit_admin] [--org NAME]
 *     (password from ZC_ADMIN_PASSWORD or asked on the terminal)
 *   verify-audit   walks the keyed audit chain and compares it with the checkpoint file; exit 1 on any finding
 */
const [command, ...rest] = process.argv.slice(2);
const config = loadConfig();
const { database } = await openAndMigrate(config);
const { platform, auditCheckpoints } = await buildApp({ config, database, logger: false });
let code = 0;
try {
  if (command === 'create-admin') {
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        role: { type: 'string', default: 'system_admin' },
        org: { type: 'string', default: '省大数据局' },
      },
    });
    const role = Role.parse(values.role);
    if (!['system_admin', 'security_admin', 'audit_admin'].includes(role))
      throw new Error('role must be system_admin, security_admin or audit_admin');
    if (!values.username) throw new Error('--username is required');
    let password = process.env.ZC_ADMIN_PASSWORD;
    if (!password) {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
      password = await rl.question('password (12+ characters, 3 classes): ');
      rl.close();
    }
    await auditCheckpoints.assertKeyFits();
    const ctx = systemContext('cli');
    const existing = (await platform.identity.listOrganisations()).find((o) => o.name === values.org);
    const orgId =
      existing?.id ??
      (await platform.identity.createOrganisation(ctx, { name: values.org!, kind: 'bureau', regionCode: '370000' }));
    const id = await platform.identity.createUser(ctx, {
      username: values.username,
      displayName: values['display-name'] ?? values.username,
      organisationId: orgId,
      password,
      roles: [{ role, regionCode: '370000' }],
    });
    console.log(`created ${role} ${values.username} (${id})`);
    // The rows just written are covered now, not only when a server next runs.
    await auditCheckpoints.writeNow();
  } else if (command === 'verify-audit') {
    const r = await platform.audit.verify(platform.db);
    const cps = `${r.checkpoints.valid} checkpoint(s) in ${config.auditCheckpointFile}`;
    if (r.ok) {
      const unkeyed = r.unkeyed ? `, ${r.unkeyed} of them from before the chain was keyed` : '';
      const newest = r.checkpoints.newestSeq ?? '-';
      console.log(`audit trail intact: ${r.checked} events${unkeyed}; ${cps}, newest at row ${newest}`);
      if (!r.checkpoints.valid && r.checked) {
        console.log('warning: no checkpoint, so rows deleted at the head would go unnoticed');
      }
    } else {
      console.log(`audit trail BROKEN (checked ${r.checked} events; ${cps}):`);
      for (const p of r.problems) console.log(`  ${p.kind}: ${p.detail}`);
    }
    code = r.ok ? 0 : 1;
  } else {
    console.error('usage: cli.ts create-admin --username U [--role R] | verify-audit');
    code = 2;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 1;
}
await database.close();
process.exit(code);
