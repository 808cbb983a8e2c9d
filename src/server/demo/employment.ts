import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { loadJobTypeSeed } from '../modules/jobs/job-types.js';
import { buildRegions } from '../modules/orgs/divisions.js';
import type { Sheet } from '../modules/imports/read.js';

// The spring-2023 season's employers and postings (issue 3 §6): 455 enterprises of both provinces
// and 13,000 postings over 100+ job types, generated deterministically (same seed, same data).

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BRANDS = [
  '鑫达', '恒通', '瑞丰', '佳禾', '宏图', '蜀兴', '渝发', '天府', '巴渝', '嘉陵', '长江', '锦程', '金桥', '华盛', '新辉', '德润', '永安', '中瑞',
  '启航', '远景', '鼎盛', '汇川', '同创', '兴业', '泰和', '广源', '福临', '盛世', '川渝', '峨眉', '青城', '缙云', '朝天门', '解放碑', '磁器口',
  '宏达', '顺达', '安康', '和美', '乐享', '优品', '星辰', '云帆', '蓝海', '金沙', '银河', '翔宇', '立新', '博远', '众诚', '聚贤', '凯旋',
];

interface IndustryProfile {
  words: string[];
  industry: string;
  /** Job-type codes typical of the industry. */
  jobs: string[];
  weight: number;
}

