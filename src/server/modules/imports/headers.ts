// Chinese headers as union spreadsheets write them, matched flexibly (issue 3 §4).

export type EnterpriseField =
  | 'creditCode' | 'name' | 'region' | 'address' | 'industry' | 'size' | 'ownership' | 'contactName' | 'contactPhone';
export type PostingField =
  | EnterpriseField | 'title' | 'jobType' | 'headcount' | 'salary' | 'salaryMin' | 'salaryMax' | 'education' | 'experience'
  | 'workRegion' | 'benefits' | 'description' | 'postingContactName' | 'postingContactPhone' | 'validUntil';

export type ImportKind = 'enterprises' | 'postings';

const SYNONYMS: Record<PostingField, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '组织机构代码', '企业信用代码'],
  name: ['企业名称', '单位名称', '公司名称', '用人单位', '招聘单位', '企业全称', '单位全称', '企业'],
  region: ['所在区县', '所在地区', '企业所在地', '注册地', '行政区划', '所属区县', '区县', '所在地', '地区'],
  address: ['企业地址', '单位地址', '详细地址', '地址', '办公地址'],
  industry: ['所属行业', '行业类别', '行业门类', '行业大类', '行业'],
  size: ['企业规模', '单位规模', '规模'],
  ownership: ['企业性质', '单位性质', '所有制', '经济类型', '所有制形式'],
  contactName: ['企业联系人', '单位联系人', '联系人', 'hr'],
  contactPhone: ['企业联系电话', '联系电话', '联系方式', '手机号码', '手机号', '手机', '电话'],
  title: ['岗位名称', '职位名称', '招聘岗位', '岗位', '职位', '招聘职位'],
  jobType: ['工种', '职业', '岗位类别', '职位类别', '工种类别', '职业工种'],
  headcount: ['招聘人数', '需求人数', '招聘数量', '人数'],
  salary: ['薪资待遇', '工资待遇', '薪资范围', '薪酬待遇', '薪资', '薪酬', '工资', '月薪', '待遇'],
  salaryMin: ['最低薪资', '最低工资', '薪资下限', '最低月薪'],
  salaryMax: ['最高薪资', '最高工资', '薪资上限', '最高月薪'],
  education: ['学历要求', '最低学历', '学历'],
  experience: ['工作经验', '经验要求', '工作年限', '经验'],
  workRegion: ['工作地点', '工作地区', '工作区县', '上班地点'],
  benefits: ['福利待遇', '岗位福利', '福利'],
  description: ['岗位描述', '岗位职责', '职位描述', '任职要求', '岗位要求', '工作内容', '描述'],
  postingContactName: ['岗位联系人', '招聘联系人'],
  postingContactPhone: ['岗位联系电话', '招聘电话'],
  validUntil: ['有效期至', '截止日期', '招聘截止日期', '有效期', '截止时间'],
};

export const ENTERPRISE_FIELDS: EnterpriseField[] = ['creditCode', 'name', 'region', 'address', 'industry', 'size', 'ownership', 'contactName', 'contactPhone'];
export const POSTING_FIELDS: PostingField[] = [
  'creditCode', 'name', 'title', 'jobType', 'headcount', 'salary', 'salaryMin', 'salaryMax', 'education', 'experience', 'workRegion',
  'benefits', 'description', 'postingContactName', 'postingContactPhone', 'validUntil', 'region', 'industry', 'address', 'size',
  'ownership', 'contactName', 'contactPhone',
];
export const REQUIRED: Record<ImportKind, PostingField[]> = {
  enterprises: ['creditCode', 'name', 'region', 'industry'],
  postings: ['creditCode', 'title', 'headcount'],
};

/** The headers our templates and exports write, in order (so an export re-imports cleanly). */
export const TEMPLATE_HEADERS: Record<ImportKind, [PostingField, string][]> = {
  enterprises: [
    ['name', '企业名称'], ['creditCode', '统一社会信用代码'], ['region', '所在区县'], ['address', '企业地址'], ['industry', '所属行业'],
    ['size', '企业规模'], ['ownership', '企业性质'], ['contactName', '联系人'], ['contactPhone', '联系电话'],
  ],
  postings: [
    ['name', '企业名称'], ['creditCode', '统一社会信用代码'], ['title', '岗位名称'], ['jobType', '工种'], ['headcount', '招聘人数'],
    ['salary', '薪资（元/月）'], ['education', '学历要求'], ['experience', '工作经验'], ['workRegion', '工作地点'], ['benefits', '福利待遇'],
    ['description', '岗位描述'], ['validUntil', '有效期至'], ['region', '企业所在区县'], ['industry', '所属行业'],
  ],
};

/** Strip what people add to headers: spaces, required-marks, bracketed units and notes. */
export function normalizeHeader(raw: unknown): string {
  return String(raw ?? '')
    .replace(/[\s\u3000]/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

// Longest synonyms first so that 企业联系电话 beats 联系电话 and 企业名称 beats 企业.
const LOOKUP: [string, PostingField][] = Object.entries(SYNONYMS)
  .flatMap(([field, names]) => names.map((n) => [normalizeHeader(n), field as PostingField] as [string, PostingField]))
  .sort((a, b) => b[0].length - a[0].length);

/** The field a header names, exactly or by a known synonym; 企业所在区县 → region. */
export function matchHeader(raw: unknown, kind: ImportKind): PostingField | undefined {
  const h = normalizeHeader(raw);
  if (!h) return undefined;
  const allowed = kind === 'enterprises' ? (ENTERPRISE_FIELDS as PostingField[]) : POSTING_FIELDS;
  const exact = LOOKUP.find(([name, field]) => name === h && allowed.includes(field));
  if (exact) return exact[1];
  if (h.startsWith('企业') || h.startsWith('单位')) {
    const rest = h.slice(2);
    const inner = LOOKUP.find(([name, field]) => name === rest && ENTERPRISE_FIELDS.includes(field as EnterpriseField) && allowed.includes(field));
    if (inner) return inner[1];
  }
  return undefined;
}

export interface HeaderMatch {
  /** Index in the sheet's rows of the header row (title rows above it are skipped). */
  rowIndex: number;
  columns: Map<number, { field: PostingField; header: string }>;
}

/** Find the header row among the first rows: the one naming the most known fields. */
export function findHeaderRow(rows: { cells: unknown[] }[], kind: ImportKind): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  for (let i = 0; i < Math.min(rows.length, 15); i++) {
    const columns = new Map<number, { field: PostingField; header: string }>();
    const seen = new Set<PostingField>();
    rows[i]!.cells.forEach((cell, index) => {
      const field = matchHeader(cell, kind);
      if (field && !seen.has(field)) {
        seen.add(field);
        columns.set(index, { field, header: String(cell).trim() });
      }
    });
    if (columns.size >= 2 && (!best || columns.size > best.columns.size)) best = { rowIndex: i, columns };
  }
  return best;
}
