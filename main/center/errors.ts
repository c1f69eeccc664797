import type { Locale } from '../../shared/domain.ts';
import type { CenterRefusal } from '../../shared/contract/center.ts';
import { i18nFor } from '../../shared/i18n/index.ts';

/** A refusal at the command center, translated when it is answered (center.refused.<code>). */
export class CenterError extends Error {
  readonly code: CenterRefusal;
  readonly params: Record<string, unknown>;

  constructor(code: CenterRefusal, params: Record<string, unknown> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'CenterError';
    this.code = code;
    this.params = params;
  }
}

export const refusalText = (e: CenterError, locale: Locale): string => i18nFor(locale).t(`center.refused.${e.code}`, e.params);
