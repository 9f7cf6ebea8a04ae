/** Dutch parts of a plan's label in "Plan openen" and "Vergelijken met" (merged into `nl`). */
export const planNamesNl = {
  'planName.created': 'gemaakt {when}',
  'planName.by': 'door {name}',
  'planName.basedOn': 'wat-als op basis van {label}',
  'planName.tolerance': 'eerlijkheidsmarge {value}',
  'planName.seed': 'seed {value}',
};
