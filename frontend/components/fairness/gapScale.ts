/** Classes of a region's gap (planned − fair share, in visits), from far below its share to far above. */
export const GAP_CLASSES = ['farBelow', 'below', 'fair', 'above', 'farAbove'] as const;
export type GapClass = (typeof GAP_CLASSES)[number];

/**
 * Diverging orange–purple (ColorBrewer PuOr), readable for red-green colour blindness; the middle is a light grey
 * so "fair" is not mistaken for "no data". Text always accompanies the colour.
 */
export const GAP_COLORS: Record<GapClass, string> = {
  farBelow: '#b35806',
  below: '#f1a340',
  fair: '#e6e6e6',
  above: '#998ec3',
  farAbove: '#542788',
};

/** The class of a gap: within half a visit is fair; two or more visits is "far". */
export function gapClass(gap: number): GapClass {
  if (gap <= -2) return 'farBelow';
  if (gap <= -0.5) return 'below';
  if (gap < 0.5) return 'fair';
  if (gap < 2) return 'above';
  return 'farAbove';
}
