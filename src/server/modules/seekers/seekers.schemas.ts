import { z } from 'zod';
import { isValidIdCard } from '../../../shared/validators.js';
import { NameSchema, PasswordSchema, PhoneSchema } from '../accounts/accounts.schemas.js';
import { EDUCATION, EXPERIENCE } from '../jobs/postings.schemas.js';
import { RegionRefSchema } from '../orgs/enterprises.schemas.js';

// Job seekers (issue 4 §3): sign-up by phone with consent, a profile, privacy, export and deletion.

export const RESUME_VISIBILITY = ['applied', 'verified', 'none'] as const;

const RegionCode = z.string().regex(/^\d{6}$/, { message: 'validation.region_code' });
const Tag = z.string().trim().min(1).max(20);

export const SeekerRegisterSchema = z.object({
  phone: PhoneSchema,
  password: PasswordSchema,
  name: NameSchema,
  /** 同意《个人信息处理规则》: collection needs it (PIPL art. 13–14). */
  consent: z.literal(true, { message: 'seekers.consent_required' }),
});
export type SeekerRegister = z.infer<typeof SeekerRegisterSchema>;

export const ProfileUpdateSchema = z.object({
  name: NameSchema.optional(),
  idCard: z.string().trim().toUpperCase().refine(isValidIdCard, { message: 'validation.id_card' }).nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  education: z.enum(EDUCATION).optional(),
  experience: z.enum(EXPERIENCE).optional(),
  skills: z.array(Tag).max(20).optional(),
  desiredJobTypes: z.array(z.string().max(60)).max(5).optional(),
  desiredRegions: z.array(RegionCode).max(5).optional(),
  desiredSalary: z.number().int().min(0).max(1_000_000).nullable().optional(),
  resumeText: z.string().max(5000).optional(),
  resumeVisibility: z.enum(RESUME_VISIBILITY).optional(),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

export const StoredFileSchema = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() });

export const ProfileSchema = z.object({
  name: z.string(),
  phoneMasked: z.string().nullable(),
  idCardMasked: z.string().nullable(),
  region: RegionRefSchema.nullable(),
  education: z.enum(EDUCATION),
  experience: z.enum(EXPERIENCE),
  skills: z.array(z.string()),
  desiredJobTypes: z.array(z.object({ code: z.string(), name: z.string() })),
  desiredRegions: z.array(RegionRefSchema),
  desiredSalary: z.number().nullable(),
  resumeText: z.string(),
  /** An uploaded résumé (PDF, Word or a photo), sealed at rest; downloaded from /api/me/resume. */
  resumeFile: StoredFileSchema.nullable(),
  resumeVisibility: z.enum(RESUME_VISIBILITY),
  consentedAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const DeleteAccountSchema = z.object({ password: z.string().min(1).max(200) });
