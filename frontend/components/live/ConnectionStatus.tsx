import type { LiveConnection } from '../../hooks/useLiveTruck';
import { useI18n } from '../../i18n/I18nProvider';

/** A small "live / reconnecting" line, announced politely when it changes. */
export function ConnectionStatus({ connection, lastUpdate }: { connection: LiveConnection; lastUpdate: string | null }) {
  const { t } = useI18n();
  return (
    <p className={`live-connection live-connection-${connection}`} role="status">
      <span className="live-connection-dot" aria-hidden="true" />
      {t(`live.connection.${connection}`)}
      {lastUpdate ? ` · ${t('live.lastUpdate', { time: lastUpdate })}` : ''}
    </p>
  );
}
