import { expect } from 'chai';
import { amsterdamClock, amsterdamInstant, amsterdamToday, minutesOnDate, parseHhmm } from './time';
import { liveDayTimes, liveStopTimes, visitTimes, type LiveStopTimesInput } from './visitTimes';

const PLAN = { plannedArrive: '11:09', plannedStart: '11:54', plannedEnd: '13:54' };
const m = parseHhmm;

describe('domain/visitTimes: one answer for planned arrival, session start, ETA and lateness', () => {
  it('is on time with the plan alone, and with an ETA early enough', () => {
    const planned = visitTimes(PLAN);
    expect(planned).to.include({
      expectedArrive: '11:09',
      expectedStart: '11:54',
      lateMinutes: 0,
      setupMinutes: 45,
      atLeast: false,
      basis: 'planned',
    });
    const early = visitTimes({ ...PLAN, eta: '10:50' });
    // Arriving early does not start the session early.
    expect(early).to.include({ expectedArrive: '10:50', expectedStart: '11:54', lateMinutes: 0, basis: 'eta' });
  });

  it('gives the plan of a visit (the day sheet) with set-up and the planned leave passed through', () => {
    expect(visitTimes({ ...PLAN, plannedLeave: '14:24' })).to.include({
      plannedArrive: '11:09',
      setupMinutes: 45,
      plannedStart: '11:54',
      plannedEnd: '13:54',
      plannedLeave: '14:24',
      basis: 'planned',
    });
    // A live stop has no planned leave; a start before the arrival (bad data) gives no negative set-up.
    expect(visitTimes(PLAN).plannedLeave).to.equal(null);
    expect(visitTimes({ ...PLAN, plannedStart: '11:00' }).setupMinutes).to.equal(0);
  });

  it("compares the expected session start with the planned session start (the issue's 11:36 example)", () => {
    // The public page said "Gepland 11:54 aankomst … Verwacht 11:36 (27 minuten later)": 11:54 was the session start,
    // 11:36 the arrival ETA. Here: arrival 11:09 planned, 11:36 expected; session 11:54 planned, 12:21 expected.
    const t = visitTimes({ ...PLAN, eta: '11:36' });
    expect(t).to.include({
      plannedArrive: '11:09',
      expectedArrive: '11:36',
      plannedStart: '11:54',
      expectedStart: '12:21',
      lateMinutes: 27,
    });
    // The displayed figures add up: expected arrival + set-up = expected start; expected − planned start = late.
    expect(m(t.expectedArrive!) + t.setupMinutes).to.equal(m(t.expectedStart));
    expect(m(t.expectedStart) - m(t.plannedStart)).to.equal(t.lateMinutes);
  });

  it('rounds a fractional ETA up (the truck is not there before it), in minutes or as HH:MM alike', () => {
    const fractional = visitTimes({ ...PLAN, eta: m('11:35') + 0.2 });
    expect(fractional).to.include({ expectedArrive: '11:36', lateMinutes: 27 });
    expect(visitTimes({ ...PLAN, eta: m('11:36') })).to.deep.equal(fractional);
  });

  it('uses reported times once the truck is there: arrival plus set-up, or the reported session start', () => {
    expect(visitTimes({ ...PLAN, arrivedAt: m('11:20') + 0.4 })).to.include({
      expectedArrive: '11:20',
      expectedStart: '12:05',
      lateMinutes: 11,
      basis: 'arrived',
    });
    expect(visitTimes({ ...PLAN, arrivedAt: m('11:20'), sessionStartedAt: m('11:58') })).to.include({
      expectedStart: '11:58',
      lateMinutes: 4,
      basis: 'started',
    });
    // A reported start beats the ETA and the clock.
    expect(visitTimes({ ...PLAN, eta: '13:00', now: m('14:00'), sessionStartedAt: m('11:50') })).to.include({
      lateMinutes: 0,
      atLeast: false,
    });
  });

  it('does not call an overdue truck "on time": past the ETA (or the planned arrival) it is at least now + set-up', () => {
    // No report at all and the clock at 11:30: the truck cannot arrive before 11:30, so the session starts ≥ 12:15.
    const noData = visitTimes({ ...PLAN, now: m('11:30') });
    expect(noData).to.include({
      expectedArrive: null,
      expectedStart: '12:15',
      lateMinutes: 21,
      atLeast: true,
      basis: 'overdue',
    });
    // An ETA of 11:36 that the clock passed (no newer position): at 11:50 it is at least 41 minutes.
    expect(visitTimes({ ...PLAN, eta: '11:36', now: m('11:50') + 0.5 })).to.include({
      expectedStart: '12:36',
      lateMinutes: 42,
      atLeast: true,
    });
    // Before the ETA, the clock changes nothing.
    expect(visitTimes({ ...PLAN, eta: '11:36', now: m('11:00') })).to.deep.equal(visitTimes({ ...PLAN, eta: '11:36' }));
    // One minute past the planned arrival with nothing heard: one minute, as a lower bound.
    expect(visitTimes({ ...PLAN, now: m('11:09') + 0.5 })).to.include({
      lateMinutes: 1,
      atLeast: true,
      expectedStart: '11:55',
    });
  });

  it("gives viewers the server's reported times for stops reached and recomputes the rest with the clock", () => {
    const base: LiveStopTimesInput = {
      ...PLAN,
      eta: '11:36',
      expectedStart: '12:21',
      lateMinutes: 27,
      state: 'en_route',
    };
    expect(liveStopTimes(base)).to.include({ expectedStart: '12:21', lateMinutes: 27 });
    expect(liveStopTimes(base, m('12:00'))).to.include({ lateMinutes: 51, atLeast: true });
    const inSession = liveStopTimes(
      { ...base, eta: null, expectedStart: '12:02', lateMinutes: 8, state: 'in_session' },
      m('13:00'),
    );
    expect(inSession).to.include({ expectedStart: '12:02', lateMinutes: 8, atLeast: false, basis: 'started' });
    expect(liveStopTimes({ ...base, state: 'skipped' })).to.equal(null);
  });
});

