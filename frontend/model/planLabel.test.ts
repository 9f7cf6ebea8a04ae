import { expect } from 'chai';
import { planLabels, type PlanLabelTexts } from './planLabel';

const TEXTS: PlanLabelTexts = {
  created: (when) => `gemaakt ${when}`,
  by: (name) => `door ${name}`,
  basedOn: (label) => `wat-als op basis van ${label}`,
  tolerance: (value) => `marge ${value}`,
  seed: (value) => `seed ${value}`,
  dateTime: (iso) =>
    new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'Europe/Amsterdam',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso)),
};
const plan = (id: string, extra: Partial<Parameters<typeof planLabels>[0][number]> = {}) => ({
  id: id.padStart(24, '0'),
  name: 'Tour 2027-11-15 – 2027-11-19',
  createdAt: '2026-12-04T13:05:00Z',
  createdByName: 'Anna',
  basePlanId: null,
  fairnessTolerance: null,
  seed: 1,
  ...extra,
});

describe('plan labels ("Plan openen", "Vergelijken met")', () => {
  it('tells two plans of the same period apart by when, by whom and what-if', () => {
    const first = plan('a1');
    const whatIf = plan('b2', {
      createdAt: '2026-12-04T14:20:00Z',
      createdByName: 'Bram',
      basePlanId: first.id,
      fairnessTolerance: 2,
    });
    const labels = planLabels([first, whatIf], TEXTS);
    expect(labels.get(first.id)).to.equal('Tour 2027-11-15 – 2027-11-19 · gemaakt 4 dec, 14:05 · door Anna');
    expect(labels.get(whatIf.id)).to.equal(
      'Tour 2027-11-15 – 2027-11-19 · gemaakt 4 dec, 15:20 · door Bram · wat-als op basis van Tour 2027-11-15 – 2027-11-19, 4 dec, 14:05 · marge 2',
    );
    expect(new Set(labels.values()).size).to.equal(2);
  });

  it('adds the end of the id when everything else is the same', () => {
    const labels = planLabels([plan('c3'), plan('d4'), plan('e5', { seed: 7 })], TEXTS);
    expect(labels.get(plan('c3').id)).to.match(/ · #00c3$/);
    expect(labels.get(plan('d4').id)).to.match(/ · #00d4$/);
    expect(labels.get(plan('e5').id)).to.match(/ · seed 7$/);
  });
});
