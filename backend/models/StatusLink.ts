import { model, Schema, type InferSchemaType } from 'mongoose';

/** A secret status URL of a request: only the token's SHA-256 is stored, as the _id (a direct lookup). */
const statusLinkSchema = new Schema(
  {
    _id: { type: String },
    requestId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'statusLinks', versionKey: false },
);

export type StatusLinkFields = InferSchemaType<typeof statusLinkSchema>;
export const StatusLink = model('StatusLink', statusLinkSchema);
