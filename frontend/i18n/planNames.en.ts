import type { planNamesNl } from './planNames.nl';

/** English parts of a plan's label. */
export const planNamesEn: Record<keyof typeof planNamesNl, string> = {
  'planName.created': 'made {when}',
  'planName.by': 'by {name}',
  'planName.basedOn': 'what-if based on {label}',
  'planName.tolerance': 'fairness tolerance {value}',
  'planName.seed': 'seed {value}',
};
