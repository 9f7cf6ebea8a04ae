import type { lifecycleNl } from './lifecycle.nl';

/** English texts of a request's lifecycle after planning (merged into `en`). */
export const lifecycleEn: Record<keyof typeof lifecycleNl, string> = {
  'status.confirmVisit': 'Confirm the visit',
  'status.confirmText': 'Is this date right? Confirm the visit with one click, so the crew knows you expect the truck.',
  'status.confirmedNotice': 'Thank you: the visit is confirmed.',
  'status.movedText':
    'The visit has moved to a new date. Please confirm the new date, or cancel if it does not suit you.',
  'status.cancelledHeading': 'This request is cancelled',
  'status.cancelledText':
    'The visit will not take place. The crew has been told; if you use the calendar link, the appointment is removed from your calendar.',
  'status.cancelledOn': 'Cancelled on {at}.',
  'status.declinedHeading': 'This request was declined',
  'status.doneHeading': 'The visit has taken place',
  'status.doneText': 'The techniekwagen visited you on {date}. Thank you for having us!',
  'inbox.endedAfterPlanning': 'Ended after planning',
  'inbox.endedBy': '{status} by {by} on {at}',
  'inbox.bySchool': 'the school',
  'inbox.bySystem': 'the system',
  'inbox.byCrew': 'the crew',
  'inbox.wasOn': 'Was on {date}, {truck}.',
  'inbox.markDone': 'Carried out',
  'inbox.doneAnnounce': '{reference} is carried out.',
  'board.flags.heading': 'Changed after publishing',
  'board.flags.intro':
    'These published days changed: a visit left them. The day has been re-timed; you may fill the gap with a waiting visit (make a new plan from this plan).',
  'board.flags.item': '{date}, {truck}: {school} ({reference}) {kind}, {from}–{to} free',
  'board.flags.cancelled': 'cancelled',
  'board.flags.declined': 'declined',
  'board.flags.unplanned': 'taken off',
  'board.flags.publish_conflict': 'changed while publishing',
  'board.flags.candidates': 'Fill the gap: candidates',
  'board.flags.noCandidates': 'No waiting request fits on this day.',
  'board.flags.candidatesFor': 'Candidates for the gap of {reference}',
  'board.flags.candidate':
    '{school} ({reference}): {start}–{end}, day {km} km. Place the visit with a new plan from the published plan.',
  'board.flags.fill': 'Plan in',
  'board.flags.filled':
    '{reference} ({school}) is planned on {date}, {start}–{end}; the school gets an email to confirm.',
  'board.flags.seen': 'Seen',
  'board.flags.daySheet': 'Day sheet',
  'board.publish.conflicts': 'Not published, because they changed meanwhile:',
  'form.weeksRefused': 'These weeks cannot be planned.',
};
