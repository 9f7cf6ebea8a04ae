import { model, Schema, type InferSchemaType } from 'mongoose';
import { PLAN_STATUSES } from '../../shared/api/plans';

/**
 * A plan the crew made ("Plan maken"): the instance it was made from and the optimizer's result, both
 * as JSON text (the exchange format has arrays of arrays, which FerretDB 1.x cannot store as such).
 */
const planDraftSchema = new Schema(
  {
    name: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    truckIds: { type: [String], required: true },
    seed: { type: Number, required: true },
    timeLimitSeconds: { type: Number, required: true },
    fairnessTolerance: { type: Number, default: null },
    status: { type: String, enum: PLAN_STATUSES, required: true },
    progress: { type: Schema.Types.Mixed, default: null },
    error: { type: String, default: null },
    instanceJson: { type: String, required: true },
    /** Maps the instance's request ids to stored requests and what the board shows of them, as JSON. */
    requestsJson: { type: String, required: true },
    planJson: { type: String, default: null },
    figuresJson: { type: String, default: null },
    reasonsJson: { type: String, default: null },
    statsJson: { type: String, default: null },
    /** The alternatives (PlanAlternativeDto[]) as JSON, when the plan was made with them. */
    alternativesJson: { type: String, default: null },
    /** Which alternative the crew chose, by whom and why (ChosenAlternativeDto). */
    chosenAlternative: { type: Schema.Types.Mixed, default: null },
    /** What-if plans: the scenario they were made with (never published). */
    scenario: { type: Schema.Types.Mixed, default: null },
    pinned: { type: [String], default: [] },
    basePlanId: { type: Schema.Types.ObjectId, default: null },
    createdBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    version: { type: Number, required: true, default: 0 },
  },
  { collection: 'plans', versionKey: false },
);

export type PlanDraftFields = InferSchemaType<typeof planDraftSchema>;
export const PlanDraft = model('PlanDraft', planDraftSchema);
