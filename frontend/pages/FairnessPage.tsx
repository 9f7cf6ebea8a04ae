/** Placeholder until the dashboard is built. */
export function FairnessPage() {
  return null;
}
