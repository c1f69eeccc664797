import { describe, expect, it } from 'vitest';
import { asGtin14, checkDigitOk, readGs1 } from '../../shared/gs1.ts';

const GS = '\u001d';

// Element strings from the GS1 General Specifications' examples (GTIN 09501101530003, SSCC
// 106141411234567897), as scanners send them.
describe('reading GS1 codes from a scanner', () => {
  it('reads GS1-128 with its AIM prefix and FNC1 sent as GS', () => {
    const r = readGs1(`]C10109501101530003172807311020240315A${GS}21SN0001`);
    expect(r).toEqual({
      kind: 'gs1',
      scan: { gtin: '09501101530003', lotNo: '20240315A', expiresOn: '2028-07-31', producedOn: null, serial: 'SN0001', sscc: null, count: null },
    });
  });

  it('reads GS1 DataMatrix and QR prefixes, and the form without a prefix', () => {
    for (const prefix of [']d2', ']Q3', '']) {
      const r = readGs1(`${prefix}010950110153000311270101172801311012AB`);
      expect(r?.kind).toBe('gs1');
      if (r?.kind !== 'gs1') continue;
      expect(r.scan).toMatchObject({ gtin: '09501101530003', producedOn: '2027-01-01', expiresOn: '2028-01-31', lotNo: '12AB' });
    }
  });

  it('reads the human-readable form with brackets, spaces between elements too', () => {
    const r = readGs1('(01)09501101530003 (17)280200 (10)AB-123');
    expect(r).toMatchObject({ kind: 'gs1', scan: { gtin: '09501101530003', expiresOn: '2028-02-29', lotNo: 'AB-123' } });
  });

  it('reads day 00 as the last day of the month, leap years included', () => {
    const day = (yymm: string) => {
      const r = readGs1(`(01)09501101530003(17)${yymm}00`);
      return r?.kind === 'gs1' ? r.scan.expiresOn : null;
    };
    expect(day('2802')).toBe('2028-02-29');
    expect(day('2702')).toBe('2027-02-28');
    expect(day('2704')).toBe('2027-04-30');
    expect(day('2712')).toBe('2027-12-31');
  });

  it('reads an SSCC and the counts (30) and (37)', () => {
    expect(readGs1(']C100106141411234567897')).toMatchObject({ kind: 'gs1', scan: { sscc: '106141411234567897', gtin: null } });
    expect(readGs1(`0209501101530003${GS}3712`)).toMatchObject({ kind: 'gs1', scan: { gtin: '09501101530003', count: 12 } });
    expect(readGs1('(01)09501101530003(30)48')).toMatchObject({ kind: 'gs1', scan: { count: 48 } });
  });

  it('refuses a GTIN or SSCC whose check digit is wrong', () => {
    expect(readGs1('(01)09501101530004(10)A')).toEqual({ kind: 'bad', reason: 'checkDigit', ai: '01' });
    expect(readGs1(']C100106141411234567898')).toEqual({ kind: 'bad', reason: 'checkDigit', ai: '00' });
  });

  it('refuses an impossible date', () => {
    expect(readGs1('(01)09501101530003(17)281399')).toMatchObject({ kind: 'bad' });
  });

  it('knows a 药品追溯码 and leaves the desk’s own codes alone', () => {
    expect(readGs1('81234567890123456789')).toEqual({ kind: 'trace', code: '81234567890123456789' });
    expect(readGs1('6901234567892')).toBeNull();
    expect(readGs1('LOT:MASK-001:20240315A')).toBeNull();
    expect(readGs1('MASK-001')).toBeNull();
  });

  it('checks digits the GS1 way and writes an EAN-13 as a GTIN-14', () => {
    expect(checkDigitOk('09501101530003')).toBe(true);
    expect(checkDigitOk('6901234567892')).toBe(true);
    expect(checkDigitOk('6901234567893')).toBe(false);
    expect(asGtin14('6901234567892')).toBe('06901234567892');
    expect(asGtin14('abc')).toBeNull();
  });
});
