import type { Trx } from '../platform/db.js';
import { sealIdCard, sealPhone } from '../modules/services/services.pii.js';
import type { DemoEnv } from './services.js';
import { at, chinaDate, plus, type Person, type PlannedRequest } from './services-plan.js';

// The mutual-aid part of the worker-services demo (issue 8 §3): two plans per federation (the 2023
// year's, closed, and this year's, open), enrolments of demo enterprises by their employers'
// lists (confirmed or awaiting the union), each member's consent, and claims by enrolled members.

export const DEMO_AID_PLAN_MARK = '重庆市职工住院医疗互助保障（2023年度）';

interface PlanSpec { key: 'cq2023' | 'cqNow' | 'sc2023' | 'scNow'; federation: '50' | '51'; name: string; summary: string; year: 'then' | 'now'; price: number;
  benefits: { name: string; amount: number; note?: string }[] }

const plans = (year: number): PlanSpec[] => [
  { key: 'cq2023', federation: '50', name: DEMO_AID_PLAN_MARK, year: 'then', price: 30,
    summary: '面向重庆市在职工会会员，由单位工会统一组织参加，保障期一年。会员因病或意外住院，按合规医疗费用个人自付部分给付互助金，并按住院天数给付津贴。',
    benefits: [{ name: '住院医疗互助金', amount: 10000, note: '合规医疗费用个人自付部分的 50%，年度累计最高 1 万元' }, { name: '住院津贴', amount: 2700, note: '每住院一天 30 元，年度最多 90 天' }] },
  { key: 'cqNow', federation: '50', name: `重庆市职工重大疾病互助保障（${year}年度）`, year: 'now', price: 50,
    summary: '面向重庆市在职工会会员，由单位工会统一组织参加。首次参加观察期 90 天，续保无观察期。确诊计划列明的重大疾病或女职工特殊疾病的，一次性给付互助金。',
    benefits: [{ name: '重大疾病互助金', amount: 30000, note: '确诊恶性肿瘤、急性心肌梗塞、脑中风后遗症等 30 种重大疾病之一，一次性给付' },
      { name: '女职工特殊疾病互助金', amount: 10000, note: '确诊乳腺癌、宫颈癌、卵巢癌等' }, { name: '身故互助金', amount: 5000, note: '保障期内因病或意外身故' }] },
  { key: 'sc2023', federation: '51', name: '四川省职工重大疾病互助保障（2023年度）', year: 'then', price: 40,
    summary: '四川省总工会职工互助保障活动，面向全省在职工会会员，以单位为单元参加。保障期内确诊重大疾病的，一次性给付互助金。',
    benefits: [{ name: '重大疾病互助金', amount: 20000, note: '首次确诊计划列明的 25 种重大疾病' }, { name: '意外伤残互助金', amount: 10000, note: '按伤残等级比例给付' }] },
  { key: 'scNow', federation: '51', name: `四川省职工住院医疗互助保障（${year}年度）`, year: 'now', price: 60,
    summary: '四川省在职工会会员住院医疗互助，以单位为单元参加，保障期一年。住院合规医疗费用个人自付部分按比例给付，另有住院津贴。',
    benefits: [{ name: '住院医疗互助金', amount: 15000, note: '个人自付部分超过 500 元以上的 60%，年度累计最高 1.5 万元' },
      { name: '住院津贴', amount: 3000, note: '每住院一天 40 元，年度最多 75 天' }, { name: '意外伤害门诊互助金', amount: 2000 }] },
];

/** Enrolments: the plan, the enterprise's county (or employer-demo's enterprise), size, state, when (days ago for this year's). */
const ENROLMENTS: { plan: PlanSpec['key']; region: string | 'employer-demo'; people: number; status: 'confirmed' | 'submitted'; on: string | number; confirmer: string }[] = [
  { plan: 'cq2023', region: 'employer-demo', people: 24, status: 'confirmed', on: '2023-03-08', confirmer: 'spb-union' },
  { plan: 'cq2023', region: '500105', people: 18, status: 'confirmed', on: '2023-03-15', confirmer: 'jb-union' },
  { plan: 'cq2023', region: '500109', people: 31, status: 'confirmed', on: '2023-03-20', confirmer: 'bb-union' },
  { plan: 'sc2023', region: '511603', people: 22, status: 'confirmed', on: '2023-03-10', confirmer: 'ga-union' },
  { plan: 'sc2023', region: '511703', people: 15, status: 'confirmed', on: '2023-03-28', confirmer: 'dz-union' },
  { plan: 'cqNow', region: 'employer-demo', people: 26, status: 'submitted', on: 2, confirmer: 'spb-union' },
  { plan: 'cqNow', region: '500152', people: 12, status: 'confirmed', on: 20, confirmer: 'tn-union' },
  { plan: 'scNow', region: '511622', people: 16, status: 'submitted', on: 1, confirmer: 'ga-union' },
  { plan: 'scNow', region: '511303', people: 28, status: 'confirmed', on: 30, confirmer: 'sc-admin' },
];

