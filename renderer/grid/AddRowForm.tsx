import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { command, type CommandInput } from '../api.ts';
import type { AppError } from '../../shared/errors.ts';
import { ENUMS, type FieldSpec, type GridRow, type PageSpec } from './spec.ts';
import { toWire } from './columns.ts';

const initial = (f: FieldSpec): string | boolean => (f.kind === 'boolean' ? f.field === 'active' || f.field === 'lotTracked' : f.kind === 'enum' ? ENUMS[f.enum!][0] : '');

/** A small form above the grid for a new row; the core validates and answers with the row. */
export function AddRowForm({ spec, onCreated, onCancel }: { spec: PageSpec; onCreated(row: GridRow): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const fields = spec.fields.filter((f) => f.create);
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.field, initial(f)])));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = values[f.field];
      // Optional fields left empty take the core's defaults.
      if (f.create === 'optional' && raw === '') continue;
      input[f.field] = toWire(f, raw);
    }
    setBusy(true);
    const result = await command(spec.create, input as CommandInput<typeof spec.create>);
    setBusy(false);
    if (result.ok) onCreated(result.data as unknown as GridRow);
    else setError(result.error);
  }

  return (
    <form className="add-form" onSubmit={(e) => void submit(e)} aria-label={t('grid.addTitle', { what: t(`nav.${spec.id}`) })}>
      <div className="add-fields">
        {fields.map((f) => {
          const inputId = `${id}-${f.field}`;
          const invalid = error?.field === f.field;
          const value = values[f.field];
          const set = (v: string | boolean) => setValues((old) => ({ ...old, [f.field]: v }));
          const common = { id: inputId, name: f.field, 'aria-invalid': invalid || undefined, className: invalid ? 'invalid' : undefined };
          return (
            <label key={f.field} htmlFor={inputId} className={f.kind === 'boolean' ? 'check' : undefined}>
              <span>
                {t(`field.${f.field}`)}
                {f.create === 'required' && <em aria-hidden="true"> *</em>}
              </span>
              {f.kind === 'enum' ? (
                <select {...common} value={String(value)} onChange={(e) => set(e.target.value)}>
                  {ENUMS[f.enum!].map((v) => (
                    <option key={v} value={v}>
                      {t(`${f.enum}.${v}`)}
                    </option>
                  ))}
                </select>
              ) : f.kind === 'boolean' ? (
                <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
              ) : (
                <input
                  {...common}
                  type={f.kind === 'password' ? 'password' : f.kind === 'date' ? 'date' : 'text'}
                  inputMode={f.kind === 'integer' ? 'numeric' : undefined}
                  autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
                  placeholder={f.kind === 'packs' ? t('grid.packsExample') : undefined}
                  list={f.suggestions ? `${inputId}-list` : undefined}
                  value={String(value)}
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {f.suggestions && (
                <datalist id={`${inputId}-list`}>
                  {f.suggestions.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              )}
            </label>
          );
        })}
      </div>
      <div className="add-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('action.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        {error && (
          <span className="status refused" role="alert">
            {error.message}
          </span>
        )}
      </div>
    </form>
  );
}
