import { z } from 'zod';
import { EVENT_STATUSES } from './seasons.schemas.js';
import { MAX_FEATURED } from './livestream.order.js';

// Livestream rooms (issue 5 §6). Field messages are catalogue keys (validation.*).

const Id = z.number().int().min(1);

export const LiveParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const LivePostingParamsSchema = LiveParamsSchema.extend({ postingId: z.coerce.number().int().min(1) });

export const AddFeaturedSchema = z.object({ postingId: Id });
/** The whole live order, first to last: exactly the postings the room holds now. */
export const OrderSchema = z.object({ postingIds: z.array(Id).max(MAX_FEATURED) });
/** The posting being presented now, or null when none is. */
export const PinSchema = z.object({ postingId: Id.nullable() });
/** Viewers as the streaming platform shows them, with the version the console saw (optimistic: a stale one is refused). */
export const ViewersSchema = z.object({ viewers: z.number().int().min(0).max(100_000_000), version: z.number().int().min(1) });

export const LivePostingSchema = z.object({
  id: z.number(),
  position: z.number(),
  /** The one on air now. */
  pinned: z.boolean(),
  title: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string() }),
  region: z.object({ code: z.string(), name: z.string(), fullName: z.string() }),
  /** The posting's province: featured postings come from both. */
  federation: z.enum(['50', '51']),
  jobType: z.object({ code: z.string(), name: z.string() }),
  salaryNegotiable: z.boolean(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  headcount: z.number(),
  benefits: z.array(z.string()),
  /** Still published and valid: one may apply. */
  open: z.boolean(),
});

export const LiveRoomSchema = z.object({
  event: z.object({
    id: z.number(), seasonId: z.number(), name: z.string(), description: z.string(), status: z.enum(EVENT_STATUSES),
    startsAt: z.string(), endsAt: z.string(), platform: z.string(), streamUrl: z.string(),
    hostUnion: z.object({ id: z.string(), name: z.string() }),
    region: z.object({ code: z.string(), name: z.string(), fullName: z.string() }),
  }),
  season: z.object({ id: z.number(), name: z.string() }),
  pinnedPostingId: z.number().nullable(),
  pinnedAt: z.string().nullable(),
  /** In live order. */
  postings: z.array(LivePostingSchema),
  counters: z.object({ viewers: z.number(), applications: z.number(), intents: z.number() }),
  /** The version a viewer count must be entered with. */
  viewersVersion: z.number(),
  updatedAt: z.string().nullable(),
});
export type LiveRoom = z.infer<typeof LiveRoomSchema>;
export type LivePosting = z.infer<typeof LivePostingSchema>;
