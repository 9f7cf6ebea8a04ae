import { z } from 'zod';
import { isoDateSchema } from './common';
import { schoolIdSchema } from './schools';

/**
 * Lifecycle of a visit request: ingediend → geaccepteerd → ingepland → bevestigd → uitgevoerd; a published visit that
 * moved to another date is "verzet" until the school confirms it again; afgewezen and geannuleerd end it.
 */
export const REQUEST_STATUSES = [
  'submitted',
  'accepted',
  'planned',
  'confirmed',
  'done',
  'declined',
  'cancelled',
  'moved',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Each status in a sentence ("Aanvraag TW-… is {label}"), lowercase: Dutch and English. */
export const REQUEST_STATUS_WORDS: Record<'nl' | 'en', Record<RequestStatus, string>> = {
  nl: {
    submitted: 'ingediend',
    accepted: 'geaccepteerd',
    planned: 'ingepland',
    moved: 'verzet',
    confirmed: 'bevestigd',
    done: 'uitgevoerd',
    declined: 'afgewezen',
    cancelled: 'geannuleerd',
  },
  en: {
    submitted: 'submitted',
    accepted: 'accepted',
    planned: 'planned',
    moved: 'moved',
    confirmed: 'confirmed',
    done: 'carried out',
    declined: 'declined',
    cancelled: 'cancelled',
  },
};

/** The word for `status` in `language`, or the status itself when it is not one of REQUEST_STATUSES. */
export const statusWord = (status: string, language: 'nl' | 'en' = 'nl'): string =>
  (REQUEST_STATUS_WORDS[language] as Record<string, string>)[status] ?? status;

/**
 * Which status may follow which; anything else is refused with 409 `invalid_transition`. The one place that
 * changes a status is backend/services/requests.ts (transitionRequest), which also checks who may do it and the
 * version (a stale write gets 409).
 */
export const REQUEST_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ['accepted', 'declined', 'cancelled'],
  accepted: ['planned', 'declined', 'cancelled'],
  planned: ['confirmed', 'moved', 'done', 'accepted', 'cancelled', 'declined'],
  moved: ['confirmed', 'planned', 'done', 'accepted', 'cancelled', 'declined'],
  confirmed: ['done', 'moved', 'planned', 'accepted', 'cancelled', 'declined'],
  done: [],
  declined: [],
  cancelled: [],
};

/** Statuses with a published visit on a truck's day. */
export const VISIT_STATUSES: readonly RequestStatus[] = ['planned', 'moved', 'confirmed'];

/** Statuses in which the school may confirm its visit (one click; confirming twice changes nothing). */
export const SCHOOL_CONFIRMABLE_STATUSES: readonly RequestStatus[] = ['planned', 'moved'];

/** Statuses in which the school may still change its wishes or cancel without giving a reason. */
export const SCHOOL_EDITABLE_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'planned', 'moved'];

export const LEVELS = ['vmbo-basis', 'vmbo-kader', 'vmbo-gl', 'vmbo-tl', 'overig'] as const;
export type Level = (typeof LEVELS)[number];

/** Session lengths and their minutes with the pupils; set-up and teardown come on top. */
export const SESSION_LENGTHS = { '2-hours': 120, 'half-day': 180, 'whole-day': 300 } as const;
export type SessionLength = keyof typeof SESSION_LENGTHS;
export const SESSION_LENGTH_IDS = Object.keys(SESSION_LENGTHS) as SessionLength[];

/** Truck work on site before and after a session, in minutes. */
export const SETUP_MINUTES = 45;
export const TEARDOWN_MINUTES = 30;

/** The programme items a school can ask for (the crew can extend the list). */
export const DEFAULT_PROGRAMMES = [
  'programmeren',
  'vr-ar',
  '3d-printen',
  'robotica',
  'drones',
  'lasersnijden',
  'elektronica',
] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'tijd als UU:MM, bijvoorbeeld 08:30');
const dateRange = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'de eerste dag moet op of voor de laatste liggen', path: ['to'] });

/** A school not in the seeded list, described by the requester. */
const newSchoolSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    street: z.string().trim().min(2).max(120),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{4}\s?[A-Za-z]{2}$/, 'postcode als 1234 AB'),
    place: z.string().trim().min(2).max(80),
  })
  .strict();

/** The school's contact person for this visit. */
const contactSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    email: z.string().trim().toLowerCase().max(200).pipe(z.email('geen geldig e-mailadres')),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{6,20}$/, 'telefoonnummer met cijfers, spaties of +')
      .optional(),
  })
  .strict();

