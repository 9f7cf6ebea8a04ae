import { trusted } from 'mongoose';
import type { Page } from '../../shared/api/common';
import type { ListSchoolsQuery, SchoolDto } from '../../shared/api/schools';
import { NotFoundError } from '../errors';
import { School, type SchoolFields } from '../models/School';
import { toSchoolDto } from '../presenters';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One page of schools matching the filters, sorted by name. */
export async function listSchools(query: ListSchoolsQuery): Promise<Page<SchoolDto>> {
  // sanitizeFilter is on: operators we write ourselves are marked trusted; user text never is.
  const filter: Record<string, unknown> = {};
  if (query.region) filter.region = query.region;
  if (query.municipality) filter.municipality = query.municipality;
  if (query.type === 'vmbo') filter.offersVmbo = true;
  else if (query.type) filter.level = query.type;
  if (query.q) filter.searchText = trusted({ $regex: escapeRegex(query.q.toLowerCase()) });
  const [docs, total] = await Promise.all([
    School.find(filter)
      .sort({ name: 1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<Array<SchoolFields & { _id: string }>>(),
    School.countDocuments(filter),
  ]);
  return { items: docs.map(toSchoolDto), total, page: query.page, pageSize: query.pageSize };
}

/** The school with this id; throws NotFoundError when there is none. */
export async function getSchool(id: string): Promise<SchoolDto> {
  const doc = await School.findById(id).lean<SchoolFields & { _id: string }>();
  if (!doc) throw new NotFoundError(`School ${id}`);
  return toSchoolDto(doc);
}
