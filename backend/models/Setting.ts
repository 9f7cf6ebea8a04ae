import { model, Schema } from 'mongoose';

/** Installation-wide values the app makes itself, e.g. the key that signs calendar feed links. */
const settingSchema = new Schema(
  { _id: { type: String }, value: { type: String, required: true } },
  { collection: 'settings', versionKey: false },
);

export const Setting = model('Setting', settingSchema);