// Seed industries of the 2023 opening fair: 文化传媒, 电子科技, 机械制造, 旅游, 房地产, 服务 …
const PROFILES: IndustryProfile[] = [
  { words: ['餐饮管理', '火锅', '餐饮文化'], industry: 'H62', jobs: ['chinese-cook', 'pastry-cook', 'kitchen-helper', 'waiter', 'dishwasher', 'hotpot-cook', 'cashier', 'barista', 'tea-artist', 'nutritionist'], weight: 9 },
  { words: ['电子科技', '智能科技', '光电科技'], industry: 'C39', jobs: ['general-worker', 'electronic-assembler', 'quality-inspector', 'electronics-engineer', 'assembler', 'packer', 'warehouse-clerk', 'mechanic-maintenance'], weight: 9 },
  { words: ['机械制造', '精密机械', '装备制造'], industry: 'C34', jobs: ['machinist', 'miller', 'fitter', 'cnc-operator', 'welder', 'assembler', 'quality-inspector', 'mechanical-engineer', 'forklift-driver', 'mold-maker'], weight: 8 },
  { words: ['汽车零部件', '汽车配件', '汽车销售服务'], industry: 'C36', jobs: ['auto-assembler', 'painter-industrial', 'welder', 'quality-inspector', 'general-worker', 'auto-sales', 'injection-molder'], weight: 7 },
  { words: ['文化传媒', '广告传媒', '影视文化'], industry: 'R87', jobs: ['new-media-editor', 'video-editor', 'photographer', 'graphic-designer', 'live-streamer', 'marketing-specialist', 'event-staff'], weight: 5 },
  { words: ['旅游开发', '国际旅行社', '文旅发展'], industry: 'L72', jobs: ['tour-guide', 'travel-consultant', 'hotel-front-desk', 'room-attendant', 'customer-service', 'driver'], weight: 4 },
  { words: ['房地产开发', '置业', '地产营销'], industry: 'K70', jobs: ['real-estate-agent', 'sales-rep', 'property-manager', 'cashier-finance', 'civil-engineer', 'cost-engineer'], weight: 5 },
  { words: ['物业服务', '物业管理'], industry: 'K70', jobs: ['security-guard', 'cleaner', 'property-manager', 'gardener', 'property-engineer', 'parking-attendant', 'electrician'], weight: 6 },
  { words: ['家政服务', '家庭服务', '养老服务'], industry: 'O80', jobs: ['housekeeper', 'maternity-nurse', 'childcare', 'care-worker', 'cleaner', 'laundry'], weight: 6 },
  { words: ['建筑工程', '建设', '装饰工程'], industry: 'E48', jobs: ['construction-worker', 'bricklayer', 'rebar-worker', 'carpenter', 'plumber', 'decorator', 'safety-officer', 'surveyor', 'construction-worker-site', 'scaffolder'], weight: 7 },
  { words: ['物流', '供应链管理', '快递服务'], industry: 'G59', jobs: ['courier', 'delivery-rider', 'loader', 'sorter', 'truck-driver', 'dispatcher', 'warehouse-clerk', 'forklift-driver', 'logistics-clerk'], weight: 7 },
  { words: ['电力工程', '电力安装', '新能源科技'], industry: 'D44', jobs: ['electrician', 'power-line-worker', 'meter-installer', 'substation-operator', 'cable-jointer', 'pv-installer', 'ev-charging-tech', 'power-dispatcher'], weight: 5 },
  { words: ['医药', '生物医药', '大药房'], industry: 'C27', jobs: ['pharma-operator', 'pharmacist', 'pharmacy-clerk', 'quality-inspector', 'lab-technician', 'sales-rep'], weight: 4 },
  { words: ['食品', '调味品', '火锅底料'], industry: 'C14', jobs: ['food-processor', 'hotpot-base-maker', 'packer', 'general-worker', 'quality-inspector', 'baker'], weight: 5 },
  { words: ['商贸', '百货', '超市'], industry: 'F52', jobs: ['store-clerk', 'cashier', 'sales-rep', 'warehouse-clerk', 'purchasing-agent', 'online-cs', 'ecommerce-operator'], weight: 7 },
  { words: ['软件科技', '信息技术', '网络科技'], industry: 'I65', jobs: ['software-engineer', 'test-engineer', 'it-support', 'network-admin', 'ui-designer', 'data-annotator', 'customer-service'], weight: 5 },
  { words: ['教育咨询', '职业培训学校', '幼儿园'], industry: 'P83', jobs: ['teacher', 'preschool-teacher', 'tutor', 'childcare-teacher', 'vocational-trainer', 'driving-instructor'], weight: 4 },
  { words: ['医院管理', '健康管理', '康复中心'], industry: 'Q84', jobs: ['nurse', 'doctor', 'care-worker', 'rehab-therapist', 'health-manager', 'massage'], weight: 4 },
  { words: ['酒店管理', '宾馆'], industry: 'H61', jobs: ['hotel-front-desk', 'room-attendant', 'waiter', 'chinese-cook', 'security-guard', 'laundry'], weight: 4 },
  { words: ['美容美发', '生活美学'], industry: 'O80', jobs: ['hairdresser', 'beautician', 'manicurist', 'receptionist', 'pet-groomer'], weight: 2 },
  { words: ['电子商务', '直播电商'], industry: 'F52', jobs: ['live-streamer', 'ecommerce-operator', 'online-cs', 'video-editor', 'warehouse-clerk', 'packer'], weight: 4 },
  { words: ['农业开发', '茶业', '生态农业'], industry: 'A01', jobs: ['farm-worker', 'tea-grower', 'livestock-worker', 'agri-machinery', 'sales-rep'], weight: 2 },
  { words: ['服装', '纺织'], industry: 'C18', jobs: ['sewing-worker', 'quality-inspector', 'packer', 'embroiderer', 'general-worker'], weight: 3 },
];

// Offices that every kind of employer posts.
const COMMON_JOBS = ['office-clerk', 'sales-rep', 'accountant', 'driver', 'security-guard', 'cleaner', 'hr-specialist', 'customer-service', 'warehouse-clerk', 'secretary'];

/** Monthly salary bands by job type (yuan), plausible for 重庆 and 四川 in 2023. */
function salaryBand(code: string, rnd: () => number): string {
  const high = ['software-engineer', 'doctor', 'civil-engineer', 'electronics-engineer', 'mechanical-engineer', 'cost-engineer', 'sales-manager', 'live-streamer'];
  const mid = ['electrician', 'welder', 'cnc-operator', 'machinist', 'truck-driver', 'chinese-cook', 'nurse', 'maternity-nurse', 'meter-installer', 'power-line-worker', 'real-estate-agent'];
  if (rnd() < 0.06) return '面议';
  const base = high.includes(code) ? 7000 : mid.includes(code) ? 5000 : 3500;
  const lo = base + Math.floor(rnd() * 8) * 250;
  const hi = lo + 1000 + Math.floor(rnd() * 8) * 500;
  return rnd() < 0.3 ? `${lo / 1000}k-${hi / 1000}k` : `${lo}-${hi}`;
}

