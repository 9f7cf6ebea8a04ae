import type { LiveDaySnapshot } from '../../../shared/api/live';
import { useI18n } from '../../i18n/I18nProvider';
import { currentStop } from '../../live/liveState';

/**
 * Says out loud (role="alert") when the truck runs late or leaves the planned route. The element is always there
 * (empty when all is well), so screen readers announce the text when it appears.
 */
export function LiveAlert({ snapshot }: { snapshot: LiveDaySnapshot | null }) {
  const { t, tp } = useI18n();
  const next = snapshot ? currentStop(snapshot.stops) : null;
  const messages: string[] = [];
  if (snapshot?.delayed) {
    messages.push(
      next && next.lateMinutes > 0
        ? t('live.alert.lateAt', { school: next.schoolName, late: tp('live.late', next.lateMinutes) })
        : t('live.alert.late'),
    );
  }
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
