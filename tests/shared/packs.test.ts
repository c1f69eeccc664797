import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPacks, parsePacks, parseQuantity, splitIntoPacks, type Pack } from '../../shared/packs.ts';

const MASKS: Pack[] = [
  { unit: '盒', per: 50 },
  { unit: '箱', per: 1000 },
];

describe('parsePacks', () => {
  it.each([
    ['盒=50, 箱=1000', MASKS],
    ['盒=50,箱=1000', MASKS],
    ['盒＝50，箱＝1000', MASKS],
    ['盒:50；箱：1000', MASKS],
    ['  盒 = 50   箱=1000 ', MASKS],
    ['箱=20', [{ unit: '箱', per: 20 }]],
    ['', []],
    ['   ', []],
  ])('%j', (text, packs) => {
    expect(parsePacks(text)).toEqual(packs);
  });

  it.each(['盒50', '盒=', '=50', '盒=五十', '盒=50箱=1000', '盒=-5', '盒=1.5'])('refuses %j', (text) => {
    expect(parsePacks(text)).toBeNull();
  });

  it('formats back to the text the grid shows', () => {
    expect(formatPacks(MASKS)).toBe('盒=50, 箱=1000');
    expect(formatPacks([])).toBe('');
    expect(parsePacks(formatPacks(MASKS))).toEqual(MASKS);
  });
});

describe('splitIntoPacks', () => {
  it.each([
    [1234, '1箱 4盒 34只'],
    [1000, '1箱'],
    [1050, '1箱 1盒'],
    [49, '49只'],
    [0, '0只'],
    [20_150, '20箱 3盒'],
  ])('%i masks → %s', (quantity, text) => {
    expect(splitIntoPacks(quantity, '只', MASKS)).toBe(text);
  });

  it('does not depend on the order the packs are listed in', () => {
    expect(splitIntoPacks(1234, '只', [...MASKS].reverse())).toBe('1箱 4盒 34只');
  });

  it('an item without packs counts in its base unit', () => {
    expect(splitIntoPacks(37, '张', [])).toBe('37张');
  });
});

describe('parseQuantity', () => {
  it.each([
    ['20箱 3盒', 20_150],
    ['20箱3盒 5只', 20_155],
    ['1500', 1500],
    ['1,500', 1500],
    ['1，500', 1500],
    ['3盒', 150],
    ['7只', 7],
    ['0', 0],
  ])('%j → %i', (text, quantity) => {
    expect(parseQuantity(text, '只', MASKS)).toBe(quantity);
  });

  it.each(['', '箱', '3瓶', '20箱 3', 'abc', '-5', '1.5', '3盒x'])('refuses %j', (text) => {
    expect(parseQuantity(text, '只', MASKS)).toBeNull();
  });

  it('reads back whatever splitIntoPacks writes', () => {
    const packs = fc
      .uniqueArray(fc.integer({ min: 2, max: 5000 }), { minLength: 0, maxLength: 3 })
      .map((pers) => pers.sort((a, b) => a - b).map((per, i) => ({ unit: ['盒', '箱', '托'][i]!, per })));
    fc.assert(
      fc.property(fc.nat(10_000_000), packs, (quantity, levels) => {
        expect(parseQuantity(splitIntoPacks(quantity, '只', levels), '只', levels)).toBe(quantity);
      }),
    );
  });
});