const BENEFITS = ['五险一金', '五险', '包吃', '包住', '包吃住', '年终奖', '带薪年假', '节日福利', '加班补助', '周末双休', '定期体检', '技能培训', '餐补', '交通补贴', '全勤奖'];
const EDUCATIONS = ['不限', '不限', '初中', '高中', '中专/技校', '大专', '本科'];
const EXPERIENCES = ['不限', '不限', '1年以下', '1-3年', '3-5年'];
const VARIANTS = ['', '', '', '高级', '初级', '储备', '实习'];
const SHIFTS = ['', '', '（长白班）', '（两班倒）', '（驻厂）', '（夜班）', '（周末）', '（兼职）'];

export interface DemoEmployment {
  enterprises: number;
  sheet: Sheet;
}

const HEADER = ['企业名称', '统一社会信用代码', '岗位名称', '工种', '招聘人数', '薪资', '学历要求', '工作经验', '工作地点', '福利待遇', '岗位描述', '有效期至', '企业所在区县', '所属行业', '企业规模', '企业性质'];

export interface DemoEnterprise {
  name: string;
  code: string;
  region: string;
  regionLabel: string;
  profile: IndustryProfile;
  size: string;
  ownership: string;
}

// Sentences of job descriptions, by kind: enough variety that search has real text to match.
const DUTIES = ['负责本岗位日常工作', '按照操作规程完成生产任务', '做好设备日常点检与保养', '配合班组长完成当班任务', '负责现场卫生与安全检查',
  '接待客户并解答咨询', '完成上级安排的其他工作', '做好工作记录与交接', '参与质量改进与技术革新', '维护客户关系，开拓市场'];
const REQUIREMENTS = ['欢迎应届生', '有相关经验者优先', '持证上岗', '身体健康，吃苦耐劳', '责任心强，服从安排', '能适应倒班', '会使用办公软件',
  '退役军人优先', '年龄18至50岁', '有川渝两地工作经历者优先'];
const PERKS = ['可提供技能培训', '工作环境好', '工作地点交通便利', '提供员工宿舍', '按时足额发放工资', '享受法定节假日', '工会会员享受职工互助保障',
  '晋升通道清晰', '表现优秀者可转正', '节假日发放慰问品'];

/** The season's employers, deterministic for a seed (about 60 % Chongqing, where the opening fair was held). */
export function generateEnterprises(rnd: () => number, count: number): DemoEnterprise[] {
  const regions = buildRegions().filter((r) => r.level === 'county');
  const cq = regions.filter((r) => r.code.startsWith('50'));
  const sc = regions.filter((r) => r.code.startsWith('51'));
  const byCode = new Map(buildRegions().map((r) => [r.code, r]));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const totalWeight = PROFILES.reduce((n, p) => n + p.weight, 0);
  const pickProfile = () => {
    let x = rnd() * totalWeight;
    for (const p of PROFILES) { x -= p.weight; if (x <= 0) return p; }
    return PROFILES[0]!;
  };
  const enterprises: DemoEnterprise[] = [];
  const codes = new Set<string>();
  const names = new Set<string>();
  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let attempt = 0; enterprises.length < count && attempt < count * 50; attempt++) {
    const region = rnd() < 0.6 ? pick(cq) : pick(sc);
    const parent = region.parentCode ? byCode.get(region.parentCode) : undefined;
    const place = (region.code.startsWith('50') ? region.name : (parent?.name ?? region.name)).replace(/(市|区|县|自治县|藏族羌族自治州|彝族自治州|藏族自治州)$/, '');
    const profile = pickProfile();
    const name = `${region.code.startsWith('50') ? '重庆' : '四川'}${pick(BRANDS)}${pick(profile.words)}${rnd() < 0.15 ? '股份' : ''}有限公司`.replace(/^(重庆|四川)/, (p) => (rnd() < 0.5 ? p : place));
    let body = `91${region.code}`;
    for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(rnd() * 31)];
    const code = body + creditCodeCheckChar(body);
    // Past a few thousand employers the name pool repeats: a branch number keeps names unique.
    const unique = names.has(name) ? name.replace(/有限公司$/, `${enterprises.length}分公司`) : name;
    if (codes.has(code) || names.has(unique)) continue;
    codes.add(code);
    names.add(unique);
    const regionLabel = region.code.startsWith('50') ? region.name : `${parent?.name ?? ''}${region.name}`;
    enterprises.push({
      name: unique, code, region: region.code, regionLabel, profile,
      size: pick(['小型', '小型', '中型', '微型', '大型']), ownership: pick(['民营', '民营', '民营', '国有', '混合所有制', '外资']),
    });
  }
  return enterprises;
}

