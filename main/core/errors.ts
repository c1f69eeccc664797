import type { ErrorCode } from '../../shared/errors.ts';

/** A refusal the operator should read: a code from shared/errors.ts and the values its message needs. */
export class DepotError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly field: string | undefined;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, field?: string) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'DepotError';
    this.code = code;
    this.params = params;
    this.field = field;
  }
}
