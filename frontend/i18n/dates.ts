import { format, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import type { Language } from './translate';

/** The time zone every time in the planner is shown in. */
export const TIME_ZONE = 'Europe/Amsterdam';

const DATE_LOCALES = { nl, en: enGB } as const;

/** An ISO calendar date (YYYY-MM-DD) as a long date, e.g. "22 november 2024" or "22 November 2024". */
export function formatDate(isoDate: string, lang: Language): string {
  return format(parseISO(isoDate), 'd MMMM yyyy', { locale: DATE_LOCALES[lang] });
}

/** An ISO instant as a clock time in Europe/Amsterdam, e.g. "09:30". */
export function formatTime(isoInstant: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(isoInstant));
}