export interface DemoPosting {
  enterprise: DemoEnterprise;
  title: string;
  jobTypeCode: string;
  jobTypeName: string;
  headcount: number;
  salary: string;
  education: string;
  experience: string;
  /** County code or, mostly, the enterprise's own region label. */
  work: string;
  benefits: string[];
  description: string;
  validDays: number;
}

/** Postings of the given employers, one at a time (a million need not be held at once). */
export function* generatePostings(rnd: () => number, enterprises: DemoEnterprise[], count: number): Generator<DemoPosting> {
  const regions = buildRegions().filter((r) => r.level === 'county');
  const typeNames = new Map(loadJobTypeSeed().flatMap((c) => c.jobTypes.map((t) => [t.code, t.name] as const)));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const titlesBy = new Map<string, Set<string>>();
  for (let i = 0; i < count; i++) {
    // Bigger employers post more: a skewed pick.
    const e = enterprises[Math.floor(Math.pow(rnd(), 1.6) * enterprises.length)]!;
    const code = rnd() < 0.75 ? pick(e.profile.jobs) : pick(COMMON_JOBS);
    const typeName = typeNames.get(code)!;
    const titles = titlesBy.get(e.code) ?? new Set<string>();
    titlesBy.set(e.code, titles);
    let title = '';
    for (let attempt = 0; attempt < 20 && (!title || titles.has(title)); attempt++) title = `${pick(VARIANTS)}${typeName}${pick(SHIFTS)}`;
    for (let n = 2; titles.has(title); n++) title = `${typeName}${n}`;
    titles.add(title);
    const benefits = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(BENEFITS)))];
    const work = rnd() < 0.85 ? e.regionLabel : pick(regions).code;
    // Two different sentences of each kind ("欢迎应届生，欢迎应届生" reads like a bug).
    const two = (list: readonly string[]) => { const a = Math.floor(rnd() * list.length); const b = (a + 1 + Math.floor(rnd() * (list.length - 1))) % list.length; return `${list[a]}，${list[b]}`; };
    const description = `${typeName}岗位：${two(DUTIES)}。${two(REQUIREMENTS)}。${two(PERKS)}。`;
    yield {
      enterprise: e, title, jobTypeCode: code, jobTypeName: typeName, headcount: 1 + Math.floor(Math.pow(rnd(), 2) * 30), salary: salaryBand(code, rnd),
      education: pick(EDUCATIONS), experience: pick(EXPERIENCES), work, benefits, description, validDays: 20 + Math.floor(rnd() * 120),
    };
  }
}

/**
 * One postings sheet for the whole season: `enterprises` employers across both provinces and
 * `postings` postings, as a union would collect them.
 */
export function generateEmployment(options: { enterprises?: number; postings?: number; seed?: number; today: string }): DemoEmployment {
  const rnd = random(options.seed ?? 20230225);
  const enterprises = generateEnterprises(rnd, options.enterprises ?? 455);
  const until = (days: number) => new Date(Date.parse(`${options.today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows: Sheet['rows'] = [{ number: 1, cells: HEADER }];
  for (const p of generatePostings(rnd, enterprises, options.postings ?? 13_000)) {
    const e = p.enterprise;
    rows.push({
      number: rows.length + 1,
      cells: [
        e.name, e.code, p.title, p.jobTypeName, p.headcount, p.salary, p.education, p.experience, p.work, p.benefits.join('、'), p.description,
        until(p.validDays), e.regionLabel, e.profile.industry, e.size, e.ownership,
      ],
    });
  }
  return { enterprises: enterprises.length, sheet: { name: '岗位', rows } };
}
