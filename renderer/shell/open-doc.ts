import { useEffect, useRef } from 'react';
import type { DocKind } from '../../shared/contract/index.ts';

/** The page each kind of document opens on (its hash route). */
export const PAGE_OF_DOC: Record<DocKind, string> = {
  receipt: 'receipts',
  dispatch: 'dispatch',
  stocktake: 'stocktakes',
  writeOff: 'writeOffs',
  recall: 'trace',
  purchaseOrder: 'purchasing',
  pledge: 'donations',
};

/** A document asked for (单号搜索, 最近单据) that its page has not opened yet. */
let asked: { kind: DocKind; id: number } | null = null;
const OPEN = 'depot-open-document';

/** Goes to the document's page and has the page open it, whether that page is showing already or not. */
export function openDocument(kind: DocKind, id: number): void {
  asked = { kind, id };
  location.hash = `#/${PAGE_OF_DOC[kind]}`;
  window.dispatchEvent(new Event(OPEN));
}

/** In a page: opens a document of this kind when one is asked for (at mount too: the page may just have been opened for it). */
export function useOpenDocument(kind: DocKind, open: (id: number) => void): void {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const take = () => {
      if (asked?.kind !== kind) return;
      const { id } = asked;
      asked = null;
      latest.current(id);
    };
    take();
    window.addEventListener(OPEN, take);
    return () => window.removeEventListener(OPEN, take);
  }, [kind]);
}
