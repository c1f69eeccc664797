import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events, UpdateStatus } from '../../shared/contract/index.ts';
import { invoke, onEvent } from '../api.ts';
import './update-banner.css';

type View = Pick<UpdateStatus, 'state' | 'version' | 'releaseNotes' | 'percent' | 'installRequested' | 'error'>;
type Progress = Events['update.progress'];
interface Note {
  kind: 'error' | 'info';
  text: string;
}

const QUIET: View = { state: 'off', version: null, releaseNotes: null, percent: null, installRequested: false, error: null };
/** How often a download (or a requested install) is looked at: the core sends no event when one fails. */
const POLL_MS = 2000;

const toView = (s: UpdateStatus): View => ({ state: s.state, version: s.version, releaseNotes: s.releaseNotes, percent: s.percent, installRequested: s.installRequested, error: s.error });

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * A quiet line in the top bar while a new version is on the intranet server: found (with its
 * notes) → downloading (progress) → downloaded (restart now, or later). Nothing shows while
 * this desk is up to date or updates are off; a failed background check is for the admin's
 * settings page, not for every operator's top bar.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(QUIET);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [later, setLater] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // Events counted: news that arrives while a call is answered is fresher than the answer.
  const heard = useRef(0);

  useEffect(() => {
    let live = true;
    void invoke('update.status', {}).then((r) => {
      if (!live || heard.current > 0) return;
      if (r.ok) setView(toView(r.data));
      else setNote({ kind: 'error', text: r.error.message });
    });
    const news = () => {
      heard.current++;
      setLater(false);
      setNote(null);
    };
    const offs = [
      onEvent('update.available', (p) => {
        news();
        setProgress(null);
        setView((v) => ({ ...v, state: 'available', version: p.version, releaseNotes: p.releaseNotes, percent: null, error: null }));
      }),
      onEvent('update.progress', (p) => {
        heard.current++;
        setNote(null);
        setProgress(p);
        setView((v) => ({ ...v, state: 'downloading', percent: p.percent, error: null }));
      }),
      onEvent('update.downloaded', (p) => {
        news();
        setProgress(null);
        setView((v) => ({ ...v, state: 'downloaded', version: p.version, percent: 100, error: null }));
      }),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);

  const watching = view.state === 'downloading' || view.installRequested;
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      void invoke('update.status', {}).then((r) => {
        // Only what no event tells: a failure, or the end of a download whose event was missed.
        if (r.ok && (r.data.state === 'error' || r.data.state === 'downloaded')) setView(toView(r.data));
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [watching]);

  async function act(channel: 'update.download' | 'update.install') {
    setBusy(true);
    setNote(null);
    const before = heard.current;
    const r = await invoke(channel, {});
    setBusy(false);
    if (!r.ok) return setNote({ kind: 'error', text: r.error.message });
    // A quick download may have finished (its events arrived) before its answer did.
    if (heard.current !== before && !r.data.installRequested) return;
    // 'off': no updater on this desk (not the installed app); say so rather than look busy.
    if (r.data.state === 'off') return setNote({ kind: 'info', text: t(channel === 'update.download' ? 'update.banner.offDownload' : 'update.banner.offInstall') });
    if (channel === 'update.download') setProgress(null);
    setView(toView(r.data));
  }

  const version = view.version ?? '';
  const failed = view.state === 'error' && view.version !== null;
  const actionable = view.state === 'available' || view.state === 'downloaded';
  if (!actionable && !failed && view.state !== 'downloading' && !view.installRequested && !note) return null;

  if (later && actionable && !note) {
    return (
      <div className="update-banner compact" role="region" aria-label={t('update.banner.label')}>
        <button type="button" className="update-chip" onClick={() => setLater(false)}>
          {view.state === 'downloaded' ? t('update.banner.pending') : t('update.banner.available', { version })}
        </button>
      </div>
    );
  }

  const notes = view.releaseNotes?.trim() ?? '';
  const percent = view.percent ?? 0;
  let body;
  if (view.installRequested) {
    body = <span className="update-text">{t('update.installWaiting')}</span>;
  } else if (view.state === 'available') {
    body = (
      <>
        <span className="update-text">{t('update.banner.available', { version })}</span>
        {notes && (
          <span className="update-notes-line" title={notes}>
            {notes.split('\n')[0]}
          </span>
        )}
        <button type="button" className="update-link" aria-expanded={notesOpen} onClick={() => setNotesOpen((o) => !o)}>
          {t('update.banner.notes')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void act('update.download')}>
          {t('update.banner.download')}
        </button>
        <button type="button" onClick={() => setLater(true)}>
          {t('update.banner.later')}
        </button>
      </>
    );
  } else if (view.state === 'downloading') {
    body = (
      <>
        <span className="update-text">{t('update.banner.downloading', { version })}</span>
        <progress className="update-progress" max={100} value={percent} aria-label={t('update.banner.progress')} />
        <span className="update-figures">
          {[`${Math.floor(percent)}%`, progress && `${megabytes(progress.transferred)} / ${megabytes(progress.total)}`, progress && `${megabytes(progress.bytesPerSecond)}/s`]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </>
    );
  } else if (view.state === 'downloaded') {
    body = (
      <>
        <span className="update-text">{t('update.banner.downloaded', { version })}</span>
        <button type="button" className="primary" disabled={busy} onClick={() => void act('update.install')}>
          {t('update.banner.installNow')}
        </button>
        <button type="button" onClick={() => setLater(true)}>
          {t('update.banner.later')}
        </button>
      </>
    );
  } else if (failed) {
    body = (
      <>
        <span className="update-text bad" title={updateErrorText(t, view.error)}>
          {t('update.banner.failed', { error: updateErrorText(t, view.error) })}
        </span>
        <button type="button" disabled={busy} onClick={() => void act('update.download')}>
          {t('update.banner.retry')}
        </button>
      </>
    );
  }

  return (
    <div className="update-banner" role="region" aria-label={t('update.banner.label')}>
      <span className="update-dot" aria-hidden="true" />
      {body}
      {note && (
        <span className={`update-note ${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text}
        </span>
      )}
      {(note || failed) && (
        <button
          type="button"
          onClick={() => {
            setNote(null);
            if (failed) setView(QUIET);
          }}
        >
          {t('update.banner.close')}
        </button>
      )}
      {notesOpen && view.state === 'available' && (
        <div className="update-notes" role="note" aria-label={t('update.banner.notes')}>
          {notes || t('update.banner.noNotes')}
        </div>
      )}
    </div>
  );
}

/** An update error in words: a feed the app does not believe is named by its code (feed-signature.ts); others as the updater said them. */
export function updateErrorText(t: TFunction, error: string | null): string {
  return error && /^feed_[a-z]+$/.test(error) ? t(`update.feedProblem.${error}`) : (error ?? '');
}
