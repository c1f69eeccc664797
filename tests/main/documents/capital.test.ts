import { describe, expect, it } from 'vitest';
import { toChineseCapital } from '../../../main/documents/capital.ts';

const yuan = (y: number, fen = 0) => y * 100 + fen;

describe('toChineseCapital (大写金额)', () => {
  it.each([
    [yuan(12345, 67), '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [0, '零元整'],
    [yuan(1), '壹元整'],
    [yuan(10), '壹拾元整'],
    [yuan(15), '壹拾伍元整'],
    [yuan(100), '壹佰元整'],
    [yuan(110), '壹佰壹拾元整'],
    [yuan(101), '壹佰零壹元整'],
    [yuan(1010), '壹仟零壹拾元整'],
    [yuan(1001), '壹仟零壹元整'],
    [yuan(10000), '壹万元整'],
    [yuan(10001), '壹万零壹元整'],
    [yuan(10010), '壹万零壹拾元整'],
    [yuan(100010), '壹拾万零壹拾元整'],
    [yuan(107000, 53), '壹拾万柒仟元伍角叁分'],
    [yuan(1000100), '壹佰万零壹佰元整'],
    [yuan(10000001), '壹仟万零壹元整'],
    [yuan(100000000), '壹亿元整'],
    [yuan(100010000), '壹亿零壹万元整'],
    [yuan(110000000), '壹亿壹仟万元整'],
    [yuan(101000000), '壹亿零壹佰万元整'],
    [yuan(1001000000), '壹拾亿零壹佰万元整'],
    [yuan(1_0000_0000_0000), '壹万亿元整'],
    [yuan(1_0001_0000_0000), '壹万零壹亿元整'],
    [yuan(9999_9999_9999), '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整'],
  ])('%i fen → %s', (fen, words) => {
    expect(toChineseCapital(fen)).toBe(words);
  });

  it('ends in 整 after 元 or 角, never after 分', () => {
    expect(toChineseCapital(yuan(12, 30))).toBe('壹拾贰元叁角整');
    expect(toChineseCapital(yuan(12, 34))).toBe('壹拾贰元叁角肆分');
    expect(toChineseCapital(yuan(1680, 32))).toBe('壹仟陆佰捌拾元叁角贰分');
  });

  it('writes 零 for a zero 角 before a 分, and nothing before the 角 or 分 of less than a yuan', () => {
    expect(toChineseCapital(yuan(10, 5))).toBe('壹拾元零伍分');
    expect(toChineseCapital(yuan(3000, 2))).toBe('叁仟元零贰分');
    expect(toChineseCapital(50)).toBe('伍角整');
    expect(toChineseCapital(5)).toBe('伍分');
    expect(toChineseCapital(55)).toBe('伍角伍分');
  });

  it('marks a negative amount (a reversal) with 负', () => {
    expect(toChineseCapital(-yuan(100, 50))).toBe('负壹佰元伍角整');
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => toChineseCapital(1.5)).toThrow(RangeError);
    expect(() => toChineseCapital(Number.NaN)).toThrow(RangeError);
    expect(() => toChineseCapital(2 ** 60)).toThrow(RangeError);
  });

  it('reads back to the same amount, with no doubled 零 and no 零 before a unit, over a sweep of amounts', () => {
    for (let fen = 1; fen < 3_000_000_000_000; fen = Math.ceil(fen * 1.37) + 11) {
      for (const x of [fen, fen + 1, fen + 100, fen * 10 + 7, Math.ceil(fen / 100) * 100]) {
        const words = toChineseCapital(x);
        expect(readCapital(words), words).toBe(x);
        expect(words, `${x}`).not.toMatch(/零零|零[元万亿整拾佰仟]|^零/);
        expect(words, `${x}`).toMatch(/(整|分)$/);
      }
    }
  });
});

/** An independent reader of 大写 amounts, to check the writer against. */
function readCapital(words: string): number {
  const DIGIT = '零壹贰叁肆伍陆柒捌玖';
  const PLACE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  const sign = words.startsWith('负') ? -1 : 1;
  const [yuanPart, rest = ''] = words.replace(/^负/, '').split('元') as [string, string?];
  const small = words.includes('元') ? rest : yuanPart;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of words.includes('元') ? yuanPart : '') {
    if (DIGIT.includes(ch)) digit = DIGIT.indexOf(ch);
    else if (PLACE[ch]) {
      section += digit * PLACE[ch];
      digit = 0;
    } else if (ch === '万') {
      section = (section + digit) * 10_000;
      digit = 0;
    } else if (ch === '亿') {
      total = (total + section + digit) * 100_000_000;
      section = digit = 0;
    } else throw new Error(`unexpected ${ch} in ${words}`);
  }
  let fen = (total + section + digit) * 100;
  const jiao = /(.)角/.exec(small);
  const f = /(.)分/.exec(small);
  if (jiao) fen += DIGIT.indexOf(jiao[1]!) * 10;
  if (f) fen += DIGIT.indexOf(f[1]!);
  return sign * fen;
}
