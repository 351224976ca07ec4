import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { PhoneCodeSent, VoterPhoneStatus } from '@zhicheng/contracts/scenarios';
import { maskPhone } from '../../platform/crypto/index.ts';
import type { Platform } from '../../platform/module.ts';
import { scenariosError } from './scenarios.errors.ts';
import { device, phoneCode } from './scenarios.tables.ts';
import { deviceDigest } from './votes.service.ts';
import { chinaDay } from '../../platform/clock/index.ts';

/** How long a code is valid, how soon another may be asked for, and how many per number per China day. */
export const PHONE_CODE = { validSeconds: 300, resendSeconds: 60, perDay: 5, attempts: 5 };

/**
 * Optional verified phones for public votes. A voter asks for a code by text message, types it back, and the device
 * (the random cookie the vote route gave it) is bound to the number from then on: its votes are marked verified,
 * count once per phone per case per round whatever device they come from, and are never held as a fresh device's.
 * The number is stored only as an HMAC digest (and masked, to show its owner); the code only as a digest of number
 * and code, tried at most five times. Codes per number are limited (one a minute, five a day) and the route limits
 * each address, so the endpoint cannot be used to flood someone's phone.
 */
export class PhoneVerificationService {
  constructor(private readonly platform: Platform) {}

  private digest = (phone: string) => this.platform.protector.digest({ voterPhone: phone });
  private codeDigest = (phone: string, code: string) => this.platform.protector.digest({ voterPhone: phone, code });

  async sendCode(phone: string): Promise<PhoneCodeSent> {
    const now = this.platform.clock.now();
    const key = this.digest(phone);
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    await this.platform.db.transaction(async (tx) => {
      const [prev] = await tx.select().from(phoneCode).where(eq(phoneCode.phone, key)).for('update');
      if (prev && now.getTime() - prev.sentAt.getTime() < PHONE_CODE.resendSeconds * 1000)
        throw scenariosError('scenarios_phone_wait');
      const day = chinaDay(now);
      const sendsToday = prev?.day === day ? prev.sendsToday + 1 : 1;
      if (sendsToday > PHONE_CODE.perDay) throw scenariosError('scenarios_phone_daily_limit');
      const row = {
        phone: key,
        code: this.codeDigest(phone, code),
        sentAt: now,
        expiresAt: new Date(now.getTime() + PHONE_CODE.validSeconds * 1000),
        attempts: 0,
        day,
        sendsToday,
      };
      await tx.insert(phoneCode).values(row).onConflictDoUpdate({ target: phoneCode.phone, set: row });
      // Sent inside the transaction: a message the gateway refused leaves no code behind and counts no send.
      await this.platform.sms.send(
        phone,
        `【智城】您的投票验证码为 ${code},${PHONE_CODE.validSeconds / 60} 分钟内有效。如非本人操作,请忽略。`,
      );
    });
    return {
      expiresInSeconds: PHONE_CODE.validSeconds,
      resendInSeconds: PHONE_CODE.resendSeconds,
      ...(this.platform.config.demo && !this.platform.sms.delivers ? { demoCode: code } : {}),
    };
  }

  /** Checks the code and binds the device to the phone; the code is used up. */
  async verify(phone: string, code: string, deviceToken: string): Promise<VoterPhoneStatus> {
    const now = this.platform.clock.now();
    const key = this.digest(phone);
    const masked = maskPhone(phone);
    const outcome = await this.platform.db.transaction(async (tx) => {
      const [row] = await tx.select().from(phoneCode).where(eq(phoneCode.phone, key)).for('update');
      if (!row || row.expiresAt.getTime() < now.getTime() || row.attempts >= PHONE_CODE.attempts)
        return 'expired' as const;
      const given = Buffer.from(this.codeDigest(phone, code));
      if (given.length !== row.code.length || !crypto.timingSafeEqual(given, Buffer.from(row.code))) {
        // The failed attempt is counted even though the request is refused: the row is written, then the error.
        await tx
          .update(phoneCode)
          .set({ attempts: row.attempts + 1 })
          .where(eq(phoneCode.phone, key));
        return 'wrong' as const;
      }
      // Used up, but the row stays (expired) so the resend and daily limits still hold.
      await tx.update(phoneCode).set({ expiresAt: now, attempts: PHONE_CODE.attempts }).where(eq(phoneCode.phone, key));
      await tx
        .insert(device)
        .values({
          digest: deviceDigest(this.platform, deviceToken),
          firstSeen: now,
          lastSeen: now,
          phone: key,
          phoneMasked: masked,
        })
        .onConflictDoUpdate({
          target: device.digest,
          set: {
            phone: key,
            phoneMasked: masked,
            lastSeen: sql`GREATEST(${device.lastSeen}, ${now.toISOString()}::timestamptz)`,
          },
        });
      return 'ok' as const;
    });
    if (outcome === 'expired') throw scenariosError('scenarios_phone_code_expired');
    if (outcome === 'wrong') throw scenariosError('scenarios_phone_code_wrong');
    return { verified: true, phone: masked };
  }

  async status(deviceToken: string | undefined): Promise<VoterPhoneStatus> {
    if (!deviceToken) return { verified: false, phone: null };
    const [row] = await this.platform.db
      .select({ phoneMasked: device.phoneMasked })
      .from(device)
      .where(eq(device.digest, deviceDigest(this.platform, deviceToken)));
    return row?.phoneMasked ? { verified: true, phone: row.phoneMasked } : { verified: false, phone: null };
  }
}
