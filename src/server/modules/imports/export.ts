import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { forbidden } from '../../platform/errors.js';
import { likeEscape } from '../../platform/pagination.js';
import { findIndustryDivision, findIndustrySection } from '../../../shared/industries.js';
import { isStaff } from '../accounts/accounts.policy.js';
import { regionIndex } from '../orgs/regions.cache.js';
import { TEMPLATE_HEADERS, type ImportKind, type PostingField } from './headers.js';

// Templates and exports share the import's headers, so an export re-imports cleanly.

const SIZE_LABEL: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const OWNERSHIP_LABEL: Record<string, string> = { state: '国有', collective: '集体', private: '民营', foreign: '外资', hmt: '港澳台', mixed: '混合所有制', other: '其他' };
const EDUCATION_LABEL: Record<string, string> = { none: '不限', junior_high: '初中', senior_high: '高中', vocational: '中专/技校', associate: '大专', bachelor: '本科', master: '硕士', doctor: '博士' };
const EXPERIENCE_LABEL: Record<string, string> = { none: '不限', lt1: '1年以下', '1to3': '1-3年', '3to5': '3-5年', '5to10': '5-10年', gt10: '10年以上' };

const EXAMPLES: Record<ImportKind, Partial<Record<PostingField, string | number>>> = {
  enterprises: {
    name: '重庆示例机械制造有限公司', creditCode: '91500106MA5U00000Q', region: '沙坪坝区', address: '沙坪坝区土主镇示例路 1 号',
    industry: '通用设备制造业', size: '中型', ownership: '民营', contactName: '张女士', contactPhone: '13800000000',
  },
  postings: {
    name: '重庆示例机械制造有限公司', creditCode: '91500106MA5U00000Q', title: '数控车工', jobType: '车工', headcount: 5, salary: '6000-8000',
    education: '中专/技校', experience: '1-3年', workRegion: '沙坪坝区', benefits: '五险一金、包吃住', description: '操作数控车床，能看懂机械图纸',
    validUntil: '2023-05-31', region: '沙坪坝区', industry: '通用设备制造业',
  },
};

function addSheet(workbook: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, kind: ImportKind) {
  const sheet = workbook.addWorksheet(kind === 'enterprises' ? '企业' : '岗位', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_HEADERS[kind].map(([, header]) => ({ header, key: header, width: Math.max(12, header.length * 2 + 4) }));
  return sheet;
}

/** The .xlsx template with Chinese headers, an example row and a sheet of instructions. */
export async function buildTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook, kind);
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(TEMPLATE_HEADERS[kind].map(([field]) => EXAMPLES[kind][field] ?? ''));
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 18 }, { header: '说明', width: 90 }];
  const notes: [string, string][] = [
    ['统一社会信用代码', '18 位，按 GB 32100-2015 校验；同一代码只登记一次，重复导入会更新该企业'],
    ['所在区县 / 工作地点', '四川省或重庆市的区县名称或 6 位代码，如“沙坪坝区”“广安市华蓥市”“500106”；重名的区县请写上所属市'],
    ['所属行业', '国民经济行业分类（GB/T 4754-2017）门类或大类名称，如“制造业”“餐饮业”，或代码“C”“C36”'],
    ['企业规模', '大型、中型、小型、微型'],
    ['企业性质', '国有、集体、民营、外资、港澳台、混合所有制、其他'],
    ['薪资', '元/月：4000-6000、4k-6k、5000、8000以上，或“面议”'],
    ['招聘人数', '正整数'],
    ['学历要求', '不限、初中、高中、中专/技校、大专、本科、硕士、博士'],
    ['工作经验', '不限、1年以下、1-3年、3-5年、5-10年、10年以上'],
    ['有效期至', '日期，如 2023-05-31；不填则自导入日起 60 天'],
    ['其他', '表头上方可以有标题行；不要使用公式；一个岗位一行；同一企业的同名岗位再次导入会更新，不会重复'],
  ];
  for (const note of notes) help.addRow(note);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Stream an export of enterprises or postings in the actor's scope as .xlsx. */
export async function exportSpreadsheet(db: Executor, actor: Actor, kind: ImportKind): Promise<Readable> {
  if (!isStaff(actor) || actor.scopePrefix === null) throw forbidden();
  const regions = await regionIndex(db);
  const regionName = (code: string) => {
    const r = regions.get(code);
    if (!r) return code;
    const parts = r.fullName.split(' ');
    return parts.length === 3 ? parts.slice(1).join('') : parts.join('');
  };
  const industryName = (section: string, division: string | null) =>
    (division ? findIndustryDivision(division)?.name : undefined) ?? findIndustrySection(section)?.name ?? section;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  const sheet = addSheet(workbook, kind);
  const scope = `${likeEscape(actor.scopePrefix)}%`;
  void (async () => {
    try {
      if (kind === 'enterprises') {
        const rows = await db.selectFrom('enterprises as e').innerJoin('unions as n', 'n.id', 'e.owner_union_id')
          .select(['e.name', 'e.credit_code', 'e.region_code', 'e.address', 'e.industry_section', 'e.industry_division', 'e.size', 'e.ownership', 'e.contact_name'])
          .where('n.scope_prefix', 'like', scope).orderBy('e.created_at').execute();
        for (const e of rows) {
          sheet.addRow([e.name, e.credit_code, regionName(e.region_code), e.address ?? '', industryName(e.industry_section, e.industry_division),
            e.size ? SIZE_LABEL[e.size] : '', e.ownership ? OWNERSHIP_LABEL[e.ownership] : '', e.contact_name ?? '', '']).commit();
        }
      } else {
        const rows = await db.selectFrom('postings as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').innerJoin('unions as n', 'n.id', 'p.owner_union_id')
          .innerJoin('job_types as j', 'j.code', 'p.job_type_code')
          .select(['e.name', 'e.credit_code', 'p.title', 'j.name as job_type', 'p.headcount', 'p.salary_negotiable', 'p.salary_min', 'p.salary_max',
            'p.education', 'p.experience', 'p.region_code', 'p.benefits', 'p.description_html', 'p.valid_until', 'e.region_code as enterprise_region',
            'e.industry_section', 'e.industry_division'])
          .where('n.scope_prefix', 'like', scope).where('p.status', 'in', ['draft', 'pending', 'published', 'rejected'])
          .orderBy('p.id').execute();
        for (const p of rows) {
          const salary = p.salary_negotiable ? '面议' : p.salary_max !== null ? `${p.salary_min}-${p.salary_max}` : `${p.salary_min}以上`;
          const description = p.description_html.replace(/<\/p>\s*<p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
          sheet.addRow([p.name, p.credit_code, p.title, p.job_type, p.headcount, salary, EDUCATION_LABEL[p.education] ?? '', EXPERIENCE_LABEL[p.experience] ?? '',
            regionName(p.region_code), p.benefits.join('、'), description, p.valid_until, regionName(p.enterprise_region),
            industryName(p.industry_section, p.industry_division)]).commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
