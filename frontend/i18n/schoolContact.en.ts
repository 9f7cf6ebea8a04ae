import type { schoolContactNl } from './schoolContact.nl';

/** English texts of the school contact's pages ("My requests"). */
export const schoolContactEn: Record<keyof typeof schoolContactNl, string> = {
  'nav.mine': 'My requests',
  'mine.heading': 'My requests',
  'mine.intro':
    "Your school's (or schools') requests and visits with their status. Open a request to change your wishes or to cancel.",
  'mine.newRequest': 'Request a new visit',
  'mine.noSchools': 'Your account is not linked to a school yet. Ask the administrator to add your school.',
  'mine.none': 'No requests for this school yet.',
  'mine.tableCaption': 'Requests and visits of {school}',
  'mine.col.status': 'Status',
  'mine.col.when': 'Visit or preference',
  'mine.col.actions': 'Actions',
  'mine.sessionTimes': 'session {start}–{end}',
  'mine.arrival': 'truck arrives at {arrive}',
  'mine.preferred': 'Preferred',
  'mine.open': 'View, change or cancel',
  'mine.ics': 'Calendar (.ics)',
  'mine.follow': 'Follow the truck today',
  'mine.feed.heading': 'Calendar subscription',
  'mine.feed.explain':
    "Subscribe your calendar to all of this school's visits: new, moved and cancelled visits appear by themselves.",
  'mine.feed.url': 'Subscription address',
  'mine.feed.secret': "This address is secret: whoever has it sees your school's visits.",
  'mine.feed.google': 'Add to Google Calendar',
  'mine.feed.outlook': 'Add to Outlook',
  'mine.feed.webcal': 'Open in a calendar app (Apple, Thunderbird)',
  'mine.back': 'My requests',
  'mine.detailHeading': 'Your request',
  'mine.notFound': 'This request does not exist or does not belong to your school.',
  'status.follow': 'Follow the truck live today',
};
