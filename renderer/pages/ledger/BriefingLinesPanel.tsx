import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingLine, Subgroup } from '../../../shared/contract/index.ts';
import { CATEGORIES, UNIT_TYPES, type Role } from '../../../shared/domain.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, mayCall, useQuery } from '../../api.ts';
import { fmtNumber } from '../../widgets/format.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

/**
 * 通报条目: the command center's own sentences — which recipients, which goods, cumulative or
 * for the day, in its own wording — with today's figures; and the groups the depot adds under
 * the fixed categories and unit types (洗漱用品 under 生活保障, 驰援医疗队驻地酒店 under 隔离酒店).
 */
export function BriefingLinesPanel({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const lines = useQuery('briefing.lines', {});
  const briefing = useQuery('stats.briefing', {});
  const groups = useQuery('subgroups.list', {});
  const units = useQuery('units.list', { includeInactive: false });
  // On a depot joined to a command center the lines and subgroups are the center's: the forms are
  // shown disabled with the reason, instead of being refused only on save.
  const catalogue = useQuery('center.catalogue', {});
  const owned = catalogue.data?.ownedByCenter === true;
  const editable = mayCall('briefing.saveLine', role);
  const en = i18n.language === 'en';
  const figures = new Map((briefing.data?.lines ?? []).map((l) => [l.id, l]));
  const refresh = () => {
    lines.refresh();
    briefing.refresh();
    groups.refresh();
  };
  const groupName = (g: Subgroup) => (en ? g.nameEn : g.nameZh);

  return (
    <div className="briefing-lines">
      <section className="ledger-section">
        <h3>{t('linesPage.title')}</h3>
        <p className="soft">{t('linesPage.hint')}</p>
        <table className="stats-table lines-table" aria-label={t('linesPage.title')}>
          <thead>
            <tr>
              <th>{t('linesPage.sentence')}</th>
              <th>{t('linesPage.scope')}</th>
              <th>{t('linesPage.kinds')}</th>
              <th>{t('linesPage.pieces')}</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {(lines.data ?? []).map((line) => {
              const f = figures.get(line.id);
              return (
                <tr key={line.id}>
                  <td>{f ? (en ? f.en : f.zh) : en ? line.wordingEn : line.wordingZh}</td>
                  <td>{t(`linesPage.scopes.${line.scope}`)}</td>
                  <td className="num">{f ? fmtNumber(f.kinds) : ''}</td>
                  <td className="num">{f ? fmtNumber(f.pieces) : ''}</td>
                  {editable && (
                    <td>
                      <button type="button" disabled={owned} onClick={() => void command('briefing.deleteLine', { id: line.id }).then(refresh)}>
                        {t('linesPage.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
            {lines.data?.length === 0 && (
              <tr>
                <td colSpan={editable ? 5 : 4} className="soft">
                  {t('linesPage.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {editable && (
        <LineForm
          groups={groups.data ?? []}
          units={(units.data ?? []).map((u) => ({ id: u.id, name: `${u.code} ${u.name}` }))}
          groupName={groupName}
          onSaved={refresh}
          ownedBy={owned ? t('errors.catalogue_owned', { entity: t('entity.briefing_line') }) : null}
        />
      )}
      {mayCall('subgroups.save', role) && (
        <GroupForm
          groups={groups.data ?? []}
          groupName={groupName}
          onSaved={refresh}
          ownedBy={owned ? t('errors.catalogue_owned', { entity: `${t('entity.subcategory')}、${t('entity.subtype')}` }) : null}
        />
      )}
    </div>
  );
}

function Checks<T extends string>({ legend, options, chosen, onChange }: { legend: string; options: { value: T; label: string }[]; chosen: T[]; onChange: (v: T[]) => void }) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Why the form cannot be used here (the command center keeps these records), shown above it; null when it can. */
function OwnedNotice({ reason }: { reason: string | null }) {
  return reason ? (
    <p className="status-line refused" role="note">
      {reason}
    </p>
  ) : null;
}

function LineForm({
  groups,
  units,
  groupName,
  onSaved,
  ownedBy,
}: {
  groups: Subgroup[];
  units: { id: number; name: string }[];
  groupName: (g: Subgroup) => string;
  onSaved: () => void;
  ownedBy: string | null;
}) {
  const { t } = useTranslation();
  const [wordingZh, setWordingZh] = useState('');
  const [wordingEn, setWordingEn] = useState('');
  const [scope, setScope] = useState<BriefingLine['scope']>('cumulative');
  const [unitTypes, setUnitTypes] = useState<string[]>([]);
  const [unitSubtypes, setUnitSubtypes] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [subcategories, setSubcategories] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const answer = await command('briefing.saveLine', {
      scope,
      wordingZh,
      wordingEn,
      recipients: { unitTypes, unitSubtypes, unitIds: unitIds.map(Number) },
      goods: { categories, subcategories },
    } as never);
    if (!answer.ok) return setError(answer.error);
    setWordingZh('');
    setWordingEn('');
    onSaved();
  }

  return (
    <section className="ledger-section" aria-labelledby="line-form">
      <h3 id="line-form">{t('linesPage.add')}</h3>
      <OwnedNotice reason={ownedBy} />
      <form className="ledger-form lines-form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="plain-fieldset" disabled={ownedBy !== null}>
          <label className="wide">
            <span>{t('linesPage.wordingZh')}</span>
            <input value={wordingZh} placeholder={t('linesPage.wordingZhExample')} onChange={(e) => setWordingZh(e.target.value)} aria-invalid={error?.field === 'wordingZh' ? true : undefined} />
          </label>
          <label className="wide">
            <span>{t('linesPage.wordingEn')}</span>
            <input value={wordingEn} placeholder={t('linesPage.wordingEnExample')} onChange={(e) => setWordingEn(e.target.value)} aria-invalid={error?.field === 'wordingEn' ? true : undefined} />
          </label>
          <label>
            <span>{t('linesPage.scope')}</span>
            <select value={scope} onChange={(e) => setScope(e.target.value as BriefingLine['scope'])}>
              <option value="cumulative">{t('linesPage.scopes.cumulative')}</option>
              <option value="today">{t('linesPage.scopes.today')}</option>
            </select>
          </label>
          <Checks legend={t('linesPage.unitTypes')} options={UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }))} chosen={unitTypes} onChange={setUnitTypes} />
          <Checks
            legend={t('linesPage.unitSubtypes')}
            options={groups.filter((g) => g.kind === 'unit_type').map((g) => ({ value: g.code, label: groupName(g) }))}
            chosen={unitSubtypes}
            onChange={setUnitSubtypes}
          />
          <label>
            <span>{t('linesPage.units')}</span>
            <select multiple size={4} value={unitIds} onChange={(e) => setUnitIds([...e.target.selectedOptions].map((o) => o.value))}>
              {units.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <Checks legend={t('linesPage.categories')} options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} chosen={categories} onChange={setCategories} />
          <Checks
            legend={t('linesPage.subcategories')}
            options={groups.filter((g) => g.kind === 'category').map((g) => ({ value: g.code, label: groupName(g) }))}
            chosen={subcategories}
            onChange={setSubcategories}
          />
          <p className="soft wide">{t('linesPage.noneMeansAll')}</p>
          <SubmitRow label={t('linesPage.save')} error={error} />
        </fieldset>
      </form>
    </section>
  );
}

function GroupForm({ groups, groupName, onSaved, ownedBy }: { groups: Subgroup[]; groupName: (g: Subgroup) => string; onSaved: () => void; ownedBy: string | null }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Subgroup['kind']>('category');
  const [parent, setParent] = useState<string>(CATEGORIES[0]);
  const [code, setCode] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const parents = kind === 'category' ? CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })) : UNIT_TYPES.map((u) => ({ value: u, label: t(`unitType.${u}`) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const answer = await command('subgroups.save', { kind, parent, code, nameZh, nameEn } as never);
    if (!answer.ok) return setError(answer.error);
    setCode('');
    setNameZh('');
    setNameEn('');
    onSaved();
  }

  return (
    <section className="ledger-section" aria-labelledby="group-form">
      <h3 id="group-form">{t('linesPage.groups')}</h3>
      <p className="soft">{t('linesPage.groupsHint')}</p>
      <ul className="group-list">
        {groups.map((g) => (
          <li key={`${g.kind}:${g.code}`}>
            {groupName(g)}（{g.code}）· {t(g.kind === 'category' ? `category.${g.parent}` : `unitType.${g.parent}`)}
          </li>
        ))}
      </ul>
      <OwnedNotice reason={ownedBy} />
      <form className="ledger-form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="plain-fieldset" disabled={ownedBy !== null}>
          <label>
            <span>{t('linesPage.kind')}</span>
            <select
              value={kind}
              onChange={(e) => {
                const k = e.target.value as Subgroup['kind'];
                setKind(k);
                setParent(k === 'category' ? CATEGORIES[0] : UNIT_TYPES[0]);
              }}
            >
              <option value="category">{t('linesPage.kinds_.category')}</option>
              <option value="unit_type">{t('linesPage.kinds_.unit_type')}</option>
            </select>
          </label>
          <label>
            <span>{t('linesPage.parent')}</span>
            <select value={parent} onChange={(e) => setParent(e.target.value)}>
              {parents.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('linesPage.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} aria-invalid={error?.field === 'code' ? true : undefined} />
          </label>
          <label>
            <span>{t('linesPage.nameZh')}</span>
            <input value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
          </label>
          <label>
            <span>{t('linesPage.nameEn')}</span>
            <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          </label>
          <SubmitRow label={t('linesPage.addGroup')} error={error} />
        </fieldset>
      </form>
    </section>
  );
}

/** A form's submit button and, beside it, why the last try was refused. */
function SubmitRow({ label, error }: { label: string; error: AppError | null }) {
  return (
    <div className="ledger-actions">
      <button type="submit" className="primary">
        {label}
      </button>
      {error && <Refusal>{error.message}</Refusal>}
    </div>
  );
}
