import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex characters. */
export const objectIdSchema = z.string().regex(/^[a-f0-9]{24}$/i, 'moet een id van 24 hexadecimale tekens zijn');

/** An ISO calendar date, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();

/** `?page=&pageSize=` paging, 1-based; pageSize up to 500 so the map can ask for every school at once. */
export const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** A list response with paging information. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
