import type { LiveStopDto } from '../../../shared/api/live';
import { liveStopTimes, type VisitTimes } from '../../../shared/domain/visitTimes';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * A stop's times in two lines, from the one timing function (shared/domain/visitTimes): arrival planned and
 * expected, and the session planned and expected with how late it starts. Arrival is compared with arrival and
 * session start with session start; an overdue truck reads "at least N minutes later", never "on time".
 * An expected time equal to the planned one is not repeated. Lines are block spans, so they fit inside a label
 * (the crew's stop choice). `nowMinutes`: the clock on the stop's day (null: another day or the replay, where the
 * clock does not apply).
 */
export function StopTimes({
  stop,
  nowMinutes,
  showExpected = true,
  times: given,
}: {
  stop: LiveStopDto;
  nowMinutes: number | null;
  showExpected?: boolean;
  times?: VisitTimes | null;
}) {
  const { t, tp } = useI18n();
  // `times` from liveDayTimes when the whole day is at hand (a delay before this stop carries over).
  const times = showExpected ? (given === undefined ? liveStopTimes(stop, nowMinutes) : given) : null;
  const session = { start: stop.plannedStart, end: stop.plannedEnd };
  if (!times) {
    return (
      <span className="live-line live-stop-times">
        {t('live.time.arrive', { planned: stop.plannedArrive })} · {t('live.time.session', session)}
      </span>
    );
  }
  const arrival =
    times.basis === 'arrived' || times.basis === 'started'
      ? t('live.time.arrived', { planned: stop.plannedArrive })
      : times.basis === 'overdue'
        ? t('live.time.arriveOverdue', { planned: stop.plannedArrive })
        : times.basis === 'eta' && times.expectedArrive !== stop.plannedArrive
          ? t('live.time.arriveExpected', { planned: stop.plannedArrive, expected: times.expectedArrive! })
          : t('live.time.arrive', { planned: stop.plannedArrive });
  const sessionText =
    times.basis === 'started'
      ? t('live.time.sessionStarted', { ...session, expected: times.expectedStart })
      : times.basis === 'planned' || (times.basis === 'eta' && times.expectedStart === stop.plannedStart)
        ? t('live.time.session', session)
        : times.atLeast
          ? t('live.time.sessionAtLeast', { ...session, expected: times.expectedStart })
          : t('live.time.sessionExpected', { ...session, expected: times.expectedStart });
  const lateText =
    times.lateMinutes > 0 ? tp(times.atLeast ? 'live.lateAtLeast' : 'live.late', times.lateMinutes) : null;
  return (
    <>
      <span className={`live-line live-stop-times${stop.eta ? ' live-stop-eta' : ''}`} data-eta={stop.eta ?? undefined}>
        {arrival}
      </span>
      <span
        className="live-line live-stop-session"
        data-late={times.lateMinutes}
        data-expected-start={times.expectedStart}
      >
        {sessionText}
        {times.basis === 'planned' ? null : lateText ? (
          <>
            {' '}
            <strong className="live-late">({lateText})</strong>
          </>
        ) : times.atLeast ? (
          <>
            {' '}
            <span className="live-uncertain">({t('live.uncertain')})</span>
          </>
        ) : (
          <>
            {' '}
            <span className="live-on-time">({t('live.onTime')})</span>
          </>
        )}
      </span>
    </>
  );
}
