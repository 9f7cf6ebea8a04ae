import type { LiveConnection, StreamRefusal } from '../../hooks/useLiveTruck';
import { useI18n } from '../../i18n/I18nProvider';
import type { Freshness } from '../../live/freshness';

/**
 * A small "live / reconnecting" line, announced politely when it changes. On a running day without a recent position
 * it says "geen positie sinds …" (or that none came yet) and is not green: the stream being open does not mean the
 * truck's whereabouts are known.
 */
export function ConnectionStatus({
  connection,
  lastUpdate,
  freshness,
  refused = null,
  ageMinutes = null,
}: {
  connection: LiveConnection;
  lastUpdate: string | null;
  freshness?: Freshness;
  /** The server's refusal of the stream (too many viewers, server away): said instead of "reconnecting". */
  refused?: StreamRefusal | null;
  /** How long ago the last position came in (positionAgeMinutes), said after its clock time. */
  ageMinutes?: number | null;
}) {
  const { t } = useI18n();
  if (refused && connection !== 'live') {
    const why =
      refused.code === 'rate_limited' || refused.code === 'server_busy'
        ? t(`live.refused.${refused.code}`)
        : t('live.refused.unavailable');
    const when = refused.retryAfterSeconds
      ? t('live.refused.retryIn', { seconds: refused.retryAfterSeconds })
      : t('live.refused.retrySoon');
    return (
      <p className="live-connection live-connection-reconnecting" role="status" data-refused={refused.status}>
        <span className="live-connection-dot" aria-hidden="true" />
        {why}; {when}.
      </p>
    );
  }
  const stale = freshness?.kind === 'stale' || freshness?.kind === 'none';
  const age =
    ageMinutes === null
      ? ''
      : ` (${
          ageMinutes < 1
            ? t('live.justNow')
            : ageMinutes < 60
              ? t('live.minutesAgo', { minutes: ageMinutes })
              : t('live.hoursAgo', { hours: Math.floor(ageMinutes / 60), minutes: ageMinutes % 60 })
        })`;
  const position =
    freshness?.kind === 'stale'
      ? t('live.noPositionSince', { time: freshness.since }) + age
      : freshness?.kind === 'none'
        ? t('live.noPositionYet')
        : lastUpdate
          ? t('live.lastUpdate', { time: lastUpdate }) + age
          : null;
  const kind = connection === 'live' && stale ? 'stale' : connection;
  return (
    <p
      className={`live-connection live-connection-${kind}`}
      role="status"
      data-freshness={freshness?.kind ?? 'unknown'}
    >
      <span className="live-connection-dot" aria-hidden="true" />
      {t(`live.connection.${connection}`)}
      {position ? ` · ${position}` : ''}
    </p>
  );
}
