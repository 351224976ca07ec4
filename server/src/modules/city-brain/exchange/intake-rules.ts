import {
  UP_KINDS,
  UP_MESSAGE,
  type DeadLetterReason,
  type UpKind,
  type UpMessage,
} from '@zhicheng/contracts/city-brain';

/** A message as the hub's intake stream hands it over. */
export interface RawUpMessage {
  subject: string;
  data: Uint8Array;
  msgId: string | undefined;
  /** Its sequence in the hub's intake stream: the dead-letter store's idempotency key. */
  hubSeq: number;
}

/** What intake needs to know of a sub-platform to judge its messages. */
export interface Sender {
  id: string;
  code: string;
  publishes: readonly string[];
  /** The region codes it may speak for: its region and everything below. */
  regions: ReadonlySet<string>;
}

export type Judged =
  | {
      ok: true;
      sender: Sender;
      kind: UpKind;
      msgId: string;
      entity: UpMessage;
      hubSeq: number;
      /** The message as received, stored as it came. */
      text: string;
    }
  | {
      ok: false;
      code: string | null;
      reason: DeadLetterReason;
      detail: { path: string; message: string }[];
      raw: string;
      subject: string;
      msgId: string | null;
      hubSeq: number;
    };

const decoder = new TextDecoder('utf-8', { fatal: false });
/** Dead letters keep the message as it came, cut: enough to see what was wrong, not a store for big payloads. */
export const RAW_LIMIT = 4096;

/**
 * Judges one upward message: the subject names a registered sub-platform and a kind it registered, the message
 * carries its id, parses, fits its kind's schema, and speaks only for the sender's own regions. Anything else is a
 * dead letter with the reason, never stored as data.
 */
export function judge(m: RawUpMessage, senders: ReadonlyMap<string, Sender>): Judged {
  const text = decoder.decode(m.data);
  const tokens = m.subject.split('.');
  const code = tokens.length === 4 && tokens[0] === 'zc' && tokens[1] === 'up' ? tokens[2]! : null;
  const dead = (reason: DeadLetterReason, detail: { path: string; message: string }[] = []): Judged => ({
    ok: false,
    code,
    reason,
    detail,
    // PostgreSQL text cannot hold NUL: the dead letter shows it as U+FFFD.
    raw: text.slice(0, RAW_LIMIT).replace(/\0/g, '\uFFFD'),
    subject: m.subject,
    msgId: m.msgId ?? null,
    hubSeq: m.hubSeq,
  });
  const sender = code ? senders.get(code) : undefined;
  if (!sender) return dead('unknown_sub_platform', [{ path: 'subject', message: m.subject }]);
  const kind = tokens[3] as UpKind;
  if (!(UP_KINDS as readonly string[]).includes(kind))
    return dead('unknown_kind', [{ path: 'subject', message: kind }]);
  if (!sender.publishes.includes(kind)) return dead('kind_not_granted', [{ path: 'subject', message: kind }]);
  if (!m.msgId) return dead('missing_msg_id', [{ path: 'Nats-Msg-Id', message: 'required' }]);
  // jsonb cannot hold NUL (\u0000); such a message could never be stored, so it is refused here, not retried.
  if (text.includes('\0') || /(^|[^\\])(\\\\)*\\u0000/.test(text))
    return dead('schema', [{ path: '', message: 'NUL (\\u0000) is not allowed' }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return dead('not_json', [{ path: '', message: (e as Error).message }]);
  }
  const parsed = UP_MESSAGE[kind].safeParse(json);
  if (!parsed.success)
    return dead(
      'schema',
      parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const entity = parsed.data as UpMessage;
  if (!sender.regions.has(entity.regionCode))
    return dead('region_out_of_scope', [{ path: 'regionCode', message: entity.regionCode }]);
  return { ok: true, sender, kind, msgId: m.msgId, entity, hubSeq: m.hubSeq, text };
}
