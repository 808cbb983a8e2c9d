import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface JobTypeSeed {
  code: string;
  name: string;
  synonyms: string[];
  /** 职业分类大典 (2022) major group, only where known for certain. */
  occupationMajorGroup: number | null;
}

export interface JobCategorySeed {
  code: string;
  name: string;
  jobTypes: JobTypeSeed[];
}

/** The catalogue kept as data in the repo (data/job-types.json). */
export function loadJobTypeSeed(): JobCategorySeed[] {
  return require('./data/job-types.json') as JobCategorySeed[];
}

/** Normalise a job-type name for matching: no spaces, full-width brackets as half-width. */
export const normalizeJobName = (name: string): string =>
  name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

export interface JobTypeLookup {
  code: string;
  name: string;
  synonyms: string[];
}

/**
 * A resolver from what people write (厨师, 中式烹调师, 电焊工) to a job-type code: exact name
 * first, then synonyms; a synonym shared by two types resolves to neither.
 */
export function createJobTypeResolver(types: JobTypeLookup[]): (text: string) => string | undefined {
  const byName = new Map<string, string>();
  const bySynonym = new Map<string, string | null>();
  for (const t of types) byName.set(normalizeJobName(t.name), t.code);
  for (const t of types) {
    for (const s of t.synonyms) {
      const key = normalizeJobName(s);
      if (byName.has(key)) continue;
      bySynonym.set(key, bySynonym.has(key) && bySynonym.get(key) !== t.code ? null : t.code);
    }
  }
  const byCode = new Set(types.map((t) => t.code));
  return (text) => {
    const key = normalizeJobName(text);
    if (byCode.has(text.trim())) return text.trim();
    return byName.get(key) ?? bySynonym.get(key) ?? undefined;
  };
}
