import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorInfo, SessionState } from '../../shared/contract/index.ts';
import { invoke, mayCall, onServerLink, useQuery } from '../api.ts';
import { useIdleLock } from './idle-lock.ts';
import { pages as allPages } from '../pages/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { ConfirmDialog } from '../widgets/Dialog.tsx';
import { forgetUnsavedWork, unsavedWork } from '../widgets/leave-guard.ts';
import { DocSearch } from './DocSearch.tsx';
import { useCtrlEnterSaves } from './ctrl-enter.ts';
import { forgetJobs } from '../widgets/job.tsx';
import { openDocument, PAGE_OF_DOC } from './open-doc.ts';
import type { DocHit } from '../../shared/contract/index.ts';

const pageFromHash = () => location.hash.replace(/^#\/?/, '');

/** The desk: top bar, navigation of the pages this operator may open, the open page. */
export function Shell({ state, operator, onState, onIdleLock }: { state: SessionState; operator: OperatorInfo; onState(state: SessionState): void; onIdleLock(state: SessionState): void }) {
  const { t } = useTranslation();
  // Only pages the operator may list appear: no page that would answer "forbidden".
  const pages = allPages.filter((p) => mayCall(p.opens, operator.role));
  const [hash, setHash] = useState(pageFromHash);
  useEffect(() => {
    const onHash = () => setHash(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const page = pages.find((p) => p.id === hash) ?? pages[0]!;
  // In a browser on the depot server: say at once when the link is lost (calls wait and are re-sent).
  const [linkDown, setLinkDown] = useState(false);
  useEffect(() => onServerLink((up) => setLinkDown(!up)), []);
  // A page with unsaved work asks before it is left: { what is unsaved, where to go }.
  const [leaving, setLeaving] = useState<{ what: string; to: string; doc?: DocHit } | null>(null);

  // A document found by its number opens on its page, the leave guard asking first as a click would.
  function openHit(hit: DocHit) {
    const what = unsavedWork();
    if (what !== null) setLeaving({ what, to: PAGE_OF_DOC[hit.kind], doc: hit });
    else openDocument(hit.kind, hit.id);
  }

  async function signOut() {
    forgetJobs();
    const result = await invoke('auth.signOut', {});
    if (result.ok) onState(result.data);
  }

  useCtrlEnterSaves();

  // Keyboard first: Alt+1 … Alt+9 open the first nine pages of the menu (shown beside each), the
  // leave guard asking as a click would.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^Digit[1-9]$/.test(e.code)) return;
      const to = pages[Number(e.code.slice(5)) - 1];
      if (!to) return;
      e.preventDefault();
      const what = unsavedWork();
      if (what !== null && to.id !== page.id) setLeaving({ what, to: to.id });
      else location.hash = `#/${to.id}`;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, page.id]);

  // Nobody at the desk for the depot's idle time (a setting): signed out, on the server too.
  const idleLock = useQuery('auth.idleLock', {});
  useIdleLock(idleLock.data?.minutes ?? 0, () => {
    forgetUnsavedWork();
    forgetJobs();
    // Locked at once, even when the server does not answer (its link down): the sign-out follows,
    // and waits for the link if need be.
    onIdleLock({ ...state, operator: null });
    void invoke('auth.signOut', {});
  });

  return (
    <div className="shell" data-locale={state.locale}>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        {/* The command center's staff find no depot documents: they read the city's views only. */}
        {mayCall('docs.find', operator.role) && <DocSearch onOpen={openHit} />}
        <span className="spacer" />
        {linkDown && (
          <span className="link-down" role="alert">
            {t('app.linkDown')}
          </span>
        )}
        <UpdateBanner />
        <span className="operator">{t('auth.signedInAs', { name: operator.name, role: t(`role.${operator.role}`) })}</span>
        <LanguageSwitch onState={onState} />
        <button type="button" onClick={() => void signOut()}>
          {t('action.signOut')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        {pages.map((p, i) => (
          <a
            key={p.id}
            href={`#/${p.id}`}
            aria-current={p.id === page.id ? 'page' : undefined}
            aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
            title={i < 9 ? `Alt+${i + 1}` : undefined}
            onClick={(e) => {
              const what = unsavedWork();
              if (what === null || p.id === page.id) return;
              e.preventDefault();
              setLeaving({ what, to: p.id });
            }}
          >
            {t(`nav.${p.id}`)}
            {i < 9 && (
              <kbd className="nav-key" aria-hidden="true">
                {i + 1}
              </kbd>
            )}
          </a>
        ))}
      </nav>
      <main className="content" data-stale={linkDown || undefined}>
        {linkDown && (
          <p className="stale-note" role="note">
            {t('app.stale')}
          </p>
        )}
        {page.render(operator.role)}
      </main>
      {leaving && (
        <ConfirmDialog
          title={t('leave.title')}
          text={t('leave.text', { what: leaving.what })}
          confirm={t('leave.confirm')}
          onConfirm={async () => {
            forgetUnsavedWork();
            if (leaving.doc) openDocument(leaving.doc.kind, leaving.doc.id);
            else location.hash = `#/${leaving.to}`;
            setLeaving(null);
            return null;
          }}
          onClose={() => setLeaving(null)}
        />
      )}
    </div>
  );
}
