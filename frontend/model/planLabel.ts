import type { PlanListItemDto } from '../../shared/api/plans';

/** The texts a plan label is made of (from i18n), so the rule itself is plain and testable. */
export interface PlanLabelTexts {
  created(when: string): string;
  by(name: string): string;
  basedOn(label: string): string;
  tolerance(value: number): string;
  seed(value: number): string;
  /** Amsterdam date and time of an ISO instant, e.g. "4 dec. 14:05". */
  dateTime(iso: string): string;
}

type LabelledPlan = Pick<
  PlanListItemDto,
  'id' | 'name' | 'createdAt' | 'createdByName' | 'basePlanId' | 'fairnessTolerance' | 'seed'
>;

/** The seed "Plan maken" uses unless the planner picks another. */
const DEFAULT_SEED = 1;

/**
 * A label per plan that tells plans apart in "Plan openen" and "Vergelijken met": the name (the period), when and by
 * whom it was made, and what makes it a what-if (re-planned from another plan, its own fairness tolerance, another
 * seed). Should two labels still be equal, the end of the plan id is added.
 */
export function planLabels(plans: readonly LabelledPlan[], texts: PlanLabelTexts): Map<string, string> {
  const short = new Map(plans.map((p) => [p.id, `${p.name}, ${texts.dateTime(p.createdAt)}`]));
  const labels = new Map<string, string>();
  for (const p of plans) {
    const parts = [p.name, texts.created(texts.dateTime(p.createdAt))];
    if (p.createdByName) parts.push(texts.by(p.createdByName));
    if (p.basePlanId) parts.push(texts.basedOn(short.get(p.basePlanId) ?? `#${p.basePlanId.slice(-4)}`));
    if (p.fairnessTolerance !== null) parts.push(texts.tolerance(p.fairnessTolerance));
    if (p.seed !== DEFAULT_SEED) parts.push(texts.seed(p.seed));
    labels.set(p.id, parts.join(' · '));
  }
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const [id, label] of labels) if (counts.get(label)! > 1) labels.set(id, `${label} · #${id.slice(-4)}`);
  return labels;
}
