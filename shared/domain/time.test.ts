import { expect } from 'chai';
import { addDays, formatHhmm, fromDayNumber, isIsoDate, isoWeekday, listDates, parseHhmm, toDayNumber } from './time';

describe('domain/time', () => {
  it('converts HH:MM to minutes and back', () => {
    expect(parseHhmm('08:30')).to.equal(510);
    expect(parseHhmm('00:00')).to.equal(0);
    expect(parseHhmm('23:59')).to.equal(1439);
    expect(formatHhmm(510)).to.equal('08:30');
    expect(formatHhmm(65)).to.equal('01:05');
  });

  it('rejects times that are not a 24-hour HH:MM', () => {
    for (const bad of ['24:00', '8:30', '08:60', '0830', '']) expect(parseHhmm(bad)).to.be.NaN;
  });

  it('recognises real ISO calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).to.equal(true);
    expect(isIsoDate('2027-02-29')).to.equal(false);
    expect(isIsoDate('2027-13-01')).to.equal(false);
    expect(isIsoDate('2027-1-01')).to.equal(false);
    expect(isIsoDate(20270101)).to.equal(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2028-03-01', -1)).to.equal('2028-02-29');
    expect(fromDayNumber(toDayNumber('2027-01-12'))).to.equal('2027-01-12');
  });

  it('gives ISO weekdays with Monday 1 and Sunday 7', () => {
    expect(isoWeekday('2027-01-11')).to.equal(1);
    expect(isoWeekday('2027-01-15')).to.equal(5);
    expect(isoWeekday('2027-01-17')).to.equal(7);
    expect(isoWeekday('1969-12-28')).to.equal(7);
  });

  it('lists the dates of an inclusive range', () => {
    expect(listDates('2027-02-27', '2027-03-02')).to.deep.equal([
      '2027-02-27',
      '2027-02-28',
      '2027-03-01',
      '2027-03-02',
    ]);
    expect(listDates('2027-03-02', '2027-03-01')).to.deep.equal([]);
  });
});
