import { model, Schema, type InferSchemaType } from 'mongoose';
import { ROLES, USER_LANGUAGES, USER_STATUSES } from '../../shared/api/auth';
import { SCHOOL_ID_PATTERN } from '../../shared/api/schools';

const userSchema = new Schema(
  {
    /** Lowercased; unique. The users collection is small, so the login lookup by email is cheap even as a scan. */
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, default: null, maxlength: 100 },
    role: { type: String, enum: ROLES, required: true },
    /** The schools a school contact speaks for; empty for every other role. */
    schoolIds: { type: [{ type: String, match: SCHOOL_ID_PATTERN }], default: [] },
    language: { type: String, enum: USER_LANGUAGES, default: 'nl' },
    status: { type: String, enum: USER_STATUSES, required: true },
    /** `scrypt$N$r$p$salt$hash` (base64); null until an invitation is accepted. */
    passwordHash: { type: String, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { collection: 'users', versionKey: false, timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });

export type UserFields = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema);
