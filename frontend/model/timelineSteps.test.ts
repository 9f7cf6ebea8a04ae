import { expect } from 'chai';
import type { RequestStatus } from '../../shared/api/requests';
import { timelineSteps } from './timelineSteps';

const at = (n: number) => `2027-01-${String(10 + n).padStart(2, '0')}T09:00:00.000Z`;
const request = (status: RequestStatus, path: Array<[RequestStatus, string | null]>) => ({
  status,
  history: path.map(([s, reason], i) => ({ status: s, at: at(i), by: null, reason })),
});
const shape = (steps: ReturnType<typeof timelineSteps>) =>
  steps.map((s) => `${s.status}:${s.state}${s.aside ? '*' : ''}`);

describe('timelineSteps: what a school sees of its request', () => {
  it('on the way: the steps reached are done, the current one is current, the rest to come', () => {
    const steps = timelineSteps(
      request('planned', [
        ['submitted', null],
        ['accepted', null],
        ['planned', null],
      ]),
    );
    expect(shape(steps)).to.deep.equal([
      'submitted:is-done',
      'accepted:is-done',
      'planned:is-current',
      'confirmed:is-future',
      'done:is-future',
    ]);
    expect(steps[2]!.at).to.equal(at(2));
  });

  it('a moved visit: ingepland done, then "verzet" with its time and reason as the current step, bevestigd and uitgevoerd to come', () => {
    const steps = timelineSteps(
      request('moved', [
        ['submitted', null],
        ['accepted', null],
        ['planned', null],
        ['moved', 'de wagen is in onderhoud'],
      ]),
    );
    expect(shape(steps)).to.deep.equal([
      'submitted:is-done',
      'accepted:is-done',
      'planned:is-done',
      'moved:is-current*',
      'confirmed:is-future',
      'done:is-future',
    ]);
    expect(steps[3]).to.include({ at: at(3), reason: 'de wagen is in onderhoud' });
  });

  it('a visit moved after it was confirmed asks for a new confirmation: bevestigd is to come again', () => {
    const steps = timelineSteps(
      request('moved', [
        ['submitted', null],
        ['accepted', null],
        ['planned', null],
        ['confirmed', null],
        ['moved', null],
      ]),
    );
    expect(shape(steps)).to.deep.equal([
      'submitted:is-done',
      'accepted:is-done',
      'planned:is-done',
      'moved:is-current*',
      'confirmed:is-future',
      'done:is-future',
    ]);
  });

  it('an ended request shows what it reached and where it ended, nothing after', () => {
    const steps = timelineSteps(
      request('cancelled', [
        ['submitted', null],
        ['accepted', null],
        ['cancelled', 'geen bus beschikbaar'],
      ]),
    );
    expect(shape(steps)).to.deep.equal(['submitted:is-done', 'accepted:is-done', 'cancelled:is-current*']);
    expect(steps[2]!.reason).to.equal('geen bus beschikbaar');
  });
});
