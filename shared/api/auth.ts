import { z } from 'zod';
import { objectIdSchema, pagingSchema } from './common';
import { schoolIdSchema } from './schools';

/** Who a user is: admin, crew (plans tours), coordinator (reads everything), school (contact of its schools). */
export const ROLES = ['admin', 'crew', 'coordinator', 'school'] as const;
export type Role = (typeof ROLES)[number];

/** Languages of the interface and of the emails a user gets. */
export const USER_LANGUAGES = ['nl', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** A user's account state: invited (no password yet), active, or deactivated by an admin. */
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Passwords: at least 10 characters; at most 200 so hashing stays cheap for the server. */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `moet minstens ${PASSWORD_MIN_LENGTH} tekens hebben`)
  .max(200, 'mag hoogstens 200 tekens hebben');

/** An email address, trimmed and lowercased. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('is geen geldig e-mailadres'))
  .transform((e) => e.toLowerCase());

/** A single-use link token: 32 random bytes in base64url. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is geen geldige link');

const nameSchema = z.string().trim().min(1).max(100);
const schoolIdsSchema = z.array(schoolIdSchema).max(50);

/** `POST /api/session`: log in. */
export const loginSchema = z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) });
export type LoginInput = z.infer<typeof loginSchema>;

/** `POST /api/password-resets`: ask for a reset link. */
export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });

/** `POST /api/password-resets/:token`: choose a new password. */
export const passwordResetSchema = z.strictObject({ password: passwordSchema });

/** `POST /api/invitations` (admin): invite a user by email. School contacts need one or more school ids. */
export const invitationSchema = z
  .strictObject({
    email: emailSchema,
    name: nameSchema.optional(),
    role: z.enum(ROLES),
    schoolIds: schoolIdsSchema.default([]),
    language: z.enum(USER_LANGUAGES).default('nl'),
  })
  .refine((i) => (i.role === 'school') === i.schoolIds.length > 0, {
    message: 'een schoolcontact hoort bij één of meer scholen; andere rollen bij geen',
    path: ['schoolIds'],
  });
export type InvitationInput = z.infer<typeof invitationSchema>;

/** `POST /api/invitations/:token/accept`: the invitee chooses a name and password. */
export const acceptInvitationSchema = z.strictObject({
  name: nameSchema,
  password: passwordSchema,
  language: z.enum(USER_LANGUAGES).optional(),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/** `PATCH /api/users/:id` (admin): role, schools, name or status. */
export const updateUserSchema = z
  .strictObject({
    name: nameSchema.optional(),
    role: z.enum(ROLES).optional(),
    schoolIds: schoolIdsSchema.optional(),
    status: z.enum(['active', 'deactivated']).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'geef minstens één veld' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** `PATCH /api/users/me`: own name, language or password (the current password is needed for a new one). */
export const updateProfileSchema = z
  .strictObject({
    name: nameSchema.optional(),
    language: z.enum(USER_LANGUAGES).optional(),
    currentPassword: z.string().min(1).max(200).optional(),
    newPassword: passwordSchema.optional(),
  })
  .refine((p) => !p.newPassword || p.currentPassword, {
    message: 'geef het huidige wachtwoord om een nieuw te kiezen',
    path: ['currentPassword'],
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'geef minstens één veld' });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

/** `GET /api/users?role&status&page&pageSize`. */
export const listUsersQuerySchema = pagingSchema
  .extend({ role: z.enum(ROLES).optional(), status: z.enum(USER_STATUSES).optional() })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userIdSchema = objectIdSchema;

/** A user as the API presents it (never the password hash). */
export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  schoolIds: string[];
  language: UserLanguage;
  status: UserStatus;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `GET /api/session`: the logged-in user, or null. */
export interface SessionDto {
  user: UserDto | null;
}
