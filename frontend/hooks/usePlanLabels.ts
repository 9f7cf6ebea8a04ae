import type { PlanListItemDto } from '../../shared/api/plans';
import { useI18n } from '../i18n/I18nProvider';
import { planLabels } from '../model/planLabel';

type Labelled = Pick<PlanListItemDto, 'id' | 'name' | 'createdAt' | 'basePlanId' | 'fairnessTolerance' | 'seed'> & {
  createdByName?: string | null;
};

/** The labels that tell plans apart (see planLabels), in the user's language. */
export function usePlanLabels(plans: readonly Labelled[]): Map<string, string> {
  const { t, lang } = useI18n();
  const format = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return planLabels(
    plans.map((p) => ({ ...p, createdByName: p.createdByName ?? null })),
    {
      created: (when) => t('planName.created', { when }),
      by: (name) => t('planName.by', { name }),
      basedOn: (label) => t('planName.basedOn', { label }),
      tolerance: (value) => t('planName.tolerance', { value }),
      seed: (value) => t('planName.seed', { value }),
      dateTime: (iso) => format.format(new Date(iso)),
    },
  );
}
