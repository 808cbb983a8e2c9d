import { z } from 'zod';
import { PIPELINE } from './pipeline.js';

export const ApplicationStatusSchema = z.enum(PIPELINE as ['new', 'viewed', 'interview', 'intent', 'hired', 'rejected', 'withdrawn']);
export const IdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
// A tap on "apply" sends no body at all (no content type): that is an empty application.
export const ApplyBodySchema = z.preprocess((v) => v ?? {}, z.object({ message: z.string().trim().max(500).nullable().optional() }));
export const PageSchema = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export const ApplicantsQuerySchema = PageSchema.extend({ status: ApplicationStatusSchema.optional() });
export const ApplicantUpdateSchema = z.object({
  status: ApplicationStatusSchema.optional(), note: z.string().trim().min(1).max(1000).optional(), version: z.number().int().positive(),
});

export const ApplicationSummarySchema = z.object({ id: z.number(), postingId: z.number(), status: ApplicationStatusSchema, createdAt: z.string() });

export const MyApplicationSchema = z.object({
  id: z.number(), status: ApplicationStatusSchema, appliedAt: z.string(), updatedAt: z.string(), interviewAccepted: z.boolean(),
  posting: z.object({
    id: z.number(), title: z.string(), regionCode: z.string(), salaryMin: z.number().nullable(), salaryMax: z.number().nullable(),
    salaryNegotiable: z.boolean(), open: z.boolean(), enterprise: z.object({ id: z.string(), name: z.string() }),
  }),
});

export const ApplicantRowSchema = z.object({
  id: z.number(), status: ApplicationStatusSchema, appliedAt: z.string(), updatedAt: z.string(),
  applicant: z.object({ name: z.string(), education: z.string().nullable(), experience: z.string().nullable(), skills: z.array(z.string()) }),
});

export const ApplicantDetailSchema = z.object({
  id: z.number(), status: ApplicationStatusSchema, version: z.number(), appliedAt: z.string(), message: z.string().nullable(), interviewAccepted: z.boolean(),
  posting: z.object({ id: z.number(), title: z.string(), enterprise: z.object({ id: z.string(), name: z.string() }) }),
  applicant: z.object({
    name: z.string(), regionCode: z.string().nullable(), education: z.string().nullable(), experience: z.string().nullable(), skills: z.array(z.string()),
    phone: z.string().nullable(), phoneVisible: z.boolean(), resume: z.string().nullable(), resumeHidden: z.boolean(),
    /** The uploaded résumé's name and size when the seeker lets this employer see it (GET /api/applications/:id/resume). */
    resumeFile: z.object({ name: z.string(), mime: z.string(), size: z.number() }).nullable(),
  }).nullable(),
  history: z.array(z.object({
    id: z.number(), action: z.string(), from: z.string().nullable(), to: z.string().nullable(), note: z.string().nullable(), at: z.string(), actor: z.string().nullable(),
  })),
  actions: z.array(ApplicationStatusSchema),
});
