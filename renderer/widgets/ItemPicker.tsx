import { useEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { SuppressKeyboardEventParams } from 'ag-grid-community';
import type { Item } from '../../shared/contract/index.ts';
import { matchItems } from '../../shared/search.ts';
import './widgets.css';

export { matchItems };

/**
 * The item of what was typed into an item cell: a code or barcode exactly, or the one item
 * whose name and spec contain the words. Several matches are refused with their codes, so the
 * storekeeper can type the one meant.
 */
export function itemFromText(items: readonly Item[], text: string): { item: Item } | { candidates: Item[] } {
  const t = text.trim();
  const exact = items.find((i) => i.code.toLowerCase() === t.toLowerCase() || (i.barcode !== null && i.barcode === t));
  if (exact) return { item: exact };
  const found = matchItems(items, t, 50);
  return found.length === 1 ? { item: found[0]! } : { candidates: found };
}

/** Arrow keys move in the suggestion list, not to the next row, while the item cell is being edited. */
export const keepArrowsInPicker = (p: SuppressKeyboardEventParams) => p.editing && (p.event.key === 'ArrowDown' || p.event.key === 'ArrowUp');

/**
 * Cell editor for an item: type a code, barcode or part of the name; the list offers matches
 * (arrows and Enter, or a click). The cell's value is the item's code.
 */
export function ItemPicker(props: CustomCellEditorProps<unknown, string> & { items: readonly Item[] }) {
  const { items, onValueChange, stopEditing, eventKey, initialValue } = props;
  const [text, setText] = useState(() => (eventKey && eventKey.length === 1 ? eventKey : (initialValue ?? '')));
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => matchItems(items, text), [items, text]);
  // What Enter commits: the highlighted suggestion's code, or the text as typed (the page says why it is no item).
  const choose = (list: readonly Item[], index: number, typed: string) => onValueChange(list[index]?.code ?? typed);
  const started = useRef({ text, matches });

  useEffect(() => {
    input.current?.focus();
    // A cell opened by typing starts with that character; the cursor goes after it.
    if (!(eventKey && eventKey.length === 1)) input.current?.select();
    else choose(started.current.matches, 0, started.current.text);
    // Once, when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="item-picker">
      <input
        ref={input}
        className="cell-input"
        value={text}
        aria-autocomplete="list"
        aria-controls="item-picker-list"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          choose(matchItems(items, e.target.value), 0, e.target.value);
        }}
        onKeyDown={(e) => {
          const next = e.key === 'ArrowDown' ? Math.min(active + 1, matches.length - 1) : e.key === 'ArrowUp' ? Math.max(active - 1, 0) : null;
          if (next === null) return;
          setActive(next);
          choose(matches, next, text);
        }}
      />
      {matches.length > 0 && (
        <ul id="item-picker-list" role="listbox" className="item-picker-list">
          {matches.map((m, i) => (
            <li
              key={m.id}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                setActive(i);
                choose(matches, i, text);
                // The value must be in place before the grid reads it.
                setTimeout(() => stopEditing(), 0);
              }}
            >
              <b>{m.code}</b> {m.name} <span className="soft">{m.spec}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
