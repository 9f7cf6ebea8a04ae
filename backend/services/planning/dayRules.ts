/** Why a visit cannot go on a truck's day, in both languages, with a reason code for the API. */
export interface DayBlocker {
  reason: 'holiday' | 'truck_weekday' | 'truck_unavailable' | 'outside_weeks' | 'school_blocked';
  nl: string;
  en: string;
}

/** What is known of one request on one truck-day, however it was read (a plan's instance or the database). */
export interface DayFacts {
  date: string;
  /** A school or public holiday on the calendar. */
  isClosed: boolean;
  truckName: string;
  /** Whether the truck works on this day of the week. */
  truckWorks: boolean;
  /** A `truck_unavailable` entry covers the date. */
  truckUnavailable: boolean;
  /** The date lies outside every week the school asked for (not checked when the crew books by hand). */
  outsideWeeks?: boolean;
  /** The school itself said it cannot on this date. */
  schoolExcluded: boolean;
}

/**
 * The rules a truck-day must pass for a request, in the order they are explained: the first one broken, or null.
 * Used by the planning board's move check (plans.ts whyNotOnDay) and by direct bookings (truckDays.ts), so the two
 * never disagree on a day or word a refusal differently.
 */
export function dayBlocker(f: DayFacts): DayBlocker | null {
  if (f.isClosed)
    return { reason: 'holiday', nl: `${f.date} is een vakantie- of feestdag.`, en: `${f.date} is a holiday.` };
  if (!f.truckWorks)
    return {
      reason: 'truck_weekday',
      nl: `${f.truckName} rijdt niet op deze dag van de week.`,
      en: `${f.truckName} does not work on this day of the week.`,
    };
  if (f.truckUnavailable)
    return {
      reason: 'truck_unavailable',
      nl: `${f.truckName} is op ${f.date} niet beschikbaar.`,
      en: `${f.truckName} is not available on ${f.date}.`,
    };
  if (f.outsideWeeks)
    return {
      reason: 'outside_weeks',
      nl: `${f.date} valt buiten de weken die de school vroeg.`,
      en: `${f.date} is outside the weeks the school asked for.`,
    };
  if (f.schoolExcluded)
    return { reason: 'school_blocked', nl: `De school kan op ${f.date} niet.`, en: `The school cannot on ${f.date}.` };
  return null;
}
