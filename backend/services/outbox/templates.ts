import type { Role, UserLanguage } from '../../../shared/api/auth';
import type { EmailKind } from '../../../shared/api/outbox';

/** The values each kind of email needs. Dates are ISO (YYYY-MM-DD), times HH:mm, urls absolute. */
export interface EmailParams {
  invitation: { url: string; role: Role; inviterName?: string | null; expiresDays: number };
  password_reset: { url: string; expiresMinutes: number };
  request_received: { schoolName: string; reference?: string | null; url?: string | null };
  visit_planned: {
    schoolName: string;
    date: string;
    startTime?: string | null;
    endTime?: string | null;
    url?: string | null;
  };
  visit_changed: {
    schoolName: string;
    date: string;
    previousDate?: string | null;
    startTime?: string | null;
    endTime?: string | null;
    url?: string | null;
  };
  /** On the day: the session starts later than planned (times from shared/domain/visitTimes); the date stays. */
  visit_delayed: {
    schoolName: string;
    date: string;
    plannedStart: string;
    expectedStart: string;
    expectedEnd: string;
    lateMinutes: number;
    /** The public live page of the truck's day. */
    followUrl: string;
  };
  visit_cancelled: { schoolName: string; date: string; reason?: string | null; url?: string | null };
  request_accepted: { schoolName: string; reference: string; url?: string | null };
  request_declined: { schoolName: string; reference: string; reason: string; url?: string | null };
  /** The school's own cancellation, confirmed to it. */
  cancellation_received: { schoolName: string; reference: string; date?: string | null; url?: string | null };
  /** To the crew: a published visit was cancelled (or declined, or taken off) after publishing. */
  crew_visit_changed: {
    schoolName: string;
    reference: string;
    date: string;
    truckId: string;
    slot: string;
    what: 'cancelled' | 'declined';
    reason?: string | null;
    url: string;
  };
  /** A waiting request whose weeks have all passed. */
  request_expired: { schoolName: string; reference: string; url?: string | null };
}

/** What a school prepares for the truck's visit (in the planned and changed emails). */
const PREPARE: Record<UserLanguage, string> = {
  nl: 'Wilt u zorgen voor: een parkeerplek voor de truck (ongeveer 12 bij 4 meter) dicht bij de ingang, een stopcontact (230 V, 16 A) en een lokaal voor de nabespreking?',
  en: 'Please arrange: a parking space for the truck (about 12 by 4 metres) close to the entrance, a power socket (230 V, 16 A) and a room for the debriefing.',
};

/** A rendered email: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ROLE_NAMES: Record<UserLanguage, Record<Role, string>> = {
  nl: { admin: 'beheerder', crew: 'crew', coordinator: 'coördinator', school: 'schoolcontact' },
  en: { admin: 'administrator', crew: 'crew member', coordinator: 'coordinator', school: 'school contact' },
};

function formatDate(iso: string, lang: UserLanguage): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(d);
}

function timeRange(start: string | null | undefined, end: string | null | undefined, lang: UserLanguage): string {
  if (!start) return '';
  if (!end) return lang === 'nl' ? ` om ${start}` : ` at ${start}`;
  return lang === 'nl' ? ` van ${start} tot ${end}` : ` from ${start} to ${end}`;
}

/** True when a changed visit moved to another day (not only to another time). */
function movedToOtherDay(p: EmailParams['visit_changed']): boolean {
  return Boolean(p.previousDate && p.previousDate !== p.date);
}

