import {
  LEVELS,
  SESSION_LENGTH_IDS,
  type Level,
  type RequestDto,
  type SessionLength,
  type UpdateRequestInput,
} from '../../../shared/api/requests';
import { rangesToWeeks, weeksToRanges } from './weeks';

/** What the request form holds while someone types: numbers stay text so nothing typed is ever lost. */
export interface RequestDraft {
  contact: { name: string; email: string; phone: string };
  pupils: string;
  classes: string;
  levels: Level[];
  programmes: string[];
  sessionLength: SessionLength;
  /** Mondays of the chosen weeks. */
  weeks: string[];
  excludedDates: string[];
  earliestStart: string;
  latestEnd: string;
  remarks: string;
}

/** Field messages by field key (e.g. "contact.email", "pupils", "preferredWeeks"). */
export type FieldErrors = Record<string, string>;

export const EMPTY_DRAFT: RequestDraft = {
  contact: { name: '', email: '', phone: '' },
  pupils: '',
  classes: '',
  levels: [],
  programmes: [],
  sessionLength: 'half-day',
  weeks: [],
  excludedDates: [],
  earliestStart: '08:30',
  latestEnd: '15:30',
  remarks: '',
};

export { LEVELS, SESSION_LENGTH_IDS };

/** A number field's text as a number; empty text becomes NaN so the schema reports it. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The fields of a draft as the API's request body expects them. */
export function draftToInput(draft: RequestDraft) {
  return {
    contact: {
      name: draft.contact.name,
      email: draft.contact.email,
      ...(draft.contact.phone.trim() ? { phone: draft.contact.phone } : {}),
    },
    pupils: toNumber(draft.pupils),
    classes: toNumber(draft.classes),
    levels: draft.levels,
    programmes: draft.programmes,
    sessionLength: draft.sessionLength,
    preferredWeeks: weeksToRanges(draft.weeks),
    excludedDates: [...draft.excludedDates].sort(),
    earliestStart: draft.earliestStart,
    latestEnd: draft.latestEnd,
    remarks: draft.remarks,
  };
}

/** A stored request as a draft to edit. */
export function requestToDraft(r: RequestDto): RequestDraft {
  return {
    contact: { name: r.contact.name, email: r.contact.email, phone: r.contact.phone ?? '' },
    pupils: String(r.pupils),
    classes: String(r.classes),
    levels: [...r.levels],
    programmes: [...r.programmes],
    sessionLength: r.sessionLength,
    weeks: rangesToWeeks(r.preferredWeeks),
    excludedDates: [...r.excludedDates],
    earliestStart: r.earliestStart,
    latestEnd: r.latestEnd,
    remarks: r.remarks,
  };
}

/** The changed wishes of a draft against the stored request, for PATCH (only what differs). */
export function draftToUpdate(draft: RequestDraft, r: RequestDto): UpdateRequestInput {
  const input = draftToInput(draft);
  const out: Record<string, unknown> = { version: r.version };
  const before = draftToInput(requestToDraft(r));
  for (const key of Object.keys(input) as Array<keyof typeof input>) {
    if (JSON.stringify(input[key]) !== JSON.stringify(before[key])) out[key] = input[key];
  }
  return out as UpdateRequestInput;
}

/** The form field an API or schema issue path belongs to ("contact.email", "preferredWeeks.0.to" → "preferredWeeks"). */
export function fieldKeyOf(path: string): string {
  const parts = path.split('.');
  if ((parts[0] === 'contact' || parts[0] === 'newSchool') && parts[1]) return `${parts[0]}.${parts[1]}`;
  return parts[0] || 'form';
}

/** Issues (from zod or from a 400's details) as one message per field, first message wins. */
export function issuesToFieldErrors(
  issues: ReadonlyArray<{ path: string | ReadonlyArray<PropertyKey>; message: string }>,
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    const key = fieldKeyOf(path);
    out[key] ??= issue.message;
  }
  return out;
}

/** A 400's `details` as field errors, when they have the error handler's `[{path, message}]` shape (English: `messageEn` where the server gives one). */
export function detailsToFieldErrors(details: unknown, lang: 'nl' | 'en' = 'nl'): FieldErrors {
  if (!Array.isArray(details)) return {};
  const issues = details.filter(
    (d): d is { path: string; message: string; messageEn?: string } =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
  return issuesToFieldErrors(
    issues.map((d) => ({
      path: d.path,
      message: lang === 'en' && typeof d.messageEn === 'string' ? d.messageEn : d.message,
    })),
  );
}

/** True when a 400's details carry an English message (the server's refusals of weeks that cannot be planned). */
export const hasEnglishDetails = (details: unknown) =>
  Array.isArray(details) && details.some((d) => typeof (d as { messageEn?: unknown })?.messageEn === 'string');
