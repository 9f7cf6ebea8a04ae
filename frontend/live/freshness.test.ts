import { expect } from 'chai';
import type { LiveStopDto } from '../../shared/api/live';
import { amsterdamInstant } from '../../shared/domain/time';
import { liveFreshness, nowMinutesOn, positionAgeMinutes } from './freshness';

const DATE = '2027-03-16';
const at = (hhmm: string) => amsterdamInstant(DATE, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
const stop = (state: LiveStopDto['state']): LiveStopDto => ({
  requestId: 'a'.repeat(24),
  order: 1,
  schoolName: 'A',
  location: null,
  plannedArrive: '08:15',
  plannedStart: '09:00',
  plannedEnd: '11:00',
  eta: '08:15',
  expectedStart: '09:00',
  lateMinutes: 0,
  state,
});

describe('live freshness ("geen positie sinds …")', () => {
  it('says nothing on another day, long before the tour, or once every stop is finished', () => {
    expect(liveFreshness({ date: DATE, stops: [stop('planned')], position: null }, at('06:00'))).to.deep.equal({
      kind: 'not_running',
    });
    expect(liveFreshness({ date: '2027-03-15', stops: [stop('planned')], position: null }, at('10:00'))).to.deep.equal({
      kind: 'not_running',
    });
    expect(liveFreshness({ date: DATE, stops: [stop('done')], position: null }, at('12:00'))).to.deep.equal({
      kind: 'not_running',
    });
  });

  it('tells a missing and a stale position apart from a fresh one on a running day', () => {
    expect(liveFreshness({ date: DATE, stops: [stop('planned')], position: null }, at('07:30'))).to.deep.equal({
      kind: 'none',
    });
    const position = { at: at('08:02').toISOString(), lng: 4.5, lat: 51.9 };
    expect(liveFreshness({ date: DATE, stops: [stop('en_route')], position }, at('08:06'))).to.deep.equal({
      kind: 'fresh',
    });
    expect(liveFreshness({ date: DATE, stops: [stop('en_route')], position }, at('08:08'))).to.deep.equal({
      kind: 'stale',
      since: '08:02',
    });
  });

  it('gives the clock in minutes on the day only when the day is today', () => {
    expect(nowMinutesOn(DATE, at('10:30'))).to.equal(630);
    expect(nowMinutesOn('2027-03-17', at('10:30'))).to.equal(null);
  });
});

describe('positionAgeMinutes ("laatst gezien … geleden")', () => {
  const position = { at: at('10:00').toISOString() };
  it('gives whole minutes since the last position, 0 under a minute', () => {
    expect(positionAgeMinutes(position, at('10:00'))).to.equal(0);
    expect(positionAgeMinutes(position, new Date(at('10:00').getTime() + 59_000))).to.equal(0);
    expect(positionAgeMinutes(position, at('10:03'))).to.equal(3);
    expect(positionAgeMinutes(position, at('11:35'))).to.equal(95);
  });
  it('gives no age without a position, for one over 12 hours old (another day), or one well ahead of the clock', () => {
    expect(positionAgeMinutes(null, at('10:00'))).to.equal(null);
    expect(positionAgeMinutes(position, new Date(at('10:00').getTime() + 12 * 3600_000 + 60_000))).to.equal(null);
    expect(positionAgeMinutes(position, at('09:55'))).to.equal(null);
    expect(positionAgeMinutes(position, new Date(at('10:00').getTime() - 30_000))).to.equal(0);
  });
});
