/** One event of an iCalendar feed; dates ISO, times "HH:MM" local (Europe/Amsterdam). */
export interface IcsEvent {
  /** Stable across updates: the same visit always has the same UID. */
  uid: string;
  date: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
  /** Increases with every change, so calendar apps replace their copy (RFC 5545 §3.8.7.4). */
  sequence: number;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** When the event last changed (UTC). */
  updatedAt: Date;
}

const TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and every line break (CRLF, a bare LF and a
 * bare CR alike, as well as the Unicode line and paragraph separators) as `\n`. Other control characters, which
 * TEXT does not allow (§3.3.11: no CTLs but HTAB), are dropped: a bare CR left in would end the content line in
 * clients that split on CR, and the rest of the remark would be read as properties or events of its own.
 */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|[\r\n\v\f\u0085\u2028\u2029]/g, '\\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, ''); // eslint-disable-line no-control-regex -- removing them is the point
}

/** Folds a content line to at most 75 octets per line (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;

/** A VCALENDAR (RFC 5545) with the events, CRLF line ends, folded lines. */
export function buildIcs(name: string, events: IcsEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Grafisch Lyceum Rotterdam//Techniekwagen planner//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(name)}`,
    'X-WR-TIMEZONE:Europe/Amsterdam',
    ...TIMEZONE,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(e.updatedAt)}`,
      `LAST-MODIFIED:${stamp(e.updatedAt)}`,
      `DTSTART;TZID=Europe/Amsterdam:${local(e.date, e.start)}`,
      `DTEND;TZID=Europe/Amsterdam:${local(e.date, e.end)}`,
      `SUMMARY:${escapeIcsText(e.summary)}`,
      ...(e.location ? [`LOCATION:${escapeIcsText(e.location)}`] : []),
      ...(e.description ? [`DESCRIPTION:${escapeIcsText(e.description)}`] : []),
      `SEQUENCE:${e.sequence}`,
      `STATUS:${e.status}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
