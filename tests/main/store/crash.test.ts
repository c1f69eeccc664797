import { describe, expect, it } from 'vitest';
import { crashLoop } from '../../../scripts/soak/crash.ts';

/** The short form of `npm run soak`'s crash-kill loop (200 kills there). */
describe('a desk killed in the middle of postings', () => {
  it('leaves the file whole after every one of 12 SIGKILLs: integrity, balances = ledger, no half document, book = ledger, no request applied twice', async () => {
    const { figures, problems } = await crashLoop({ kills: 12 });
    expect(problems).toEqual([]);
    // The poster did post between the kills: the checks looked at real work.
    expect(figures.receipts).toBeGreaterThan(5);
    expect(figures.shipped).toBeGreaterThan(5);
  }, 120_000);
});
