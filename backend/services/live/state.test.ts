import { expect } from 'chai';
import { instantOf, minutesOnDate, amsterdamToday } from './clock';
import { computeLiveState, type LiveContext, type LiveEventInput } from './state';

const DATE = '2027-03-09';
const TRAVEL = { model: 'haversine', roadFactor: 1.35, speedKmh: 30 } as const;
const at = (hhmm: string) => instantOf(DATE, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
const ctx: LiveContext = {
  truckId: 'wagen-1',
  date: DATE,
  depot: [4.4697, 51.9296],
  travel: { ...TRAVEL },
  stops: [
    {
      requestId: 'a'.repeat(24),
      order: 1,
      schoolName: 'A',
      location: [4.5, 51.93],
      arrive: '08:15',
      start: '09:00',
      end: '12:00',
      leave: '12:30',
    },
    {
      requestId: 'b'.repeat(24),
      order: 2,
      schoolName: 'B',
      location: [4.55, 51.9],
      arrive: '13:00',
      start: '13:45',
      end: '15:45',
      leave: '16:15',
    },
  ],
};
let k = 0;
const ev = (hhmm: string, kind: LiveEventInput['kind'], extra: Partial<LiveEventInput> = {}): LiveEventInput => ({
  key: `k${k++}`,
  at: at(hhmm),
  kind,
  requestId: null,
  delayMinutes: null,
  ...extra,
});

describe('live state', () => {
  it('converts between instants and Amsterdam wall-clock minutes, summer and winter', () => {
    expect(instantOf('2027-01-15', 9 * 60).toISOString()).to.equal('2027-01-15T08:00:00.000Z');
    expect(instantOf('2027-07-15', 9 * 60).toISOString()).to.equal('2027-07-15T07:00:00.000Z');
    expect(minutesOnDate(new Date('2027-07-15T22:30:00Z'), '2027-07-15')).to.equal(1470);
    expect(amsterdamToday(new Date('2027-07-15T22:30:00Z'))).to.equal('2027-07-16');
  });

  it('shows the planned arrivals before the day starts', () => {
    const s = computeLiveState(ctx, [], null);
    expect(s.stops.map((x) => [x.state, x.eta, x.lateMinutes])).to.deep.equal([
      ['planned', '08:15', 0],
      ['planned', '13:00', 0],
    ]);
    expect(s.delayed).to.equal(false);
  });

  it('applies events by their own time, whatever order they come in', () => {
    const a = ctx.stops[0]!.requestId;
    const events = [
      ev('12:00', 'finished', { requestId: a }),
      ev('07:50', 'departed'),
      ev('08:10', 'arrived', { requestId: a }),
      ev('09:00', 'session_started', { requestId: a }),
    ];
    const s = computeLiveState(ctx, events, null);
    expect(s.stops.map((x) => x.state)).to.deep.equal(['done', 'en_route']);
    expect(s.lastEventAt).to.equal(at('12:00').toISOString());
  });

  it('reckons the ETA from the last position with the travel model and flags lateness against the planned start', () => {
    // About 10 km from A at 08:40: 10 × 1.35 / 30 h ≈ 27 min, plus 45 min set-up: the session starts ≈ 09:52.
    const s = computeLiveState(ctx, [ev('07:50', 'departed')], { at: at('08:40'), lng: 4.5, lat: 52.02 });
    const [a, b] = s.stops as [(typeof s.stops)[0], (typeof s.stops)[0]];
    expect(a.eta).to.match(/^09:0\d$/);
    expect(a.lateMinutes).to.be.within(45, 60);
    expect(b.lateMinutes).to.be.greaterThan(0);
    expect(s.delayed).to.equal(true);
    expect(s.offRoute).to.equal(true);
  });

  it('holds the truck for a reported delay without counting it twice while it waits', () => {
    const fixAt = (hhmm: string) => ({ at: at(hhmm), lng: ctx.depot[0], lat: ctx.depot[1] });
    const base = computeLiveState(ctx, [ev('07:50', 'departed')], fixAt('07:50'));
    const delayed = [ev('07:50', 'departed'), ev('07:51', 'delayed', { delayMinutes: 30 })];
    const once = computeLiveState(ctx, delayed, fixAt('07:51'));
    const later = computeLiveState(ctx, delayed, fixAt('08:10'));
    const min = (x: string | null) => Number(x!.slice(0, 2)) * 60 + Number(x!.slice(3));
    expect(min(once.stops[0]!.eta) - min(base.stops[0]!.eta)).to.equal(31);
    expect(later.stops[0]!.eta).to.equal(once.stops[0]!.eta);
  });

  it('marks what is left as skipped when the truck returns', () => {
    const s = computeLiveState(ctx, [ev('07:50', 'departed'), ev('09:00', 'returned')], null);
    expect(s.stops.map((x) => [x.state, x.eta])).to.deep.equal([
      ['skipped', null],
      ['skipped', null],
    ]);
    expect(s.delayed).to.equal(false);
  });
});
