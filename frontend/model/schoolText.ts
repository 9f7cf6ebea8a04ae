import type { SchoolDto } from '../../shared/api/schools';

/** A one-line postal address ("Street 1, 3000 AA Place"), leaving out unknown parts. */
export function formatAddress(address: SchoolDto['address']): string {
  const street = [address.street, address.houseNumber].filter(Boolean).join(' ');
  const town = [address.postcode, address.place].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ');
}

/** DUO's structure ("VBO/MAVO/HAVO") in lower case as Dutch writes it, or null when DUO gives none. */
export function formatSchoolType(schoolType: string | null): string | null {
  if (!schoolType) return null;
  return schoolType
    .split('/')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
    .join(', ');
}

/** A website as a link target: DUO lists bare host names ("www.glr.nl"). */
export function websiteUrl(website: string | null): string | null {
  if (!website) return null;
  const trimmed = website.trim();
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}
