/** A valid request form body; fields can be overridden. */
export function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    schoolId: '23ja01',
    contact: { name: 'Ans de Vries', email: 'ans.devries@example.nl' },
    pupils: 48,
    classes: 2,
    levels: ['vmbo-kader'],
    programmes: ['programmeren', 'vr-ar'],
    sessionLength: 'half-day',
    preferredWeeks: [{ from: '2027-02-01', to: '2027-02-12' }],
    excludedDates: ['2027-02-03'],
    earliestStart: '08:30',
    latestEnd: '15:30',
    remarks: 'Parkeren kan op het schoolplein.',
    ...overrides,
  };
}
