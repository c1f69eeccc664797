// node scripts/paper-screenshots.ts: the README's pictures of the paper, printed from the demo depot
// with its two weeks of business (docs/screenshots/paper-*.png). Needs pdftoppm (poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDepot } from '../main/core/depot.ts';
import { seedDemo } from '../main/cli/demo.ts';
import { seedHistory } from '../main/cli/demo-history.ts';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paper-'));
const dbPath = join(dir, 'depot.db');
try {
  const seeding = openDepot({ dbPath });
  await seedDemo(seeding);
  await seeding.close();
  await seedHistory(dbPath);
  const depot = openDepot({ dbPath });
  const session = depot.systemSession();
  const call = async (channel: 'print.slip' | 'print.pickList' | 'print.receipt' | 'print.labels', input: Record<string, unknown>) => {
    const r = await depot.invoke(channel, { ...input, output: 'pdf', requestId: randomUUID() }, session);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  };
  const first = <T>(sql: string) => depot.store.first<T>(sql)!;
  const picture = async (name: string, channel: Parameters<typeof call>[0], input: Record<string, unknown>) => {
    const pdf = join(dir, `${name}.pdf`);
    await call(channel, { ...input, path: pdf });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, join(out, name)]);
    console.log(`docs/screenshots/${name}.png`);
  };
  const approved = first<{ id: number }>("SELECT id FROM dispatch_orders WHERE status = 'approved' ORDER BY id LIMIT 1");
  const reversal = first<{ id: number }>('SELECT id FROM dispatch_orders WHERE reverses_id IS NOT NULL ORDER BY id LIMIT 1');
  const delivered = first<{ id: number }>("SELECT id FROM dispatch_orders WHERE status = 'delivered' ORDER BY id DESC LIMIT 1");
  const receipt = first<{ id: number }>("SELECT id FROM receipts WHERE status = 'posted' AND source_type = 'purchase' ORDER BY id DESC LIMIT 1");
  await picture('paper-pick-list', 'print.pickList', { orders: [approved.id], paper: 'A4' });
  await picture('paper-reversal', 'print.slip', { order: reversal.id, paper: 'A4' });
  await picture('paper-slip-241', 'print.slip', { order: delivered.id, paper: 'continuous-241' });
  await picture('paper-receipt', 'print.receipt', { receipt: receipt.id, paper: 'A4' });
  await depot.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