function minutesText(minutes: number, lang: UserLanguage): string {
  if (lang === 'nl') return minutes === 1 ? '1 minuut' : `${minutes} minuten`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs (and an optional link) as text and as HTML; every value is escaped in the HTML. */
function compose(
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string } | null,
  lang: UserLanguage,
): RenderedEmail {
  const closing =
    lang === 'nl'
      ? 'Met vriendelijke groet,\nde crew van de techniekwagen (Grafisch Lyceum Rotterdam)'
      : 'Kind regards,\nthe techniekwagen crew (Grafisch Lyceum Rotterdam)';
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), closing].join('\n\n');
  const htmlParts = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (link) htmlParts.push(`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`);
  htmlParts.push(`<p>${escapeHtml(closing).replace('\n', '<br>')}</p>`);
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${htmlParts.join('')}</body></html>`;
  return { subject, text, html };
}

const requestReview = {
  request_accepted: (p: EmailParams['request_accepted'], lang: UserLanguage) =>
    lang === 'nl'
      ? compose(
          `Aanvraag geaccepteerd: ${p.reference}`,
          [
            `De crew heeft de aanvraag van ${p.schoolName} (kenmerk ${p.reference}) geaccepteerd. Zodra de tour is gepland, krijgt u de datum en tijd.`,
          ],
          p.url ? { url: p.url, label: 'Aanvraag bekijken' } : null,
          lang,
        )
      : compose(
          `Request accepted: ${p.reference}`,
          [
            `The crew has accepted the request of ${p.schoolName} (reference ${p.reference}). You will get the date and time once the tour is planned.`,
          ],
          p.url ? { url: p.url, label: 'View the request' } : null,
          lang,
        ),
  request_declined: (p: EmailParams['request_declined'], lang: UserLanguage) =>
    lang === 'nl'
      ? compose(
          `Aanvraag afgewezen: ${p.reference}`,
          [
            `Helaas kan de techniekwagen de aanvraag van ${p.schoolName} (kenmerk ${p.reference}) niet inplannen.`,
            `Reden: ${p.reason}`,
          ],
          p.url ? { url: p.url, label: 'Aanvraag bekijken' } : null,
          lang,
        )
      : compose(
          `Request declined: ${p.reference}`,
          [
            `Unfortunately the techniekwagen cannot plan the request of ${p.schoolName} (reference ${p.reference}).`,
            `Reason: ${p.reason}`,
          ],
          p.url ? { url: p.url, label: 'View the request' } : null,
          lang,
        ),
};

const lifecycle = {
  cancellation_received: (p: EmailParams['cancellation_received'], lang: UserLanguage) =>
    lang === 'nl'
      ? compose(
          `Annulering ontvangen: ${p.reference}`,
          [
            `We hebben uw annulering ontvangen: ${p.date ? `het bezoek van de techniekwagen aan ${p.schoolName} op ${formatDate(p.date, 'nl')} gaat niet door` : `de aanvraag van ${p.schoolName} (kenmerk ${p.reference}) is ingetrokken`}.`,
            'De crew is op de hoogte. Wilt u later toch een bezoek? Dan kunt u een nieuwe aanvraag doen.',
          ],
          p.url ? { url: p.url, label: 'Aanvraag bekijken' } : null,
          lang,
        )
      : compose(
          `Cancellation received: ${p.reference}`,
          [
            `We have received your cancellation: ${p.date ? `the techniekwagen's visit to ${p.schoolName} on ${formatDate(p.date, 'en')} will not take place` : `the request of ${p.schoolName} (reference ${p.reference}) is withdrawn`}.`,
            'The crew has been told. Would you like a visit later after all? Then please send a new request.',
          ],
          p.url ? { url: p.url, label: 'View the request' } : null,
          lang,
        ),
  crew_visit_changed: (p: EmailParams['crew_visit_changed'], lang: UserLanguage) =>
    lang === 'nl'
      ? compose(
          `${p.what === 'cancelled' ? 'Geannuleerd' : 'Afgewezen'} na publiceren: ${p.schoolName} op ${formatDate(p.date, 'nl')}`,
          [
            `Het gepubliceerde bezoek aan ${p.schoolName} (${p.reference}) op ${formatDate(p.date, 'nl')}, ${p.truckId}, ${p.slot}, is ${p.what === 'cancelled' ? 'geannuleerd' : 'afgewezen'}.`,
            ...(p.reason ? [`Reden: ${p.reason}`] : []),
            'Het bezoek is van de dag gehaald en de dag is opnieuw getimed; de dag staat gemarkeerd op het planbord. Vul het gat eventueel met een bezoek uit de wachtrij.',
          ],
          { url: p.url, label: 'Naar het planbord' },
          lang,
        )
      : compose(
          `${p.what === 'cancelled' ? 'Cancelled' : 'Declined'} after publishing: ${p.schoolName} on ${formatDate(p.date, 'en')}`,
          [
            `The published visit to ${p.schoolName} (${p.reference}) on ${formatDate(p.date, 'en')}, ${p.truckId}, ${p.slot}, has been ${p.what}.`,
            ...(p.reason ? [`Reason: ${p.reason}`] : []),
            'The visit was taken off the day and the day was re-timed; the day is flagged on the planning board. You may fill the slot with a waiting visit.',
          ],
          { url: p.url, label: 'Open the planning board' },
          lang,
        ),
  request_expired: (p: EmailParams['request_expired'], lang: UserLanguage) =>
    lang === 'nl'
      ? compose(
          `Aanvraag verlopen: ${p.reference}`,
          [
            `De weken die u voor het bezoek van de techniekwagen aan ${p.schoolName} (kenmerk ${p.reference}) opgaf, zijn voorbij zonder dat we het bezoek konden inplannen. Daarom is de aanvraag gesloten.`,
            'Wilt u nog steeds een bezoek? Doe dan een nieuwe aanvraag met nieuwe weken.',
          ],
          p.url ? { url: p.url, label: 'Aanvraag bekijken' } : null,
          lang,
        )
      : compose(
          `Request expired: ${p.reference}`,
          [
            `The weeks you gave for the techniekwagen's visit to ${p.schoolName} (reference ${p.reference}) have passed without us being able to plan it, so the request is closed.`,
            'Would you still like a visit? Please send a new request with new weeks.',
          ],
          p.url ? { url: p.url, label: 'View the request' } : null,
          lang,
        ),
};

