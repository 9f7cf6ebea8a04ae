import { getJson } from './http';

/** The calendar file of a planned visit for a logged-in user (`GET /api/requests/:id/visit.ics`). */
export function ownVisitIcsUrl(requestId: string): string {
  return `/api/requests/${encodeURIComponent(requestId)}/visit.ics`;
}

/** `GET /api/feeds/schools/:schoolId/link`: the secret subscription URL of a school's visits (a calendar app polls it). */
export function getSchoolFeedLink(schoolId: string, signal?: AbortSignal): Promise<{ url: string }> {
  return getJson<{ url: string }>(`/api/feeds/schools/${encodeURIComponent(schoolId)}/link`, undefined, signal);
}

/** The links that add a subscription URL to a calendar app: webcal (Apple, Thunderbird…), Google Agenda, Outlook.com. */
export function calendarSubscribeLinks(
  feedUrl: string,
  name: string,
): { webcal: string; google: string; outlook: string } {
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://');
  return {
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`,
  };
}
