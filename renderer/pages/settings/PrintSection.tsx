import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_PAPERS, LABEL_SIZES, SLIP_COPIES, type DocPaper, type LabelSize, type SlipCopy } from '../../../shared/contract/documents.ts';
import { RAW_LANGUAGES, type LabelPrintSettings, type PrintSettings, type PrinterInfo, type RawLabelPrinter, type RawLanguage, type SheetPrintSettings, type SlipPrintSettings } from '../../../shared/contract/print.ts';
import { command, invoke } from '../../api.ts';
import { SaveBar, typedNumber, useSave } from './SaveBar.tsx';
import { Refusal } from '../../widgets/Refusal.tsx';

type Kind = keyof PrintSettings;
const KINDS: readonly Kind[] = ['slip', 'receipt', 'label'];
const SIDES = ['top', 'right', 'bottom', 'left'] as const;
type Side = (typeof SIDES)[number];
/** What a custom margin starts at when the paper's own is replaced. */
const MARGIN_START = '10';

/** One kind's settings as typed: numbers stay text until the core has read them. */
interface Draft {
  paper: DocPaper;
  size: LabelSize;
  parts: SlipCopy[];
  printer: string;
  silent: boolean;
  copies: string;
  custom: boolean;
  margins: Record<Side, string>;
  /** The network label printer spoken to in TSPL or ZPL; no address: none. */
  raw: { host: string; port: string; language: RawLanguage; dpi: '203' | '300'; font: string };
}

function draftOf(kind: Kind, s: PrintSettings): Draft {
  const sheet: SheetPrintSettings | null = kind === 'label' ? null : s[kind];
  const margins = sheet?.margins;
  return {
    paper: sheet?.paper ?? 'A4',
    size: s.label.size,
    parts: kind === 'slip' ? s.slip.parts : [],
    printer: s[kind].printer ?? '',
    silent: s[kind].silent,
    copies: String(s[kind].copies),
    custom: margins != null,
    margins: {
      top: String(margins?.top ?? MARGIN_START),
      right: String(margins?.right ?? MARGIN_START),
      bottom: String(margins?.bottom ?? MARGIN_START),
      left: String(margins?.left ?? MARGIN_START),
    },
    raw: {
      host: s.label.raw?.host ?? '',
      port: String(s.label.raw?.port ?? 9100),
      language: s.label.raw?.language ?? 'tspl',
      dpi: s.label.raw?.dpi === 300 ? '300' : '203',
      font: s.label.raw?.font ?? '',
    },
  };
}

/** 打印: paper, printer, silent printing, copies and margins for slips, receipts and labels. */
export function PrintSection() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<PrintSettings | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    void invoke('print.settings.get', {}).then((r) => (r.ok ? setSettings(r.data) : setLoadError(r.error.message)));
    void invoke('print.printers', {}).then((r) => r.ok && setPrinters(r.data));
  }, []);

  return (
    <section className="settings-section" aria-labelledby="settings-print">
      <h3 id="settings-print">{t('settings.print.title')}</h3>
      {loadError && <Refusal as="p">{t('settings.loadFailed', { message: loadError })}</Refusal>}
      {settings && (
        <div className="settings-kinds">
          {KINDS.map((kind) => (
            <KindForm key={kind} kind={kind} settings={settings} printers={printers} onSaved={setSettings} />
          ))}
        </div>
      )}
    </section>
  );
}

