import { z } from 'zod';

// Results, freeze, certificates (issue 6 §5): responses of the results slice. GET
// /api/contests/:id/results keeps the fixed shape of API.md (individuals, teams, items) and adds.

export const ResultsParamsSchema = z.object({ id: z.coerce.number().int().min(1) });
export const CertificateParamsSchema = ResultsParamsSchema.extend({ certId: z.coerce.number().int().min(1) });
export const CertificateCodeParamsSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9]{12,32}$/, { message: 'validation.invalid_format' }) });

const Prize = z.enum(['first', 'second', 'third']).nullable();
const Entry = {
  rank: z.number(), contestantId: z.number(), workNumber: z.string().nullable(),
  /** Only for those who may see names (organisers; everyone once revealed). */
  name: z.string().optional(),
  team: z.string(),
};

export const ResultsSchema = z.object({
  contest: z.object({ id: z.number(), name: z.string(), revealed: z.boolean(), status: z.enum(['draft', 'published']) }),
  /** Every sub-item locked. */
  complete: z.boolean(),
  lockedItems: z.number(),
  totalItems: z.number(),
  /** 'written-only': no sub-item locked yet, ranked on the written exam with practical 0 (provisional). */
  basis: z.enum(['locked-items', 'written-only']),
  /** A frozen copy exists; `live` says whether this answer is the live computation (staff) or that copy. */
  frozen: z.boolean(),
  live: z.boolean(),
  frozenAt: z.string().nullable(),
  computedAt: z.string(),
  prizes: z.object({ first: z.number(), second: z.number(), third: z.number(), teams: z.number() }),
  individuals: z.array(z.object({
    ...Entry, teamId: z.number(), written: z.number(), practical: z.number(), practicalPoints: z.number(), total: z.number(),
    timeSeconds: z.number().nullable(), prize: Prize,
  })),
  teams: z.array(z.object({ rank: z.number(), teamId: z.number(), team: z.string(), score: z.number(), members: z.number(), awarded: z.boolean() })),
  items: z.array(z.object({
    itemId: z.number(), code: z.string(), name: z.string(), major: z.string().nullable(), max: z.number(), locked: z.boolean(),
    lockState: z.enum(['open', 'locked', 'reopened']),
    ranking: z.array(z.object({ ...Entry, score: z.number(), timeSeconds: z.number().nullable() })),
    awarded: z.array(z.number()),
  })),
});
export type Results = z.infer<typeof ResultsSchema>;

export const CertificateSchema = z.object({
  id: z.number(), code: z.string(), kind: z.enum(['individual', 'team', 'item']), rank: z.number(), award: z.string(),
  contestantId: z.number().nullable(), name: z.string().nullable(), workNumber: z.string().nullable(), team: z.string().nullable(),
  teamId: z.number().nullable(), itemId: z.number().nullable(), item: z.string().nullable(), issuedAt: z.string(),
  /** The public check page the certificate's QR code opens. */
  url: z.string(),
});
export const CertificateListSchema = z.object({ total: z.number(), created: z.number(), revoked: z.number(), items: z.array(CertificateSchema) });

/** What the public check page shows: certificates are public honours (name, team, award, contest); never an 身份证号 or employer. */
export const CertificateCheckSchema = z.object({
  code: z.string(), kind: z.enum(['individual', 'team', 'item']), award: z.string(), rank: z.number(),
  name: z.string().nullable(), team: z.string().nullable(), item: z.string().nullable(),
  contest: z.object({ id: z.number(), name: z.string(), organisers: z.array(z.string()), startsOn: z.string(), endsOn: z.string() }),
  issuedAt: z.string(), revoked: z.boolean(), revokedAt: z.string().nullable(),
});

export const AwardsSchema = z.object({
  complete: z.boolean(), lockedItems: z.number(), totalItems: z.number(), frozen: z.boolean(), live: z.boolean(),
  items: z.array(z.object({
    kind: z.enum(['individual', 'team', 'item']), award: z.string(), rank: z.number(), contestantId: z.number().nullable(), workNumber: z.string().nullable(),
    name: z.string().nullable(), team: z.string().nullable(), itemId: z.number().nullable(),
    /** The certificate's code once issued (organisers and the chief judge only). */
    code: z.string().nullable(),
  })),
});
