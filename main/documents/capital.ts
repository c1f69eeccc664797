/**
 * 大写金额: the form banks and finance require on slips, following 会计基础工作规范 第五十二条:
 * a 零 for every run of zeros inside the number, 整 after 元 or 角 but never after 分, and
 * 壹拾 (not 拾) for the tens, as financial forms write it. Where the rule leaves a choice — a
 * 零 after 元 when the 元 digit is 0 but 角 is not — we leave it out: 壹拾元伍角整.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['仟', '佰', '拾', ''] as const;

/** 1 ≤ n ≤ 9999, without leading 零: 1010 → 壹仟零壹拾. */
function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  const digits = String(n).padStart(4, '0');
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + PLACES[i]!;
  }
  return out;
}

/** A whole number of yuan ≥ 1, by 万 and 亿 groups: 100010 → 壹拾万零壹拾. */
function yuan(n: number): string {
  for (const [size, name] of [
    [1e8, '亿'],
    [1e4, '万'],
  ] as const) {
    if (n >= size) {
      const high = Math.floor(n / size);
      const low = n % size;
      // A 零 when the lower part does not fill its top place: 1,0001 → 壹万零壹.
      return yuan(high) + name + (low === 0 ? '' : (low < size / 10 ? '零' : '') + yuan(low));
    }
  }
  return fourDigits(n);
}

/** Fen → 壹万贰仟叁佰肆拾伍元陆角柒分; 0 → 零元整; negative amounts (reversals) start with 负. */
export function toChineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount in fen must be a safe integer, got ${fen}`);
  if (fen < 0) return '负' + toChineseCapital(-fen);
  const y = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  if (fen === 0) return '零元整';
  let out = y > 0 ? yuan(y) + '元' : '';
  if (jiao > 0) out += DIGITS[jiao] + '角';
  else if (f > 0 && y > 0) out += '零';
  out += f > 0 ? DIGITS[f] + '分' : '整';
  return out;
}
