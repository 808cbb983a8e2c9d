import { z } from 'zod';
import { ROLES } from '../../../shared/roles.js';
import { USERNAME_PATTERN, isAcceptablePassword, isMainlandMobile, normalizePhone } from '../../../shared/validators.js';
import { pageOf, PageQuerySchema } from '../../platform/pagination.js';

// Catalogue keys as messages: the error handler translates them per request.
export const PhoneSchema = z
  .string()
  .trim()
  .transform(normalizePhone)
  .refine(isMainlandMobile, { message: 'validation.phone' });
export const UsernameSchema = z.string().trim().regex(USERNAME_PATTERN, { message: 'validation.username' });
export const PasswordSchema = z.string().max(200).refine(isAcceptablePassword, { message: 'validation.password' });
export const RoleSchema = z.enum(ROLES);
export const NameSchema = z.string().trim().min(1).max(50);

export const LoginBodySchema = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const UnionRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  level: z.enum(['federation', 'city', 'county']),
  federation: z.enum(['50', '51']),
});

export const MeSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(RoleSchema),
  union: UnionRefSchema.nullable(),
  /** Region-code prefix of the staff scope: '' everything, '51' 四川省, null none. */
  scopePrefix: z.string().nullable(),
  permissions: z.object({
    manageUsers: z.boolean(), viewAudit: z.boolean(), viewUnions: z.boolean(),
    enterprises: z.boolean(), reviewEnterprises: z.boolean(), importSpreadsheets: z.boolean(), editJobTypes: z.boolean(), seasons: z.boolean(), contests: z.boolean(), cooperation: z.boolean(), services: z.boolean(), aidEnrolment: z.boolean(),
  }),
});
export type Me = z.infer<typeof MeSchema>;
export const MeResponseSchema = z.object({ user: MeSchema });

export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(RoleSchema),
  union: z.object({ id: z.string(), name: z.string() }).nullable(),
  isDisabled: z.boolean(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  unionId: z.uuid().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
export const UserListSchema = pageOf(AdminUserSchema);

export const CreateUserBodySchema = z.object({
  username: UsernameSchema.optional().nullable(),
  phone: PhoneSchema.optional().nullable(),
  name: NameSchema,
  password: PasswordSchema,
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  unionId: z.uuid().optional().nullable(),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z.object({
  name: NameSchema.optional(),
  roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
  unionId: z.uuid().nullable().optional(),
  isDisabled: z.boolean().optional(),
  password: PasswordSchema.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const RevealBodySchema = z.object({
  field: z.enum(['phone']),
  reason: z.string().trim().min(2).max(200),
});
export const RevealResponseSchema = z.object({ value: z.string().nullable() });

export const IdParamsSchema = z.object({ id: z.uuid() });
