import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item } from '../../shared/contract/index.ts';
import { matchItems } from './ItemPicker.tsx';
import './widgets.css';

/**
 * An item chosen by typing, as a Chinese depot searches (code, barcode, name, spec, pinyin
 * initials): a box with the first matches under it, instead of a dropdown of 2,000 items.
 * Arrows and Enter or a click choose; emptying the box chooses none.
 */
export function ItemSearch({ id, label, items, value, onChange, placeholder }: { id: string; label: string; items: readonly Item[]; value: number | ''; onChange(id: number | ''): void; placeholder: string }) {
  const { t } = useTranslation();
  const chosen = items.find((i) => i.id === value);
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = text ?? (chosen ? `${chosen.code} ${chosen.name}` : '');
  const matches = useMemo(() => (text === null ? [] : matchItems(items, text, 10)), [items, text]);
  const choose = (item: Item) => {
    onChange(item.id);
    setText(null);
  };
  return (
    <div className="item-search">
      <input
        id={id}
        role="combobox"
        aria-label={label}
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        value={shown}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          if (e.target.value.trim() === '') onChange('');
        }}
        onBlur={(e) => {
          // A click on a match blurs first; a focus that comes straight back (a dialog opening over the
          // page hands it round) keeps what was typed.
          const input = e.currentTarget;
          setTimeout(() => document.activeElement !== input && setText(null), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && matches[active]) {
            e.preventDefault();
            choose(matches[active]);
          } else if (e.key === 'Escape') setText(null);
        }}
      />
      {text !== null && text.trim() !== '' && (
        <ul id={listId} role="listbox" className="item-picker-list item-search-list">
          {matches.length === 0 && <li className="soft">{t('itemSearch.none')}</li>}
          {matches.map((m, i) => (
            <li key={m.id} role="option" aria-selected={i === active} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(m)}>
              <b>{m.code}</b> {m.name} <span className="soft">{m.spec}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
