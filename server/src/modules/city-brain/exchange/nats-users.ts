import { subjectsOf } from '@zhicheng/contracts/city-brain';
import { natsUserEntry } from '../../../platform/messaging/index.ts';

/**
 * The hub nats-server's user list: the hub itself (everything) and one login per sub-platform holding credentials,
 * each reaching only its own subjects and JetStream domain (subjectsOf). Passwords appear only as bcrypt hashes.
 */
export function authorizationBody(
  hub: { user: string; passwordHash: string } | null,
  subPlatforms: { code: string; natsPasswordHash: string | null }[],
): string {
  const entries = hub ? [natsUserEntry(hub.user, hub.passwordHash)] : [];
  for (const s of subPlatforms) {
    if (s.natsPasswordHash) entries.push(natsUserEntry(s.code, s.natsPasswordHash, subjectsOf(s.code)));
  }
  return `users: [\n  ${entries.join(',\n  ')}\n]`;
}
