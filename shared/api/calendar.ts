import { z } from 'zod';
import { isoDateSchema } from './common';

export const CALENDAR_KINDS = ['school_holiday', 'public_holiday', 'truck_unavailable'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** `GET /api/calendar?from&to`: at most about two school years at once. */
export const calendarQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((q) => q.from <= q.to, { message: '`from` moet op of voor `to` liggen', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 800 * 86_400_000, {
    message: 'de periode mag hoogstens 800 dagen zijn',
    path: ['to'],
  });
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

/** A period on the calendar (inclusive dates) on which the truck does not visit schools. */
export interface CalendarEntryDto {
  id: string;
  kind: CalendarKind;
  name: string;
  startDate: string;
  endDate: string;
  truckId: string | null;
  note: string | null;
}