/** Claims by enrolled members: the enrolment (index above), the member's row, when, amount, what happened. */
const CLAIMS: { enrolment: number; row: number; created: string | number; incident: string | number; amount: number; subject: string; body: string; answer?: string; end?: 'confirmed' | 'auto' }[] = [
  { enrolment: 0, row: 5, created: '2023-04-18', incident: '2023-03-30', amount: 2430, subject: '住院医疗互助金给付申请（阑尾炎手术）',
    body: '本人于3月30日因急性阑尾炎在沙坪坝区人民医院住院手术，住院6天，医疗总费用9860元，医保报销后个人自付4860元。出院小结、费用清单和发票已交单位工会，申请住院医疗互助金。',
    answer: '您好，经审核，您的给付申请材料齐全，符合《重庆市职工住院医疗互助保障（2023年度）》给付条件：个人自付部分4860元的50%计2430元，另住院津贴6天计180元，合计2610元，将于15个工作日内打入您登记的银行卡，请注意查收。', end: 'confirmed' },
  { enrolment: 3, row: 2, created: '2023-05-10', incident: '2023-04-21', amount: 20000, subject: '重大疾病互助金申请',
    body: '本人4月21日在广安市人民医院确诊甲状腺恶性肿瘤（乳头状癌），已手术。病理报告、诊断证明和身份证复印件已交单位工会，申请重大疾病互助金。',
    answer: '您好，经审核，您确诊的疾病属于计划列明的恶性肿瘤范围，且不在观察期内，符合给付条件，重大疾病互助金20000元已核准，由四川省职工服务中心统一拨付至您的银行账户。祝您早日康复。', end: 'auto' },
  { enrolment: 6, row: 3, created: 3, incident: 9, amount: 8600, subject: '住院期间重大疾病互助咨询及给付申请',
    body: '我上月体检发现肺部结节，住院做了胸腔镜手术，病理是原位腺癌。请问这个在不在重大疾病互助的范围？我已上传诊断证明和病理报告，申请给付。',
    answer: '您好，您的申请已收到。原位癌一般不属于“恶性肿瘤”重大疾病的给付范围，但本年度计划对原位癌设有轻症给付（最高为重大疾病互助金的30%）。请补充住院病历首页和出院小结，我们收到后5个工作日内完成审核。' },
  { enrolment: 8, row: 7, created: 1, incident: 6, amount: 3150, subject: '住院医疗互助金给付申请（骨折）',
    body: '本人上周在单位搬运货物时不慎摔倒，右手桡骨骨折，在南充市中心医院住院7天，自付费用约5250元。材料已交公司工会，申请住院医疗互助金。' },
  { enrolment: 7, row: 1, created: 0.2, incident: 4, amount: 1800, subject: '母亲住院能否申请互助金',
    body: '我参加了公司统一办理的住院医疗互助保障，想问我母亲住院能不能用我的名义申请？如果不行，我自己的门诊费用能不能报？先按本人门诊费用提交申请。' },
];

const daysAgo = (now: Date, d: number) => plus(now, -d * 24);

