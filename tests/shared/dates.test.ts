import { describe, expect, it } from 'vitest';
import { parseTypedDate } from '../../shared/dates.ts';

describe('a date as typed or scanned', () => {
  it('reads the forms a storekeeper types into yyyy-mm-dd', () => {
    for (const typed of ['20281031', '2028-10-31', '2028/10/31', '2028.10.31', '2028年10月31日', ' 2028 - 10 - 31 ']) {
      expect(parseTypedDate(typed), typed).toBe('2028-10-31');
    }
    expect(parseTypedDate('2028-1-5')).toBe('2028-01-05');
    expect(parseTypedDate('2028-02-29')).toBe('2028-02-29');
  });
  it('blank is no date; what is no day of the calendar is undefined, never dropped silently', () => {
    expect(parseTypedDate('')).toBeNull();
    expect(parseTypedDate('  ')).toBeNull();
    for (const bad of ['2027-02-29', '2028-13-01', '20281032', '69012345', '28-10-31', 'abc', '2028-10-31x']) {
      expect(parseTypedDate(bad), bad).toBeUndefined();
    }
  });
});
