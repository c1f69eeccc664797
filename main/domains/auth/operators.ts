import type { OperatorInfo } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import type { Store } from '../../store/db.ts';

interface OperatorRow {
  id: number;
  code: string;
  name: string;
  role: Role | 'system';
  active: number;
  version: number;
  password_hash: string | null;
}

export const SYSTEM_OPERATOR_ID = 1;

const toInfo = (r: OperatorRow): OperatorInfo => ({
  id: r.id,
  code: r.code,
  name: r.name,
  // The system operator acts with an admin's rights; it has no password and cannot sign in.
  role: r.role === 'system' ? 'admin' : r.role,
  active: r.active === 1,
  version: r.version,
});

export function findOperator(store: Store, id: number): OperatorInfo | undefined {
  const row = store.first<OperatorRow>('SELECT * FROM operators WHERE id = ?', [id]);
  return row ? toInfo(row) : undefined;
}

export function findOperatorByCode(store: Store, code: string): (OperatorInfo & { passwordHash: string | null }) | undefined {
  const row = store.first<OperatorRow>("SELECT * FROM operators WHERE code = ? AND role <> 'system'", [code]);
  return row ? { ...toInfo(row), passwordHash: row.password_hash } : undefined;
}

export function listOperators(store: Store): OperatorInfo[] {
  return store.all<OperatorRow>("SELECT * FROM operators WHERE role <> 'system' ORDER BY code").map(toInfo);
}

export const needsSetup = (store: Store): boolean =>
  store.first<{ n: number }>("SELECT count(*) AS n FROM operators WHERE role = 'admin'")!.n === 0;
