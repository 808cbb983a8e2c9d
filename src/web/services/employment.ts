import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';

export type EnterpriseStatus = 'submitted' | 'verified' | 'rejected';
export type PostingStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'closed' | 'filled' | 'expired';
export type PostingAction = 'submit' | 'approve' | 'reject' | 'close' | 'fill' | 'reopen';

export interface RegionRef { code: string; name: string; fullName: string }
export interface IndustryRef { section: string; sectionName: string; division: string | null; divisionName: string | null }

export interface Enterprise {
  id: string;
  creditCode: string;
  name: string;
  region: RegionRef;
  address: string | null;
  industry: IndustryRef;
  size: 'large' | 'medium' | 'small' | 'micro' | null;
  ownership: 'state' | 'collective' | 'private' | 'foreign' | 'hmt' | 'mixed' | 'other' | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  ownerUnion: { id: string; name: string };
  status: EnterpriseStatus;
  statusReason: string | null;
  reviewedAt: string | null;
  createdAt: string;
  postings: { published: number; pending: number; total: number };
  permissions: { edit: boolean; review: boolean; editKeys: boolean };
}

export interface Posting {
  id: number;
  title: string;
  enterprise: { id: string; name: string; status: EnterpriseStatus };
  ownerUnion: { id: string; name: string };
  jobType: { code: string; name: string };
  industry: IndustryRef;
  region: RegionRef;
  salaryNegotiable: boolean;
  salaryMin: number | null;
  salaryMax: number | null;
  headcount: number;
  education: string;
  experience: string;
  descriptionHtml: string;
  benefits: string[];
  contactName: string | null;
  contactPhoneMasked: string | null;
  validFrom: string;
  validUntil: string;
  status: PostingStatus;
  statusReason: string | null;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  isPublic: boolean;
  permissions: { edit: boolean; review: boolean; actions: PostingAction[] };
}

export interface JobCategory {
  code: string;
  name: string;
  jobTypes: { code: string; name: string; synonyms: string[]; occupationMajorGroup: number | null }[];
}

export interface IndustrySection {
  code: string;
  name: string;
  divisions: { code: string; name: string }[];
}

export const EDUCATION = ['none', 'junior_high', 'senior_high', 'vocational', 'associate', 'bachelor', 'master', 'doctor'] as const;
export const EXPERIENCE = ['none', 'lt1', '1to3', '3to5', '5to10', 'gt10'] as const;
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const OWNERSHIPS = ['state', 'collective', 'private', 'foreign', 'hmt', 'mixed', 'other'] as const;
export const BENEFITS = ['五险一金', '五险', '包吃', '包住', '包吃住', '年终奖', '绩效奖金', '带薪年假', '节日福利', '加班补助', '交通补贴', '餐补', '住房补贴', '定期体检', '员工旅游', '技能培训', '周末双休', '单休', '提供宿舍', '工作服', '高温补贴', '全勤奖'];

export const useJobTypes = () => useQuery({ queryKey: ['job-types'], queryFn: () => api<JobCategory[]>('/api/job-types'), staleTime: 600_000 });
export const useIndustries = () => useQuery({ queryKey: ['industries'], queryFn: () => api<IndustrySection[]>('/api/industries'), staleTime: Infinity });

export function salaryText(p: Pick<Posting, 'salaryNegotiable' | 'salaryMin' | 'salaryMax'>, negotiable: string): string {
  if (p.salaryNegotiable) return negotiable;
  if (p.salaryMax === null) return `${p.salaryMin}+`;
  return `${p.salaryMin}–${p.salaryMax}`;
}
