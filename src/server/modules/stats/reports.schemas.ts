import { z } from 'zod';

// Requests of the report downloads (the answers are files: .xlsx, PDF, CSV).

export const ReportIdParamsSchema = z.object({ id: z.coerce.number().int().min(1) });

export const IntentsQuerySchema = z.object({
  /** Only this event's intents. */
  eventId: z.coerce.number().int().min(1).optional(),
});

export const BoothCardQuerySchema = z.object({
  /** Paper size: A5 (default, a table card) or A4. */
  size: z.enum(['A5', 'A4']).default('A5'),
});
