import { describe, expect, it } from 'vitest';
import { maskContactPhone } from './contact.ts';

describe('contact phone mask', () => {
  it('keeps a landline’s area code and last four digits, a mobile’s first three and last four', () => {
    expect(maskContactPhone('0532-85912345')).toBe('0532-****2345');
    expect(maskContactPhone('053185912345')).toBe('0531-****2345');
    expect(maskContactPhone('010-6123456')).toBe('010-***3456');
    expect(maskContactPhone('13912345678')).toBe('139****5678');
  });
});
