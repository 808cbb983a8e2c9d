// Recommendations (issue 4 §4): how well a published posting suits a seeker, with the reasons in
// one line ("同区县 · 期望岗位 · 薪资匹配"). Pure: the service brings candidates from the index and
// the region tree; the same scoring serves "相似岗位" with a posting standing in for the seeker.

export interface Place {
  county: string;
  city: string;
  province: string;
}

export interface SeekerWish {
  /** Where the seeker lives or looks from (county), if known. */
  home: Place | null;
  /** Job types he asked for, with their synonyms' types already folded in by the caller. */
  jobTypes: Set<string>;
  /** Regions he would work in, at any level (county, city or province codes). */
  regions: Set<string>;
  desiredSalary: number | null;
  /** Skills and certificates, lower-cased (高压电工证, 叉车证). */
  skills: string[];
}

export interface Candidate {
  id: number;
  jobTypeCode: string;
  place: Place;
  salaryMin: number | null;
  salaryMax: number | null;
  /** Title and description, lower-cased, for the skills overlap. */
  text: string;
  publishedAt: number;
}

export type Reason = 'same_county' | 'same_city' | 'same_province' | 'cross_province' | 'desired_region' | 'desired_job'
  | 'salary_fit' | 'salary_above' | 'skills' | 'new';

export interface Scored {
  id: number;
  score: number;
  /** Most telling first; the caller renders them joined by " · ". */
  reasons: Reason[];
}

const DAY = 86_400_000;

/** Score one candidate for one seeker (rules: issue 4 §4; weights chosen so a district match and a wanted job type dominate). */
export function scoreCandidate(wish: SeekerWish, c: Candidate, now: number): Scored {
  const reasons: Reason[] = [];
  let score = 0;
  // Region distance: same district > same city > same province > the other province (川渝: still welcome).
  if (wish.home) {
    if (c.place.county === wish.home.county) { score += 3; reasons.push('same_county'); }
    else if (c.place.city === wish.home.city) { score += 2; reasons.push('same_city'); }
    else if (c.place.province === wish.home.province) { score += 1; reasons.push('same_province'); }
    else { score += 0.5; reasons.push('cross_province'); }
  }
  if (wish.regions.size && (wish.regions.has(c.place.county) || wish.regions.has(c.place.city) || wish.regions.has(c.place.province))) {
    score += 2;
    reasons.push('desired_region');
  }
  if (wish.jobTypes.has(c.jobTypeCode)) { score += 3; reasons.push('desired_job'); }
  if (wish.desiredSalary !== null) {
    const top = c.salaryMax ?? c.salaryMin;
    if (c.salaryMin !== null && c.salaryMin >= wish.desiredSalary) { score += 2.5; reasons.push('salary_above'); }
    else if (top !== null && top >= wish.desiredSalary) { score += 2; reasons.push('salary_fit'); }
    else if (top !== null && top < wish.desiredSalary * 0.8) score -= 1;
  }
  const skills = wish.skills.filter((s) => s && c.text.includes(s)).length;
  if (skills) { score += Math.min(2, skills * 0.75); reasons.push('skills'); }
  const ageDays = Math.max(0, (now - c.publishedAt) / DAY);
  score += Math.exp(-ageDays / 14);
  if (ageDays < 3) reasons.push('new');
  const order: Reason[] = ['same_county', 'desired_job', 'salary_above', 'salary_fit', 'skills', 'desired_region', 'same_city', 'same_province', 'cross_province', 'new'];
  reasons.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { id: c.id, score: Math.round(score * 1000) / 1000, reasons };
}

/** The best `limit` candidates, best first; equal scores: newer first, then the larger id (the same on every server). */
export function recommend(wish: SeekerWish, candidates: Candidate[], now: number, limit: number): Scored[] {
  const published = new Map(candidates.map((c) => [c.id, c.publishedAt]));
  return candidates.map((c) => scoreCandidate(wish, c, now))
    .sort((a, b) => b.score - a.score || published.get(b.id)! - published.get(a.id)! || b.id - a.id)
    .slice(0, limit);
}
