import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocHit } from '../../shared/contract/index.ts';
import { invoke } from '../api.ts';
import { localDay } from '../widgets/format.ts';

/** The words for a document's kind and status, from the pages that show them. */
const ENTITY: Record<DocHit['kind'], string> = {
  receipt: 'receipt',
  dispatch: 'dispatch',
  stocktake: 'stocktake',
  writeOff: 'write_off',
  recall: 'recall',
  purchaseOrder: 'purchase_order',
  pledge: 'pledge',
};
const STATUS: Record<DocHit['kind'], string> = {
  receipt: 'receiptStatus',
  dispatch: 'dispatchStatus',
  stocktake: 'stocktake.status',
  writeOff: 'receiptStatus',
  recall: 'tracePage.recallStatus',
  purchaseOrder: 'supply.poStatus',
  pledge: '',
};

/**
 * 单号搜索 in the top bar (Ctrl+K): any part of a number finds the document, Enter or a click
 * opens it on its page; with nothing typed it lists the operator's recent documents.
 */
export function DocSearch({ onOpen }: { onOpen(hit: DocHit): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<DocHit[] | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // What is typed is looked up as it is typed; an older answer arriving late never replaces a newer one.
  useEffect(() => {
    if (!open) return;
    const n = ++asked.current;
    const timer = setTimeout(
      () =>
        void (text.trim() === '' ? invoke('docs.recent', {}) : invoke('docs.find', { text })).then((answer) => {
          if (n !== asked.current) return;
          setHits(answer.ok ? answer.data : []);
          setActive(0);
        }),
      text.trim() === '' ? 0 : 150,
    );
    return () => clearTimeout(timer);
  }, [text, open]);

  function choose(hit: DocHit | undefined) {
    if (!hit) return;
    setOpen(false);
    setText('');
    input.current?.blur();
    onOpen(hit);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const count = hits?.length ?? 0;
    if (e.key === 'ArrowDown' && count > 0) setActive((a) => (a + 1) % count);
    else if (e.key === 'ArrowUp' && count > 0) setActive((a) => (a - 1 + count) % count);
    else if (e.key === 'Enter') choose(hits?.[active]);
    else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    } else return;
    e.preventDefault();
  }

  const recent = text.trim() === '';
  const heading = hits === null ? '' : recent ? (hits.length ? t('docSearch.recent') : t('docSearch.noRecent')) : hits.length ? t('docSearch.found', { count: hits.length }) : t('docSearch.none', { text: text.trim() });
  return (
    <div className="doc-search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls="doc-search-list"
        aria-label={t('docSearch.label')}
        placeholder={t('docSearch.placeholder')}
        aria-keyshortcuts="Control+K"
        value={text}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => setOpen(true)}
        // A click on a hit lands before the field loses its list.
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && hits !== null && (
        <div className="doc-search-pop">
          <div className="doc-search-head" role="status">
            {heading}
          </div>
          <ul id="doc-search-list" role="listbox" aria-label={heading}>
            {hits.map((h, i) => (
              <li key={`${h.kind}-${h.id}`} role="option" aria-selected={i === active} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(h)} onMouseEnter={() => setActive(i)}>
                <span className="doc-kind">{t(`entity.${ENTITY[h.kind]}`)}</span>
                <b>{h.no ?? t('docSearch.draft')}</b>
                {h.status && STATUS[h.kind] && <span className="doc-status">{t(`${STATUS[h.kind]}.${h.status}`)}</span>}
                <span className="doc-party">{h.party}</span>
                <span className="doc-at">{localDay(new Date(h.at))}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
