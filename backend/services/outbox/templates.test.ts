import { expect } from 'chai';
import { renderEmail } from './templates';

describe('email wording of changed and delayed visits', () => {
  it('says "nieuwe tijd" (not "nieuwe datum") when only the time of a visit changed', () => {
    const sameDay = renderEmail('visit_changed', 'nl', {
      schoolName: 'Wolfert',
      date: '2027-03-09',
      previousDate: '2027-03-09',
      startTime: '10:00',
      endTime: '13:00',
    });
    expect(sameDay.text).to.not.contain('Nieuwe datum');
    expect(sameDay.text).to.contain('Nieuwe tijd: van 10:00 tot 13:00.');
    expect(sameDay.text).to.contain('de datum blijft dinsdag 9 maart 2027');
    const noPrevious = renderEmail('visit_changed', 'en', {
      schoolName: 'Wolfert',
      date: '2027-03-09',
      startTime: '10:00',
      endTime: '13:00',
    });
    expect(noPrevious.text).to.contain('New time: from 10:00 to 13:00.');
  });

  it('says "nieuwe datum" with the old date when the visit moved to another day', () => {
    const moved = renderEmail('visit_changed', 'nl', {
      schoolName: 'Wolfert',
      date: '2027-03-09',
      previousDate: '2027-03-02',
      startTime: '09:00',
      endTime: '12:00',
    });
    expect(moved.text).to.contain('verplaatst (was dinsdag 2 maart 2027)');
    expect(moved.text).to.contain('Nieuwe datum: dinsdag 9 maart 2027 van 09:00 tot 12:00.');
  });

  it('tells of a delay on the day with planned and expected session start, the same date, and the follow link', () => {
    const params = {
      schoolName: 'Wolfert',
      date: '2027-03-09',
      plannedStart: '09:00',
      expectedStart: '09:27',
      expectedEnd: '12:27',
      lateMinutes: 27,
      followUrl: 'https://tw.example/volg/wagen-1/2027-03-09',
    };
    const nl = renderEmail('visit_delayed', 'nl', params);
    expect(nl.subject).to.equal('Techniekwagen later vandaag: de sessie begint naar verwachting om 09:27');
    expect(nl.text).to.contain('was gepland om 09:00 en begint naar verwachting om 09:27, 27 minuten later');
    expect(nl.text).to.contain('De datum blijft hetzelfde.');
    expect(nl.text).to.contain('Volg de wagen live: https://tw.example/volg/wagen-1/2027-03-09');
    expect(nl.html).to.contain('<a href="https://tw.example/volg/wagen-1/2027-03-09">Volg de wagen live</a>');
    expect(nl.text).to.not.match(/nieuwe datum/i);
    expect(renderEmail('visit_delayed', 'en', { ...params, lateMinutes: 1, expectedStart: '09:01' }).text).to.contain(
      'expected to start at 09:01, 1 minute later',
    );
  });
});