function KindForm({ kind, settings, printers, onSaved }: { kind: Kind; settings: PrintSettings; printers: PrinterInfo[]; onSaved(s: PrintSettings): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(kind, settings));
  const saving = useSave();
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const id = `print-${kind}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    const printer = draft.printer.trim() || null;
    const copies = typedNumber(draft.copies);
    const margins = draft.custom ? { top: typedNumber(draft.margins.top), right: typedNumber(draft.margins.right), bottom: typedNumber(draft.margins.bottom), left: typedNumber(draft.margins.left) } : null;
    const sheet = { paper: draft.paper, margins, printer, silent: draft.silent, copies };
    const input =
      kind === 'slip' ? { slip: { ...sheet, parts: draft.parts } satisfies SlipPrintSettings }
      : kind === 'receipt' ? { receipt: sheet satisfies SheetPrintSettings }
      : { label: { size: draft.size, printer, silent: draft.silent, copies, raw: rawOf(draft.raw) } satisfies LabelPrintSettings };
    void saving.save(
      () => command('print.settings.set', input),
      (saved) => {
        onSaved(saved);
        setDraft(draftOf(kind, saved));
      },
    );
  }

  const known = printers.some((p) => p.name === draft.printer);
  // The core names the kind, not the field within it: the whole card is marked.
  const refused = saving.invalid(kind) ? ' refused' : '';
  return (
    <form className={`settings-kind${refused}`} noValidate onSubmit={submit} aria-labelledby={id}>
      <h4 id={id}>{t(`settings.print.kind.${kind}`)}</h4>
      {kind === 'label' ? (
        <label className="settings-field">
          <span>{t('settings.print.size')}</span>
          <select value={draft.size} onChange={(e) => change({ size: LABEL_SIZES.find((s) => s === e.target.value) ?? draft.size })}>
            {LABEL_SIZES.map((s) => (
              <option key={s} value={s}>
                {t(`settings.print.sizeName.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="settings-field">
          <span>{t('settings.print.paper')}</span>
          <select value={draft.paper} onChange={(e) => change({ paper: DOC_PAPERS.find((p) => p === e.target.value) ?? draft.paper })}>
            {DOC_PAPERS.map((p) => (
              <option key={p} value={p}>
                {t(`settings.print.paperName.${p}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'slip' && (
        <fieldset className="settings-parts">
          <legend>{t('settings.print.parts')}</legend>
          {SLIP_COPIES.map((part) => (
            <label key={part} className="check">
              <input
                type="checkbox"
                checked={draft.parts.includes(part)}
                // Kept in the printed order (存根, 随货, 回执) whatever order they are ticked in.
                onChange={(e) => change({ parts: SLIP_COPIES.filter((p) => (p === part ? e.target.checked : draft.parts.includes(p))) })}
              />
              {t(`settings.print.part.${part}`)}
            </label>
          ))}
        </fieldset>
      )}
      <label className="settings-field">
        <span>{t('settings.print.printer')}</span>
        {printers.length > 0 ? (
          <select value={draft.printer} onChange={(e) => change({ printer: e.target.value })}>
            <option value="">{t('settings.print.defaultPrinter')}</option>
            {!known && draft.printer && <option value={draft.printer}>{draft.printer}</option>}
            {printers.map((p) => (
              <option key={p.name} value={p.name}>
                {p.isDefault ? t('settings.print.isDefault', { name: p.name }) : p.name}
              </option>
            ))}
          </select>
        ) : (
          <>
            <input value={draft.printer} placeholder={t('settings.print.defaultPrinter')} onChange={(e) => change({ printer: e.target.value })} />
            <small>{t('settings.print.printerHint')}</small>
          </>
        )}
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.silent} onChange={(e) => change({ silent: e.target.checked })} />
        {t('settings.print.silent')}
      </label>
      <label className="settings-field narrow">
        <span>{t('settings.print.copies')}</span>
        <input type="number" min={1} max={20} value={draft.copies} onChange={(e) => change({ copies: e.target.value })} />
      </label>
      {kind !== 'label' && (
        <fieldset className="settings-margins">
          <legend>
            <label className="check">
              <input type="checkbox" checked={draft.custom} onChange={(e) => change({ custom: e.target.checked })} />
              {t('settings.print.customMargins')}
            </label>
          </legend>
          {SIDES.map((side) => (
            <label key={side} className="settings-field narrow">
              <span>{t(`settings.print.margin.${side}`)}</span>
              <input
                type="number"
                min={0}
                max={40}
                disabled={!draft.custom}
                value={draft.margins[side]}
                onChange={(e) => change({ margins: { ...draft.margins, [side]: e.target.value } })}
              />
            </label>
          ))}
        </fieldset>
      )}
      {kind === 'label' && (
        <fieldset className="settings-raw">
          <legend>{t('settings.print.raw.title')}</legend>
          <label className="settings-field">
            <span>{t('settings.print.raw.host')}</span>
            <input value={draft.raw.host} placeholder={t('settings.print.raw.hostHint')} onChange={(e) => change({ raw: { ...draft.raw, host: e.target.value } })} />
          </label>
          <label className="settings-field narrow">
            <span>{t('settings.print.raw.port')}</span>
            <input type="number" min={1} max={65535} value={draft.raw.port} onChange={(e) => change({ raw: { ...draft.raw, port: e.target.value } })} />
          </label>
          <label className="settings-field narrow">
            <span>{t('settings.print.raw.language')}</span>
            <select value={draft.raw.language} onChange={(e) => change({ raw: { ...draft.raw, language: RAW_LANGUAGES.find((l) => l === e.target.value) ?? 'tspl' } })}>
              {RAW_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label className="settings-field narrow">
            <span>{t('settings.print.raw.dpi')}</span>
            <select value={draft.raw.dpi} onChange={(e) => change({ raw: { ...draft.raw, dpi: e.target.value === '300' ? '300' : '203' } })}>
              <option value="203">203 dpi</option>
              <option value="300">300 dpi</option>
            </select>
          </label>
          <label className="settings-field">
            <span>{t('settings.print.raw.font')}</span>
            <input
              value={draft.raw.font}
              placeholder={t(`settings.print.raw.fontDefault.${draft.raw.language}`)}
              onChange={(e) => change({ raw: { ...draft.raw, font: e.target.value } })}
            />
          </label>
        </fieldset>
      )}
      <SaveBar busy={saving.busy} outcome={saving.outcome} />
    </form>
  );
}

/** The network label printer as the core keeps it; no address: none. The font unset is the printer's own default. */
function rawOf(raw: Draft['raw']): RawLabelPrinter | null {
  const host = raw.host.trim();
  if (!host) return null;
  const font = raw.font.trim();
  return { host, port: typedNumber(raw.port), language: raw.language, dpi: raw.dpi === '300' ? 300 : 203, font: font || null };
}
