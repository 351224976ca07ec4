import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { maskPhone } from '../crypto/index.ts';
import { platformError } from '../http/errors.ts';

/**
 * Text messages to mobile phones (verification codes). A deployment points SMS_GATEWAY_URL at the province's SMS
 * platform (政务短信平台) or its adapter: each message is one `POST` of `{"to": "<11 digits>", "text": "…"}` as JSON,
 * with `Authorization: Bearer <SMS_GATEWAY_TOKEN>` when a token is set; any 2xx answer means accepted.
 * Without a gateway, messages go to the development outbox: the server log, with the number masked; nothing
 * reaches a phone, and demo mode says so on the page that asked for the code.
 */
export interface SmsSender {
  /** True when messages reach phones; false for the development outbox. */
  readonly delivers: boolean;
  send(to: string, text: string): Promise<void>;
}

export class HttpSmsGateway implements SmsSender {
  readonly delivers = true;

  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 5_000,
  ) {}

  async send(to: string, text: string): Promise<void> {
    let status = 0;
    try {
      const r = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = r.status;
      await r.arrayBuffer();
    } catch {
      // unreachable or too slow: status stays 0
    }
    if (status < 200 || status >= 300) throw platformError('sms_failed');
  }
}

/** The development outbox: the message in the server's log (number masked), for a developer or a demo. */
export class SmsLogOutbox implements SmsSender {
  readonly delivers = false;
  /** The last messages, newest last: what a test or the demo reads back. */
  readonly sent: { to: string; text: string }[] = [];

  constructor(private readonly log?: FastifyBaseLogger) {}

  async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
    if (this.sent.length > 100) this.sent.shift();
    this.log?.warn({ to: maskPhone(to) }, `SMS not sent (no SMS_GATEWAY_URL; development outbox): ${text}`);
  }
}

export function smsFromConfig(config: Config, log?: FastifyBaseLogger): SmsSender {
  return config.sms.gatewayUrl
    ? new HttpSmsGateway(config.sms.gatewayUrl, config.sms.gatewayToken)
    : new SmsLogOutbox(log);
}