type Renderers = { [K in EmailKind]: (p: EmailParams[K], lang: UserLanguage) => RenderedEmail };

const RENDER: Renderers = {
  ...requestReview,
  ...lifecycle,
  invitation: (p, lang) =>
    lang === 'nl'
      ? compose(
          'Uitnodiging voor de planner van de techniekwagen',
          [
            p.inviterName
              ? `${p.inviterName} nodigt je uit als ${ROLE_NAMES.nl[p.role]} in de planner van de techniekwagen.`
              : `Je bent uitgenodigd als ${ROLE_NAMES.nl[p.role]} in de planner van de techniekwagen.`,
            `Kies via de link hieronder je naam en wachtwoord. De link werkt één keer en is ${p.expiresDays} dagen geldig.`,
          ],
          { url: p.url, label: 'Uitnodiging aannemen' },
          lang,
        )
      : compose(
          'Invitation to the techniekwagen planner',
          [
            `${p.inviterName ? `${p.inviterName} has invited you` : 'You have been invited'} as ${ROLE_NAMES.en[p.role]} to the techniekwagen planner.`,
            `Choose your name and password with the link below. The link works once and is valid for ${p.expiresDays} days.`,
          ],
          { url: p.url, label: 'Accept the invitation' },
          lang,
        ),
  password_reset: (p, lang) =>
    lang === 'nl'
      ? compose(
          'Nieuw wachtwoord voor de planner van de techniekwagen',
          [
            'Iemand (hopelijk jij) vroeg een nieuw wachtwoord aan voor dit e-mailadres.',
            `Kies via de link hieronder een nieuw wachtwoord. De link werkt één keer en is ${p.expiresMinutes} minuten geldig. Vroeg je niets aan? Dan kun je deze e-mail negeren.`,
          ],
          { url: p.url, label: 'Nieuw wachtwoord kiezen' },
          lang,
        )
      : compose(
          'New password for the techniekwagen planner',
          [
            'Someone (hopefully you) asked for a new password for this email address.',
            `Choose a new password with the link below. The link works once and is valid for ${p.expiresMinutes} minutes. If you did not ask for this, you can ignore this email.`,
          ],
          { url: p.url, label: 'Choose a new password' },
          lang,
        ),
  request_received: (p, lang) =>
    lang === 'nl'
      ? compose(
          `Aanvraag ontvangen: techniekwagen bij ${p.schoolName}`,
          [
            `We hebben de aanvraag voor een bezoek van de techniekwagen aan ${p.schoolName} ontvangen${p.reference ? ` (kenmerk ${p.reference})` : ''}.`,
            'De crew bekijkt de aanvraag en laat u weten wanneer het bezoek is ingepland.',
          ],
          p.url ? { url: p.url, label: 'Aanvraag bekijken' } : null,
          lang,
        )
      : compose(
          `Request received: techniekwagen at ${p.schoolName}`,
          [
            `We have received the request for a visit of the techniekwagen to ${p.schoolName}${p.reference ? ` (reference ${p.reference})` : ''}.`,
            'The crew will review it and let you know when the visit is planned.',
          ],
          p.url ? { url: p.url, label: 'View the request' } : null,
          lang,
        ),
  visit_planned: (p, lang) =>
    lang === 'nl'
      ? compose(
          `Bezoek ingepland: ${formatDate(p.date, 'nl')}`,
          [
            `De techniekwagen komt naar ${p.schoolName} op ${formatDate(p.date, 'nl')}${timeRange(p.startTime, p.endTime, 'nl')}.`,
            PREPARE.nl,
          ],
          p.url ? { url: p.url, label: 'Bezoek bevestigen' } : null,
          lang,
        )
      : compose(
          `Visit planned: ${formatDate(p.date, 'en')}`,
          [
            `The techniekwagen will visit ${p.schoolName} on ${formatDate(p.date, 'en')}${timeRange(p.startTime, p.endTime, 'en')}.`,
            PREPARE.en,
          ],
          p.url ? { url: p.url, label: 'Confirm the visit' } : null,
          lang,
        ),
  visit_changed: (p, lang) =>
    lang === 'nl'
      ? compose(
          `Bezoek gewijzigd: ${formatDate(p.date, 'nl')}`,
          movedToOtherDay(p)
            ? [
                `Het bezoek van de techniekwagen aan ${p.schoolName} is verplaatst (was ${formatDate(p.previousDate!, 'nl')}).`,
                `Nieuwe datum: ${formatDate(p.date, 'nl')}${timeRange(p.startTime, p.endTime, 'nl')}.`,
              ]
            : [
                `De tijd van het bezoek van de techniekwagen aan ${p.schoolName} is gewijzigd; de datum blijft ${formatDate(p.date, 'nl')}.`,
                `Nieuwe tijd:${timeRange(p.startTime, p.endTime, 'nl')}.`,
              ],
          p.url ? { url: p.url, label: 'Bezoek bekijken' } : null,
          lang,
        )
      : compose(
          `Visit changed: ${formatDate(p.date, 'en')}`,
          movedToOtherDay(p)
            ? [
                `The techniekwagen's visit to ${p.schoolName} has moved (was ${formatDate(p.previousDate!, 'en')}).`,
                `New date: ${formatDate(p.date, 'en')}${timeRange(p.startTime, p.endTime, 'en')}.`,
              ]
            : [
                `The time of the techniekwagen's visit to ${p.schoolName} has changed; the date stays ${formatDate(p.date, 'en')}.`,
                `New time:${timeRange(p.startTime, p.endTime, 'en')}.`,
              ],
          p.url ? { url: p.url, label: 'View the visit' } : null,
          lang,
        ),
  visit_delayed: (p, lang) =>
    lang === 'nl'
      ? compose(
          `Techniekwagen later vandaag: de sessie begint naar verwachting om ${p.expectedStart}`,
          [
            `De techniekwagen is onderweg naar ${p.schoolName}, maar loopt vertraging op.`,
            `De sessie van vandaag (${formatDate(p.date, 'nl')}) was gepland om ${p.plannedStart} en begint naar verwachting om ${p.expectedStart}, ${minutesText(p.lateMinutes, 'nl')} later (tot ongeveer ${p.expectedEnd}). De datum blijft hetzelfde.`,
            'Via de link hieronder ziet u waar de wagen nu is en wanneer hij naar verwachting aankomt.',
          ],
          { url: p.followUrl, label: 'Volg de wagen live' },
          lang,
        )
      : compose(
          `Techniekwagen later today: the session is expected to start at ${p.expectedStart}`,
          [
            `The techniekwagen is on its way to ${p.schoolName}, but is running late.`,
            `Today's session (${formatDate(p.date, 'en')}) was planned for ${p.plannedStart} and is expected to start at ${p.expectedStart}, ${minutesText(p.lateMinutes, 'en')} later (until about ${p.expectedEnd}). The date stays the same.`,
            'The link below shows where the truck is now and when it is expected to arrive.',
          ],
          { url: p.followUrl, label: 'Follow the truck live' },
          lang,
        ),
  visit_cancelled: (p, lang) =>
    lang === 'nl'
      ? compose(
          `Bezoek geannuleerd: ${formatDate(p.date, 'nl')}`,
          [
            `Het bezoek van de techniekwagen aan ${p.schoolName} op ${formatDate(p.date, 'nl')} gaat niet door.`,
            ...(p.reason ? [`Reden: ${p.reason}`] : []),
          ],
          p.url ? { url: p.url, label: 'Meer informatie' } : null,
          lang,
        )
      : compose(
          `Visit cancelled: ${formatDate(p.date, 'en')}`,
          [
            `The techniekwagen's visit to ${p.schoolName} on ${formatDate(p.date, 'en')} is cancelled.`,
            ...(p.reason ? [`Reason: ${p.reason}`] : []),
          ],
          p.url ? { url: p.url, label: 'More information' } : null,
          lang,
        ),
};

/** Renders an email of `kind` in `language`; every parameter is escaped in the HTML. */
export function renderEmail<K extends EmailKind>(
  kind: K,
  language: UserLanguage,
  params: EmailParams[K],
): RenderedEmail {
  return (RENDER[kind] as (p: EmailParams[K], l: UserLanguage) => RenderedEmail)(params, language);
}
