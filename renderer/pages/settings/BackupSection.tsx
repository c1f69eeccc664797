import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke, useQuery } from '../../api.ts';
import { ConfirmDialog } from '../../widgets/Dialog.tsx';
import { localTime } from '../../widgets/format.ts';
import { fileSize } from '../ledger/common.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

/**
 * 备份与恢复: the depot's automatic backups, newest first, and the restore of one of them — checked,
 * the data as it is now backed up first, put back as the app starts again.
 */
export function BackupSection() {
  const { t } = useTranslation();
  const list = useQuery('backups.list', {});
  const [asking, setAsking] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; safety: string } | null>(null);

  return (
    <section className="settings-section backup-section" aria-labelledby="settings-backups">
      <h3 id="settings-backups">{t('settings.backups.title')}</h3>
      {list.error && <Refusal as="p">{t('settings.loadFailed', { message: list.error.message })}</Refusal>}
      {list.data && <p className="soft">{t('settings.backups.policy', { folder: list.data.folder, keep: list.data.keep, hours: list.data.everyHours })}</p>}
      {done ? (
        <p className="status-line saved" role="status">
          {t('settings.backups.staged', { name: done.name, safety: done.safety })}
        </p>
      ) : list.data && list.data.backups.length === 0 ? (
        <p className="soft">{t('settings.backups.none')}</p>
      ) : (
        <table className="backup-list">
          <thead>
            <tr>
              <th>{t('settings.backups.takenAt')}</th>
              <th>{t('settings.backups.file')}</th>
              <th>{t('settings.backups.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(list.data?.backups ?? []).map((b) => (
              <tr key={b.name}>
                <td>{localTime(b.at)}</td>
                <td className="mono">{b.name}</td>
                <td className="num">{fileSize(b.bytes)}</td>
                <td>
                  <button type="button" className="small" onClick={() => setAsking(b.name)}>
                    {t('settings.backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <ConfirmDialog
          title={t('settings.backups.confirmTitle')}
          text={t('settings.backups.confirmText', { name: asking, at: localTime(list.data?.backups.find((b) => b.name === asking)?.at) })}
          confirm={t('settings.backups.confirm')}
          onConfirm={async () => {
            const answer = await invoke('backups.restore', { name: asking });
            if (!answer.ok) return answer.error;
            setAsking(null);
            setDone(answer.data);
            return null;
          }}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}