/** Write the plans, enrolments and members; return the claims as planned requests (written with the others). */
export async function loadDemoAid(trx: Trx, env: DemoEnv): Promise<{ claims: PlannedRequest[]; plans: number; enrolments: number; members: number }> {
  const year = Number(chinaDate(env.now).slice(0, 4));
  const specs = plans(year);
  const planRows = await trx.insertInto('aid_plans').values(specs.map((p) => {
    const y = p.year === 'then' ? 2023 : year;
    return {
      federation: p.federation, name: p.name, summary: p.summary, starts_on: `${y}-01-01`, ends_on: `${y}-12-31`, price: p.price, benefits: JSON.stringify(p.benefits),
      status: p.year === 'then' ? 'closed' as const : 'open' as const, created_by: env.user(p.federation === '50' ? 'cq-admin' : 'sc-admin'),
      created_at: p.year === 'then' ? at('2022-12-20', '10:00') : at(`${year - 1}-12-18`, '10:00'), updated_at: p.year === 'then' ? at('2024-01-02', '09:00') : at(`${year - 1}-12-20`, '10:00'),
    };
  })).returning('id').execute();
  const planId = new Map(specs.map((p, i) => [p.key, planRows[i]!.id]));
  const priceOf = new Map(specs.map((p) => [p.key, p.price]));

  const enrolments = ENROLMENTS.map((e) => {
    const enterprise = e.region === 'employer-demo' ? env.employerEnterprise : env.enterprise(e.region);
    if (!enterprise) return null;
    const decided = typeof e.on === 'string' ? at(e.on, '15:30') : daysAgo(env.now, e.on);
    const submitted = plus(decided, typeof e.on === 'string' ? -50 : -3);
    const agent = e.region === 'employer-demo' ? env.user('employer-demo') : null;
    return { spec: e, enterprise, submitted, decided, agent };
  });
  const enrolmentRows = await trx.insertInto('aid_enrolments').values(enrolments.filter((e) => e !== null).map((e) => ({
    plan_id: planId.get(e.spec.plan)!, enterprise_id: e.enterprise.id, owner_union_id: e.enterprise.ownerUnionId, status: e.spec.status, people: e.spec.people,
    amount: e.spec.people * priceOf.get(e.spec.plan)!, submitted_by: e.agent, submitted_at: e.submitted,
    confirmed_by: e.spec.status === 'confirmed' ? env.user(e.spec.confirmer) : null, confirmed_at: e.spec.status === 'confirmed' ? e.decided : null,
    created_by: e.agent, created_at: plus(e.submitted, -0.5), updated_at: e.spec.status === 'confirmed' ? e.decided : e.submitted,
  }))).returning('id').execute();

  // The members of each list (their consent recorded by the employer's channel).
  const members: { enrolment: number; enrolmentId: number; row: number; person: Person; sealed: ReturnType<typeof sealIdCard> & ReturnType<typeof sealPhone> }[] = [];
  let k = 0;
  enrolments.forEach((e, enrolment) => {
    if (!e) return;
    const enrolmentId = enrolmentRows[k++]!.id;
    for (let row = 1; row <= e.spec.people; row++) {
      const person = env.person(e.enterprise.regionCode);
      members.push({ enrolment, enrolmentId, row, person, sealed: { ...sealIdCard(env.ctx.crypto, person.idCard), ...sealPhone(env.ctx.crypto, person.phone) } });
    }
  });
  const inserted = await trx.insertInto('aid_enrolment_members').values(members.map((m) => ({
    enrolment_id: m.enrolmentId, plan_id: planId.get(enrolments[m.enrolment]!.spec.plan)!, row_no: m.row, name: m.person.name, ...m.sealed,
  }))).returning(['id', 'enrolment_id', 'row_no']).execute();
  const idOf = new Map(inserted.map((r) => [`${r.enrolment_id}/${r.row_no}`, r.id]));
  const memberId = (m: (typeof members)[number]) => idOf.get(`${m.enrolmentId}/${m.row}`)!;
  const byKey = new Map(members.map((m) => [`${m.enrolment}/${m.row}`, m]));
  for (const m of members) {
    const e = enrolments[m.enrolment]!;
    env.consent({ userId: null, subjectHash: m.sealed.id_card_hash, purpose: 'aid_enrolment', recordType: 'aid_enrolment_member', recordId: String(memberId(m)),
      channel: 'employer', recordedBy: e.agent, at: e.submitted });
  }

  const claims: PlannedRequest[] = [];
  for (const c of CLAIMS) {
    const e = enrolments[c.enrolment];
    const member = byKey.get(`${c.enrolment}/${c.row}`);
    if (!e || !member) continue;
    let created = typeof c.created === 'string' ? at(c.created, '10:20') : plus(daysAgo(env.now, c.created), -((claims.length * 23 + 9) % 55) / 60);
    // in the day, China time
    while (((created.getUTCHours() + 8) % 24) < 8 || ((created.getUTCHours() + 8) % 24) > 21) created = plus(created, -1);
    const steps: PlannedRequest['steps'] = [];
    const staffed = env.staffedRegion(e.enterprise.regionCode);
    if (staffed) steps.push({ do: 'assign', at: plus(created, 2) });
    if (c.answer) steps.push({ do: 'answer', at: plus(created, 20), text: c.answer });
    if (c.end === 'confirmed') steps.push({ do: 'close', at: plus(created, 60), reason: 'confirmed' });
    if (c.end === 'auto') steps.push({ do: 'auto_close', at: plus(created, 20 + 7 * 24) });
    claims.push({
      kind: 'aid_claim', category: 'mutual_aid', channel: 'online', who: { person: member.person }, regionCode: e.enterprise.regionCode, registered: true, subject: c.subject, body: c.body,
      createdAt: created, steps, enterprise: e.enterprise,
      aid: { planId: planId.get(e.spec.plan)!, memberId: memberId(member), amount: c.amount,
        incidentOn: typeof c.incident === 'string' ? c.incident : chinaDate(daysAgo(env.now, c.incident)) },
    });
  }
  return { claims, plans: planRows.length, enrolments: enrolmentRows.length, members: inserted.length };
}
