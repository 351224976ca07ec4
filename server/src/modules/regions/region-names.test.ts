import { describe, expect, it } from 'vitest';
import { fitsLineage, fullNameOf, normaliseRegionText, regionMatchError } from './region-names.ts';

describe('region names in imports', () => {
  const lixia = ['山东省', '济南市', '历下区'];

  it('takes the bare name or the name with any of its ancestors before it, nothing else', () => {
    for (const text of ['历下区', '济南市历下区', '山东省济南市历下区']) expect(fitsLineage(text, lixia)).toBe(true);
    for (const text of ['济南市', '山东省历下区', '历下', '青岛市历下区', '历下区济南市'])
      expect(fitsLineage(text, lixia), text).toBe(false);
  });

  it('drops the separators people write between the parts, and reads full-width digits', () => {
    expect(normaliseRegionText(' 济南市 历下区 ')).toBe('济南市历下区');
    expect(normaliseRegionText('济南市/历下区')).toBe('济南市历下区');
    expect(normaliseRegionText('济南市-历下区')).toBe('济南市历下区');
    expect(normaliseRegionText('３７０１０２')).toBe('370102');
  });

  it('names a candidate below the province', () => {
    expect(fullNameOf(lixia)).toBe('济南市历下区');
    expect(fullNameOf(['山东省'])).toBe('山东省');
  });

  it('words the row errors in both languages, an ambiguous one with its candidates', () => {
    const amb = regionMatchError('市中区', 'ambiguous', [
      { code: '370103', fullName: '济南市市中区' },
      { code: '370402', fullName: '枣庄市市中区' },
    ]);
    expect(amb.code).toBeUndefined();
    expect(amb).toMatchObject({ reason: 'ambiguous' });
    if (amb.code === undefined) {
      expect(amb.message).toContain('济南市市中区 370103、枣庄市市中区 370402');
      expect(amb.message).toContain('names several regions');
    }
    const unknown = regionMatchError('历上区', 'unknown');
    expect(unknown.code === undefined && unknown.message).toMatch(/未知区划“历上区”.*Unknown region "历上区"/);
    const many = regionMatchError(
      '中心社区',
      'ambiguous',
      Array.from({ length: 8 }, (_, i) => ({ code: `37010200100${i}`, fullName: `街道${i}中心社区` })),
    );
    expect(many.code === undefined && many.candidates).toHaveLength(5);
    expect(many.code === undefined && many.message).toContain('…(8)');
  });
});
