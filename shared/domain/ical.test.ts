import { expect } from 'chai';
import ICAL from 'ical.js';
import { buildIcs, escapeIcsText, foldIcsLine } from './ical';

describe('iCalendar feeds', () => {
  const event = {
    uid: 'visit-abc@techniekwagen.glr.nl',
    date: '2027-03-09',
    start: '09:00',
    end: '12:00',
    summary: 'Techniekwagen bij Libanon Lyceum; 2 klassen, vmbo',
    location: 'Jaques Dutilhweg 11, 3065 AN Rotterdam',
    description: 'Zorg voor:\n- parkeerplek voor de truck\n- stroom (230 V)',
    sequence: 3,
    status: 'CONFIRMED' as const,
    updatedAt: new Date('2027-02-01T10:00:00Z'),
  };

  it('is parsed back by a real iCalendar parser with the same values', () => {
    const text = buildIcs('Techniekwagen – Libanon Lyceum', [
      event,
      { ...event, uid: 'visit-def@techniekwagen.glr.nl', status: 'CANCELLED', sequence: 5 },
    ]);
    const cal = new ICAL.Component(ICAL.parse(text));
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const [first, second] = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(first!.uid).to.equal(event.uid);
    expect(first!.summary).to.equal(event.summary);
    expect(first!.description).to.equal(event.description);
    expect(first!.location).to.equal(event.location);
    expect(first!.sequence).to.equal(3);
    expect(first!.startDate.toJSDate().toISOString()).to.equal('2027-03-09T08:00:00.000Z'); // 09:00 CET
    expect(first!.endDate.toJSDate().toISOString()).to.equal('2027-03-09T11:00:00.000Z');
    expect(second!.component.getFirstPropertyValue('status')).to.equal('CANCELLED');
    expect(second!.sequence).to.equal(5);
  });

  it('uses summer time from the last Sunday of March', () => {
    const text = buildIcs('x', [{ ...event, date: '2027-06-01' }]);
    const cal = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.register(new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!));
    const e = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(e.startDate.toJSDate().toISOString()).to.equal('2027-06-01T07:00:00.000Z'); // 09:00 CEST
  });

  it('escapes text and folds long lines at 75 octets with CRLF', () => {
    expect(escapeIcsText('a;b,c\\d\ne')).to.equal('a\\;b\\,c\\\\d\\ne');
    const folded = foldIcsLine(`DESCRIPTION:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).to.be.at.most(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).to.equal(true);
    expect(buildIcs('x', []).endsWith('END:VCALENDAR\r\n')).to.equal(true);
  });
});
