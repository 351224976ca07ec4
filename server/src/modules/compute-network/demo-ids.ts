import crypto from 'node:crypto';

/** A stable UUID from a name, so demo objects keep their ids (and printed tokens) across fresh installs. */
export function demoUuid(name: string): string {
  const h = crypto.createHash('sha256').update(`compute-network-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
