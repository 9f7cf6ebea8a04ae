/** "wagen-1" → "Wagen 1": a readable truck name from its id. */
export function truckName(id: string): string {
  const text = id.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
