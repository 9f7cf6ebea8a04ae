import type { PlanDto } from '../../../shared/api/plans';
import { useI18n } from '../../i18n/I18nProvider';

/** The progress of a running plan: an ARIA progressbar with its value, the phase and the best figures so far. */
export function PlanProgress({
  plan,
  onCancel,
  isCancelling,
}: {
  plan: PlanDto;
  onCancel(): void;
  isCancelling: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const fraction = plan.progress?.fraction ?? 0;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const phase = plan.progress?.phase ?? plan.status;
  const position = plan.status === 'queued' ? plan.progress?.queuePosition : null;
  const phaseText =
    phase === 'construct'
      ? t('board.phase.construct')
      : phase === 'improve'
        ? t('board.phase.improve')
        : phase === 'done'
          ? t('board.phase.done')
          : position
            ? t('board.phase.queuedAt', { position })
            : t('board.phase.queued');
  return (
    <div className="plan-progress">
      <div className="progress-label" id="plan-progress-label">
        {t('board.progress')}: {phaseText}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-labelledby="plan-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% – ${phaseText}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-figures">
        {percent}%{plan.progress?.served != null ? ` · ${t('board.servedSoFar', { count: plan.progress.served })}` : ''}
        {plan.progress?.roadKm != null ? ` · ${formatNumber(Math.round(plan.progress.roadKm))} km` : ''}
      </p>
      <button type="button" className="button-secondary" onClick={onCancel} disabled={isCancelling}>
        {t('board.cancelRun')}
      </button>
    </div>
  );
}
