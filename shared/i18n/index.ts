import i18next, { type i18n } from 'i18next';
import type { Locale } from '../domain.ts';
import common from './common.ts';
import allocation from './allocation.ts';
import cli from './cli.ts';
import stock from './stock.ts';
import ledger from './ledger.ts';
import dispatch from './dispatch.ts';
import plans from './plans.ts';
import shell from './shell.ts';
import update from './update.ts';
import documents from './documents.ts';
import print from './print.ts';
import server from './server.ts';
import trace from './trace.ts';
import supply from './supply.ts';
import center from './center.ts';
import search from './search.ts';

/** One file per domain; each holds both languages. Later domains add theirs here. */
const bundles = [common, allocation, stock, dispatch, plans, cli, shell, update, documents, ledger, print, server, trace, supply, center, search];

type Tree = { [key: string]: string | Tree };
function merge(target: Tree, source: Tree): Tree {
  for (const [k, v] of Object.entries(source)) {
    target[k] = typeof v === 'string' ? v : merge((target[k] as Tree) ?? {}, v);
  }
  return target;
}

export const resources = {
  'zh-CN': { translation: bundles.reduce((acc, b) => merge(acc, b['zh-CN'] as Tree), {} as Tree) },
  en: { translation: bundles.reduce((acc, b) => merge(acc, b.en as Tree), {} as Tree) },
};

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** An i18next instance for one language, used by the core for messages, slips and workbooks. */
export function createI18n(locale: Locale = DEFAULT_LOCALE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'zh-CN',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

const shared = new Map<Locale, i18n>();
/** The process's one instance per language, for everything that only reads texts (creating one costs far more than a lookup). */
export function i18nFor(locale: Locale): i18n {
  let instance = shared.get(locale);
  if (!instance) shared.set(locale, (instance = createI18n(locale)));
  return instance;
}
