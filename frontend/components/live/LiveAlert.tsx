import type { LiveDaySnapshot } from '../../../shared/api/live';
import { liveStopTimes } from '../../../shared/domain/visitTimes';
import { useI18n } from '../../i18n/I18nProvider';
import type { Freshness } from '../../live/freshness';
import { currentStop } from '../../live/liveState';

/**
 * Says out loud (role="alert") when the truck runs late, leaves the planned route, or has sent no position for a
 * while on a running day. The element is always there (empty when all is well), so screen readers announce the
 * text when it appears. Lateness comes from the same timing function as the stop list (with the clock, so an
 * overdue truck counts as late even before the server hears of it).
 */
export function LiveAlert({
  snapshot,
  nowMinutes = null,
  freshness,
}: {
  snapshot: LiveDaySnapshot | null;
  nowMinutes?: number | null;
  freshness?: Freshness;
}) {
  const { t, tp } = useI18n();
  const next = snapshot ? currentStop(snapshot.stops) : null;
  const times = next ? liveStopTimes(next, nowMinutes) : null;
  const messages: string[] = [];
  if (times && times.lateMinutes > 0) {
    messages.push(
      t('live.alert.lateAt', {
        school: next!.schoolName,
        late: tp(times.atLeast ? 'live.lateAtLeast' : 'live.late', times.lateMinutes),
      }),
    );
  } else if (snapshot?.delayed) {
    messages.push(t('live.alert.late'));
  }
  if (freshness?.kind === 'stale') messages.push(t('live.alert.noPosition', { time: freshness.since }));
  if (freshness?.kind === 'none') messages.push(t('live.alert.noPositionYet'));
  if (snapshot?.offRoute) messages.push(t('live.alert.offRoute'));
  return (
    <div role="alert" className={messages.length > 0 ? 'live-alert' : 'live-alert-empty'}>
      {messages.map((m) => (
        <p key={m}>
          <span aria-hidden="true">⚠ </span>
          {m}
        </p>
      ))}
    </div>
  );
}
