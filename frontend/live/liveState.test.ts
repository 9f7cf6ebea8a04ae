import { expect } from 'chai';
import type { LiveDaySnapshot, LiveStopDto } from '../../shared/api/live';
import {
  applyLiveMessage,
  currentStop,
  easeInOut,
  instantOf,
  lerpPoint,
  mergeSnapshot,
  todayInAmsterdam,
  upcomingStops,
} from './liveState';

function stop(order: number, state: LiveStopDto['state']): LiveStopDto {
  return {
    requestId: String(order).repeat(24).slice(0, 24),
    order,
    schoolName: `School ${order}`,
    location: [4.4 + order / 100, 51.9],
    plannedArrive: '08:30',
    plannedStart: '09:00',
    plannedEnd: '12:00',
    eta: null,
    expectedStart: null,
    lateMinutes: 0,
    state,
  };
}

function snapshot(seq: number, extra: Partial<LiveDaySnapshot> = {}): LiveDaySnapshot {
  return {
    truckId: 'wagen-1',
    date: '2027-09-07',
    depot: [4.47, 51.92],
    stops: [stop(1, 'planned'), stop(2, 'planned')],
    plannedPath: [],
    drivenPath: [],
    position: null,
    delayed: false,
    offRoute: false,
    lastEventAt: null,
    seq,
    ...extra,
  };
}

describe('live state', () => {
  it('adds newer positions to the driven path and ignores old or repeated ones', () => {
    let s = applyLiveMessage(snapshot(5), {
      type: 'position',
      seq: 6,
      at: '2027-09-07T07:00:00Z',
      lng: 4.5,
      lat: 51.9,
    });
    s = applyLiveMessage(s, { type: 'position', seq: 6, at: '2027-09-07T07:00:00Z', lng: 4.5, lat: 51.9 });
    s = applyLiveMessage(s, { type: 'position', seq: 4, at: '2027-09-07T06:00:00Z', lng: 9, lat: 9 });
    expect(s!.drivenPath).to.deep.equal([[4.5, 51.9]]);
    expect(s!.position).to.deep.equal({ at: '2027-09-07T07:00:00Z', lng: 4.5, lat: 51.9 });
    expect(s!.seq).to.equal(6);
  });

  it('replaces the stops and flags on a stops message, and starts over on a snapshot', () => {
    const s = applyLiveMessage(snapshot(1), {
      type: 'stops',
      seq: 2,
      stops: [stop(1, 'done'), stop(2, 'en_route')],
      delayed: true,
      offRoute: false,
    });
    expect(s!.stops.map((x) => x.state)).to.deep.equal(['done', 'en_route']);
    expect(s!.delayed).to.equal(true);
    expect(applyLiveMessage(s, { type: 'snapshot', snapshot: snapshot(1) })!.seq).to.equal(1);
  });

  it('keeps stream updates newer than a refetched snapshot', () => {
    expect(mergeSnapshot(snapshot(9), snapshot(7)).seq).to.equal(9);
    expect(mergeSnapshot(snapshot(7), snapshot(9)).seq).to.equal(9);
    expect(mergeSnapshot(snapshot(9), snapshot(2, { date: '2027-09-08' })).date).to.equal('2027-09-08');
  });

  it('finds the current stop and the ones still to come', () => {
    const stops = [stop(2, 'planned'), stop(1, 'done'), stop(3, 'skipped')];
    expect(currentStop(stops)!.order).to.equal(2);
    expect(upcomingStops(stops).map((s) => s.order)).to.deep.equal([2]);
    expect(currentStop([stop(1, 'done')])).to.equal(null);
  });

  it('interpolates between two fixes', () => {
    expect(lerpPoint([0, 0], [2, 4], 0.5)).to.deep.equal([1, 2]);
    expect(lerpPoint([0, 0], [2, 4], 3)).to.deep.equal([2, 4]);
    expect(easeInOut(0)).to.equal(0);
    expect(easeInOut(1)).to.equal(1);
    expect(easeInOut(0.5)).to.equal(0.5);
  });

  it('turns Amsterdam clock times into instants, summer and winter', () => {
    expect(instantOf('2027-07-01', '09:00')).to.equal('2027-07-01T07:00:00.000Z');
    expect(instantOf('2027-01-15', '09:00')).to.equal('2027-01-15T08:00:00.000Z');
    expect(todayInAmsterdam(new Date('2027-01-15T23:30:00Z'))).to.equal('2027-01-16');
  });
});