/** The body of `POST /api/requests` (the public request form). */
export const createRequestSchema = z
  .object({
    schoolId: schoolIdSchema.optional(),
    newSchool: newSchoolSchema.optional(),
    contact: contactSchema,
    pupils: z.number().int().min(1).max(400),
    classes: z.number().int().min(1).max(20),
    levels: z.array(z.enum(LEVELS)).min(1).max(LEVELS.length),
    programmes: z.array(z.string().trim().min(2).max(40)).min(1).max(10),
    sessionLength: z.enum(SESSION_LENGTH_IDS as [SessionLength, ...SessionLength[]]),
    preferredWeeks: z.array(dateRange).min(1).max(8),
    excludedDates: z.array(isoDateSchema).max(60).default([]),
    earliestStart: hhmm.default('08:30'),
    latestEnd: hhmm.default('15:30'),
    remarks: z.string().trim().max(2000).default(''),
    language: z.enum(['nl', 'en']).default('nl'),
    /** Honeypot: a field people never see; bots fill it. */
    website: z.string().max(200).optional(),
  })
  .strict()
  .refine((r) => Boolean(r.schoolId) !== Boolean(r.newSchool), {
    message: 'kies een school uit de lijst of beschrijf een nieuwe school (één van beide)',
    path: ['schoolId'],
  })
  .refine((r) => r.earliestStart < r.latestEnd, {
    message: 'de eindtijd moet na de begintijd liggen',
    path: ['latestEnd'],
  });
export type CreateRequestInput = z.infer<typeof createRequestSchema>;

/** The school's (or crew's) change of wishes: the same fields, all optional, plus the version it saw. */
export const updateRequestSchema = z
  .object({
    version: z.number().int().min(0),
    contact: contactSchema.optional(),
    pupils: z.number().int().min(1).max(400).optional(),
    classes: z.number().int().min(1).max(20).optional(),
    levels: z.array(z.enum(LEVELS)).min(1).max(LEVELS.length).optional(),
    programmes: z.array(z.string().trim().min(2).max(40)).min(1).max(10).optional(),
    sessionLength: z.enum(SESSION_LENGTH_IDS as [SessionLength, ...SessionLength[]]).optional(),
    preferredWeeks: z.array(dateRange).min(1).max(8).optional(),
    excludedDates: z.array(isoDateSchema).max(60).optional(),
    earliestStart: hhmm.optional(),
    latestEnd: hhmm.optional(),
    remarks: z.string().trim().max(2000).optional(),
  })
  .strict();
export type UpdateRequestInput = z.infer<typeof updateRequestSchema>;

/** A status change: accept, decline (reason required), cancel (reason required once confirmed), confirm, done. */
export const changeStatusSchema = z
  .object({
    version: z.number().int().min(0),
    status: z.enum(REQUEST_STATUSES),
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .strict();
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

/** `GET /api/requests` filters. */
export const listRequestsQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    schoolId: schoolIdSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(5000).default(100),
  })
  .strict();
export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

/** One entry of a request's history. */
export interface StatusChange {
  status: RequestStatus;
  at: string;
  by: string | null;
  reason: string | null;
}

/** A planned visit as the request shows it. */
export interface RequestVisitDto {
  truckId: string;
  date: string;
  arrive: string;
  start: string;
  end: string;
  leave: string;
}

/** A visit request as the API presents it. */
export interface RequestDto {
  id: string;
  reference: string;
  schoolId: string | null;
  schoolName: string;
  region: string | null;
  newSchool: CreateRequestInput['newSchool'] | null;
  contact: { name: string; email: string; phone: string | null };
  pupils: number;
  classes: number;
  levels: Level[];
  programmes: string[];
  sessionLength: SessionLength;
  sessionMinutes: number;
  preferredWeeks: Array<{ from: string; to: string }>;
  excludedDates: string[];
  earliestStart: string;
  latestEnd: string;
  remarks: string;
  language: 'nl' | 'en';
  status: RequestStatus;
  history: StatusChange[];
  visit: RequestVisitDto | null;
  /** Another open request of the same school with overlapping weeks, if any. */
  duplicateOf: string | null;
  submittedAt: string;
  updatedAt: string;
  version: number;
}

/** `POST /api/requests` answer: the request and its secret status link (shown once). */
export interface CreatedRequestDto {
  request: RequestDto;
  statusUrl: string;
}
