import { model, Schema, type InferSchemaType } from 'mongoose';

export const LINK_TOKEN_KINDS = ['invitation', 'password_reset'] as const;
export type LinkTokenKind = (typeof LINK_TOKEN_KINDS)[number];

const linkTokenSchema = new Schema(
  {
    /** SHA-256 (hex) of the token in the emailed link; the link itself is never stored. */
    _id: { type: String, match: /^[a-f0-9]{64}$/ },
    kind: { type: String, enum: LINK_TOKEN_KINDS, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    /** Set when the link is used; a used link never works again. */
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'linkTokens', versionKey: false },
);
linkTokenSchema.index({ userId: 1 });
linkTokenSchema.index({ expiresAt: 1 });

export type LinkTokenFields = InferSchemaType<typeof linkTokenSchema>;
export const LinkToken = model('LinkToken', linkTokenSchema);
