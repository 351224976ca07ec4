import { maskPhone } from '../../platform/crypto/index.ts';

/**
 * A sub-platform's duty phone is often a landline: keep its area code (which only says the city) and the last four
 * digits, as for mobiles, so a caller can tell two numbers apart without reading either.
 */
export function maskContactPhone(phone: string): string {
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(phone.trim());
  if (!land) return maskPhone(phone);
  const [, area, local] = land;
  return `${area}-${'*'.repeat(local!.length - 4)}${local!.slice(-4)}`;
}