describe('domain/visitTimes: a delay earlier in the day carries over', () => {
  const morning = {
    order: 1,
    plannedArrive: '08:15',
    plannedStart: '09:00',
    plannedEnd: '11:00',
    eta: '08:15',
    expectedStart: '09:00',
    lateMinutes: 0,
    state: 'planned' as const,
  };
  const noon = {
    order: 2,
    plannedArrive: '11:20',
    plannedStart: '12:05',
    plannedEnd: '14:05',
    eta: '11:20',
    expectedStart: '12:05',
    lateMinutes: 0,
    state: 'planned' as const,
  };
  const afternoon = {
    order: 3,
    plannedArrive: '15:00',
    plannedStart: '15:45',
    plannedEnd: '16:15',
    eta: '15:00',
    expectedStart: '15:45',
    lateMinutes: 0,
    state: 'planned' as const,
  };

  it('makes the stops after an overdue one at least as late as its session end allows, never plainly "on time"', () => {
    // 09:30, nothing heard: the morning session starts ≥ 10:15 and ends ≥ 12:15, so noon's session starts ≥ 13:00.
    const times = liveDayTimes([afternoon, noon, morning], m('09:30'));
    expect(times.get(morning)).to.include({ expectedStart: '10:15', lateMinutes: 75, atLeast: true });
    expect(times.get(noon)).to.include({ expectedStart: '13:00', lateMinutes: 55, atLeast: true, basis: 'overdue' });
    // The afternoon has slack enough for the bound (noon ends ≥ 15:00, so ≥ 15:45): 0 minutes, but only as a bound.
    expect(times.get(afternoon)).to.include({ lateMinutes: 0, atLeast: true });
  });

  it('changes nothing while every stop is on its ETA, or once the overdue stop is reached', () => {
    const times = liveDayTimes([morning, noon], m('08:00'));
    expect(times.get(noon)).to.deep.equal(liveStopTimes(noon, m('08:00')));
    const arrived = { ...morning, eta: null, expectedStart: '09:40', lateMinutes: 40, state: 'arrived' as const };
    const after = liveDayTimes([arrived, noon], m('09:30'));
    expect(after.get(noon)).to.include({ atLeast: false, lateMinutes: 0 });
  });
});

describe('domain/time: Amsterdam clock (one implementation for server and browser)', () => {
  it('converts between instants and Amsterdam wall-clock time, winter and summer', () => {
    expect(amsterdamInstant('2027-01-15', 9 * 60).toISOString()).to.equal('2027-01-15T08:00:00.000Z');
    expect(amsterdamInstant('2027-07-15', 9 * 60).toISOString()).to.equal('2027-07-15T07:00:00.000Z');
    // The day summer time starts (2027-03-28, 02:00 → 03:00): 09:00 is 07:00 UTC.
    expect(amsterdamInstant('2027-03-28', 9 * 60).toISOString()).to.equal('2027-03-28T07:00:00.000Z');
    expect(minutesOnDate(new Date('2027-07-15T22:30:00Z'), '2027-07-15')).to.equal(1470);
    expect(amsterdamToday(new Date('2027-01-15T23:30:00Z'))).to.equal('2027-01-16');
    expect(amsterdamClock(new Date('2027-01-15T10:36:59Z'))).to.equal('11:36');
  });
});
