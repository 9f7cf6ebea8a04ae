import type { Types } from 'mongoose';
import { SESSION_LENGTHS, type RequestDto } from '../../shared/api/requests';
import type { VisitRequestFields } from '../models/VisitRequest';

/** A stored request as the API presents it; `duplicateOf` is computed by the service. */
export function toRequestDto(d: VisitRequestFields & { _id: Types.ObjectId }, duplicateOf: string | null): RequestDto {
  return {
    id: String(d._id),
    reference: d.reference,
    schoolId: d.schoolId ?? null,
    schoolName: d.schoolName,
    region: d.region ?? null,
    newSchool: d.newSchool
      ? {
          name: d.newSchool.name ?? '',
          street: d.newSchool.street ?? '',
          postcode: d.newSchool.postcode ?? '',
          place: d.newSchool.place ?? '',
        }
      : null,
    contact: { name: d.contact?.name ?? '', email: d.contact?.email ?? '', phone: d.contact?.phone ?? null },
    pupils: d.pupils,
    classes: d.classes,
    levels: d.levels as RequestDto['levels'],
    programmes: d.programmes,
    sessionLength: d.sessionLength,
    sessionMinutes: SESSION_LENGTHS[d.sessionLength],
    preferredWeeks: d.preferredWeeks.map((w) => ({ from: w.from!, to: w.to! })),
    excludedDates: d.excludedDates,
    earliestStart: d.earliestStart,
    latestEnd: d.latestEnd,
    remarks: d.remarks ?? '',
    language: d.language,
    status: d.status,
    history: d.history.map((h) => ({
      status: h.status,
      at: new Date(h.at).toISOString(),
      by: h.by ?? null,
      reason: h.reason ?? null,
    })),
    visit: d.visit
      ? {
          truckId: d.visit.truckId!,
          date: d.visit.date!,
          arrive: d.visit.arrive!,
          start: d.visit.start!,
          end: d.visit.end!,
          leave: d.visit.leave!,
        }
      : null,
    duplicateOf,
    submittedAt: new Date(d.submittedAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    version: d.version,
  };
}
