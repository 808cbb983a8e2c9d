// The words of the demo framework agreement and its 2023 work (issue 7 §7). The agreement's title,
// parties, the four lines of work for 2023, the third joint conference (2023-02-22, 广安), the
// speaking unions and the sites visited follow the public record; everything else — the signing
// date, the articles, item targets, reports, speeches and minutes — is ILLUSTRATIVE text written for
// the demo and says so where a reader might take it for the federations' own words.

export const DEMO_AGREEMENT_TITLE = '川渝工会推动成渝地区双城经济圈建设战略合作框架协议';
export const DEMO_MEETING_TITLE = '川渝工会第三次联席会议';
/** Marks text that is not the federations' own. */
export const ILLUSTRATIVE = '（演示示例文本，非正式文件原文）';

/** Illustrative: the date is chosen for the demo (the agreement was signed in 2020). */
export const DEMO_SIGNED_ON = '2020-04-20';

export const DEMO_SUMMARY = `四川省总工会、重庆市总工会围绕成渝地区双城经济圈建设，在思想引领、建功立业、维权服务、产业工人队伍建设改革和工会自身建设等方面深化合作，建立联席会议制度，每年确定重点合作事项并共同推进、共同考核。${ILLUSTRATIVE}`;

export const DEMO_BODY = [
  `说明：以下条文为演示系统编写的示例文本，用于展示协议正文的录入与阅读，非协议原文。`,
  `第一条 合作宗旨。双方以推动成渝地区双城经济圈建设为统领，发挥工会组织优势，团结动员两地职工在双城经济圈建设中建功立业，共同打造川渝工会合作示范。`,
  `第二条 思想引领。双方联合开展职工思想政治引领和宣传教育，共同组织主题宣讲、劳模工匠宣传和职工文化活动，共建共享宣传阵地。`,
  `第三条 建功立业。双方围绕双城经济圈重大项目、重点产业和重大工程，联合开展劳动和技能竞赛，共同举办就业服务活动，促进两地人力资源合理流动。`,
  `第四条 维权服务。双方推动职工法律援助、困难职工帮扶、户外劳动者服务、职工疗休养等服务项目互联互通、互认共享，维护两地职工合法权益。`,
  `第五条 产业工人队伍建设改革。双方协同推进产业工人队伍建设改革，共建劳模和工匠人才创新工作室联盟，联合培养高技能人才。`,
  `第六条 工会改革与自身建设。双方交流基层工会建设和新就业形态劳动者入会经验，联合开展工会干部培训。`,
  `第七条 工作机制。双方建立联席会议制度，原则上每年召开一次，轮流承办，通报上年度合作情况，确定本年度重点合作事项；日常工作由双方办公室（或指定部门）对接。`,
  `第八条 附则。本协议自双方签字之日起生效，未尽事宜由双方协商确定。`,
].join('\n\n');

export interface DemoArea { seq: number; name: string; description: string }
export const DEMO_AREAS: DemoArea[] = [
  { seq: 1, name: '宣传学习与思想引领', description: '联合开展宣传学习和职工思想政治引领，共同选树宣传劳模工匠。' },
  { seq: 2, name: '动员职工建功双城经济圈重大项目', description: '围绕重大项目开展劳动竞赛，共同办好川渝就业服务季。' },
  { seq: 3, name: '维权服务', description: '法律援助、户外劳动者服务、职工疗休养等服务互联互通、互认共享。' },
  { seq: 4, name: '产业工人队伍建设改革与工会改革', description: '联合举办职业技能竞赛，共建创新工作室联盟，交流工会改革经验。' },
];

/** Region codes (GB/T 2260) of the unions in the demo. */
export const U = {
  cq: '500000', sc: '510000', jiangbei: '500105', beibei: '500109', tongnan: '500152', rongchang: '500153',
  chengdu: '510100', neijiang: '511000', guangan: '511600', dazhou: '511700',
} as const;
export type UnionKey = keyof typeof U;

export type DemoIndicator =
  | { kind: 'livestreams_held' } | { kind: 'season_figure'; figure: 'positions' | 'intents' }
  | { kind: 'joint_contests'; year: number } | { kind: 'contest_finalists' };

export interface DemoItem {
  code: string; area: number; title: string; description: string; lead: UnionKey; unions: UnionKey[];
  startsOn: string; dueOn: string; target: number; unit: string;
  indicator?: DemoIndicator;
  /** manual progress entries: [date, value, by union, evidence] */
  progress?: [string, number, UnionKey, string][];
  /** federations that signed off, with the date */
  signoffs?: ['50' | '51', string][];
}

export const DEMO_ITEMS: DemoItem[] = [
  { code: '2023-1.1', area: 1, title: '联合开展党的二十大精神川渝职工宣讲', description: '两地工会宣讲团互派宣讲员，深入企业、园区、工地开展面对面宣讲。', lead: 'cq', unions: ['cq', 'sc', 'jiangbei', 'chengdu'],
    startsOn: '2023-03-01', dueOn: '2023-06-30', target: 20, unit: '场',
    progress: [['2023-04-10', 8, 'jiangbei', '江北区、成都市宣讲员在两地企业开展联合宣讲 8 场，覆盖职工约 1,600 人次。'], ['2023-06-20', 21, 'chengdu', '累计开展联合宣讲 21 场，宣讲稿和现场照片已归档。']],
    signoffs: [['50', '2023-07-05'], ['51', '2023-07-07']] },
  { code: '2023-1.2', area: 1, title: '联合选树宣传“川渝工匠”', description: '共同制定评选办法，两地各推荐候选人，联合发布并开展事迹巡讲。', lead: 'sc', unions: ['sc', 'cq', 'neijiang', 'rongchang'],
    startsOn: '2023-03-01', dueOn: '2023-11-30', target: 20, unit: '名',
    progress: [['2023-06-30', 12, 'neijiang', '两地推荐候选人 24 名，完成初评，拟选树 20 名。'], ['2023-10-15', 16, 'rongchang', '已发布首批“川渝工匠” 16 名，第二批公示中。']] },
  { code: '2023-1.3', area: 1, title: '川渝工会新闻宣传联动专题报道', description: '两地工会媒体联合策划“双城工会故事”专栏，互转互推。', lead: 'guangan', unions: ['guangan', 'beibei', 'sc', 'cq'],
    startsOn: '2023-03-01', dueOn: '2023-12-31', target: 30, unit: '篇',
    progress: [['2023-05-31', 9, 'guangan', '“双城工会故事”专栏刊发 9 篇。'], ['2023-09-30', 22, 'beibei', '累计刊发专题报道 22 篇，两地工会新媒体互转 40 余次。']] },
  { code: '2023-2.1', area: 2, title: '川渝就业服务季直播带岗 40 场', description: '两地市、区总工会轮流开设直播间，推介双城经济圈重点企业岗位。', lead: 'cq', unions: ['cq', 'sc', 'jiangbei', 'guangan', 'chengdu', 'neijiang'],
    startsOn: '2023-02-25', dueOn: '2023-05-31', target: 40, unit: '场', indicator: { kind: 'livestreams_held' }, signoffs: [['51', '2023-06-08']] },
  { code: '2023-2.2', area: 2, title: '就业服务季跨省共享岗位 10,000 个', description: '两地工会在服务季平台共享企业岗位，供两地职工双向选择。', lead: 'sc', unions: ['sc', 'cq', 'chengdu', 'beibei'],
    startsOn: '2023-02-25', dueOn: '2023-05-31', target: 10000, unit: '个', indicator: { kind: 'season_figure', figure: 'positions' } },
  { code: '2023-2.3', area: 2, title: '就业服务季促成求职意向', description: '招聘会、网络招聘和直播带岗达成的求职意向。', lead: 'cq', unions: ['cq', 'sc', 'dazhou', 'tongnan'],
    startsOn: '2023-02-25', dueOn: '2023-05-31', target: 3800, unit: '人次', indicator: { kind: 'season_figure', figure: 'intents' } },
  { code: '2023-2.4', area: 2, title: '在双城经济圈重大项目联合开展劳动竞赛', description: '围绕交通、能源、园区等重大项目，两地工会联合组织劳动竞赛。', lead: 'dazhou', unions: ['dazhou', 'jiangbei', 'tongnan', 'guangan'],
    startsOn: '2023-03-01', dueOn: '2023-10-31', target: 6, unit: '项',
    progress: [['2023-05-20', 2, 'dazhou', '达万铁路扩能改造、西渝高铁沿线两项劳动竞赛启动。'], ['2023-09-10', 4, 'jiangbei', '新增两江新区—江北嘴片区建设劳动竞赛等两项，累计 4 项。']] },
  { code: '2023-3.1', area: 3, title: '川渝职工法律援助异地协作', description: '建立异地维权协作机制，互相受理和转办对方职工的法律援助申请。', lead: 'chengdu', unions: ['chengdu', 'jiangbei', 'sc', 'cq'],
    startsOn: '2023-03-01', dueOn: '2023-12-31', target: 100, unit: '件',
    progress: [['2023-06-30', 38, 'chengdu', '上半年互转互办法律援助案件 38 件，结案 31 件。'], ['2023-09-30', 67, 'jiangbei', '前三季度累计办理 67 件，为职工挽回经济损失约 210 万元（示例数据）。']] },
  { code: '2023-3.2', area: 3, title: '户外劳动者服务站点互认共享', description: '两地工会户外劳动者服务站点统一标识、信息互通，向对方职工开放。', lead: 'tongnan', unions: ['tongnan', 'neijiang', 'rongchang', 'chengdu'],
    startsOn: '2023-03-01', dueOn: '2023-09-30', target: 60, unit: '个',
    progress: [['2023-05-15', 20, 'tongnan', '潼南、荣昌首批 20 个站点完成互认挂牌。'], ['2023-08-31', 35, 'neijiang', '内江、成都新增 15 个互认站点，累计 35 个。']] },
  { code: '2023-3.3', area: 3, title: '川渝职工疗休养基地互认', description: '互相开放职工疗休养基地，组织劳模和一线职工跨省疗休养。', lead: 'beibei', unions: ['beibei', 'guangan', 'cq', 'sc'],
    startsOn: '2023-03-01', dueOn: '2023-11-30', target: 500, unit: '人次',
    progress: [['2023-07-31', 260, 'beibei', '北碚、广安疗休养基地接待对方职工 260 人次。'], ['2023-10-31', 520, 'guangan', '累计接待 520 人次，职工满意度测评 98%。']],
    signoffs: [['50', '2023-11-20']] },
  { code: '2023-3.4', area: 3, title: '新就业形态劳动者集中入会行动', description: '联合开展快递、外卖、网约车等新就业形态劳动者入会和服务行动。', lead: 'rongchang', unions: ['rongchang', 'neijiang', 'dazhou', 'cq'],
    startsOn: '2023-03-01', dueOn: '2023-12-31', target: 20000, unit: '人',
    progress: [['2023-06-30', 8600, 'rongchang', '上半年新发展新就业形态劳动者会员 8,600 人。']] },
  { code: '2023-4.1', area: 4, title: '联合举办川渝职工职业技能大赛', description: '每年至少联合举办一项两地职工共同参赛的职业技能竞赛。', lead: 'sc', unions: ['sc', 'cq'],
    startsOn: '2023-01-01', dueOn: '2023-12-31', target: 1, unit: '项', indicator: { kind: 'joint_contests', year: 2023 },
    signoffs: [['51', '2023-11-10'], ['50', '2023-11-13']] },
  { code: '2023-4.2', area: 4, title: '川渝电力职工职业技能大赛决赛选手', description: '两地电力企业选拔职工进入决赛。', lead: 'guangan', unions: ['guangan', 'jiangbei', 'sc', 'cq'],
    startsOn: '2023-03-01', dueOn: '2023-10-31', target: 80, unit: '人', indicator: { kind: 'contest_finalists' } },
  { code: '2023-4.3', area: 4, title: '共建川渝劳模和工匠人才创新工作室联盟', description: '两地创新工作室结对共建，联合攻关技术难题。', lead: 'neijiang', unions: ['neijiang', 'rongchang', 'beibei', 'sc'],
    startsOn: '2023-03-01', dueOn: '2023-12-31', target: 10, unit: '家',
    progress: [['2023-08-15', 6, 'neijiang', '内江—荣昌 4 家、北碚—成都 2 家工作室签订结对共建协议。']] },
  { code: '2023-4.4', area: 4, title: '联合开展基层工会干部培训', description: '交流工会改革和基层建设经验，两地轮流承办培训班。', lead: 'cq', unions: ['cq', 'sc', 'dazhou', 'tongnan'],
    startsOn: '2023-03-01', dueOn: '2023-12-15', target: 4, unit: '期',
    progress: [['2023-05-26', 1, 'dazhou', '在达州举办第一期培训班，两地学员 120 人。'], ['2023-09-22', 3, 'tongnan', '潼南、成都再办两期，累计 3 期。']] },
];

/** Staff of the speaking unions that have no demo account yet (password chuanyu-demo). */
export const DEMO_COOP_ACCOUNTS: { username: string; name: string; union: UnionKey }[] = [
  { username: 'tn-union', name: '罗敏', union: 'tongnan' }, { username: 'rc-union', name: '邓林', union: 'rongchang' },
  { username: 'cd-union', name: '杨帆', union: 'chengdu' }, { username: 'nj-union', name: '黄莉', union: 'neijiang' },
];
/** The demo account that acts for each union. */
export const ACTING_ACCOUNT: Record<UnionKey, string> = {
  cq: 'cq-admin', sc: 'sc-admin', jiangbei: 'jb-union', beibei: 'bb-union', guangan: 'ga-union', dazhou: 'dz-union',
  tongnan: 'tn-union', rongchang: 'rc-union', chengdu: 'cd-union', neijiang: 'nj-union',
};

export interface DemoReport {
  item: string; union: UnionKey; period: string; status: 'draft' | 'submitted' | 'accepted' | 'returned'; highlight?: boolean;
  submittedOn?: string; reviewedOn?: string; reviewNote?: string; body: string; figures: { label: string; value: number; unit?: string }[];
}

export const DEMO_REPORTS: DemoReport[] = [
  { item: '2023-1.1', union: 'jiangbei', period: '2023-Q2', status: 'accepted', highlight: true, submittedOn: '2023-07-03', reviewedOn: '2023-07-05',
    body: '江北区总工会与成都市总工会互派宣讲员，走进观音桥商圈、两江新区产业园和成都天府新区建筑工地，采用“微宣讲+文艺演出”形式开展联合宣讲，职工反响热烈。', figures: [{ label: '联合宣讲', value: 13, unit: '场' }, { label: '覆盖职工', value: 2600, unit: '人次' }] },
  { item: '2023-3.1', union: 'jiangbei', period: '2023-Q3', status: 'submitted', submittedOn: '2023-10-08',
    body: '第三季度与成都市总工会互转法律援助申请 12 件，其中劳动报酬争议 9 件，已结案 8 件。', figures: [{ label: '互转案件', value: 12, unit: '件' }, { label: '结案', value: 8, unit: '件' }] },
  { item: '2023-3.1', union: 'chengdu', period: '2023-Q2', status: 'accepted', highlight: true, submittedOn: '2023-07-06', reviewedOn: '2023-07-10',
    body: '成都市总工会职工法律服务中心设立“川渝维权协作窗口”，为在蓉重庆籍职工和在渝四川籍职工提供异地受理、就近调解服务，上半年办理协作案件 38 件。', figures: [{ label: '协作案件', value: 38, unit: '件' }, { label: '结案', value: 31, unit: '件' }] },
  { item: '2023-2.2', union: 'chengdu', period: '2023-Q2', status: 'accepted', submittedOn: '2023-06-12', reviewedOn: '2023-06-15',
    body: '服务季期间成都市总工会组织本地重点企业在平台发布岗位，并向重庆籍求职职工定向推送。', figures: [{ label: '发布企业', value: 120, unit: '家' }] },
  { item: '2023-3.3', union: 'beibei', period: '2023-Q3', status: 'accepted', highlight: true, submittedOn: '2023-10-09', reviewedOn: '2023-10-12',
    body: '北碚区缙云山职工疗休养基地与广安市华蓥山疗休养基地互认，组织两地劳模和一线职工疗休养 11 批次。', figures: [{ label: '疗休养', value: 260, unit: '人次' }, { label: '批次', value: 11, unit: '批' }] },
  { item: '2023-1.3', union: 'beibei', period: '2023-Q3', status: 'draft',
    body: '（草稿）第三季度“双城工会故事”专栏北碚稿件 5 篇，待补充阅读量数据。', figures: [{ label: '稿件', value: 5, unit: '篇' }] },
  { item: '2023-3.2', union: 'tongnan', period: '2023-Q2', status: 'accepted', submittedOn: '2023-07-04', reviewedOn: '2023-07-07',
    body: '潼南区与荣昌区、内江市统一户外劳动者服务站点标识，首批 20 个站点完成互认挂牌。', figures: [{ label: '互认站点', value: 20, unit: '个' }] },
  { item: '2023-4.4', union: 'tongnan', period: '2023-Q3', status: 'returned', submittedOn: '2023-10-10', reviewedOn: '2023-10-13', reviewNote: '请补充培训班学员名单和课程安排。',
    body: '潼南区承办第三期基层工会干部培训班。', figures: [{ label: '培训学员', value: 96, unit: '人' }] },
  { item: '2023-1.2', union: 'rongchang', period: '2023-Q3', status: 'accepted', submittedOn: '2023-10-11', reviewedOn: '2023-10-16',
    body: '荣昌区推荐的 3 名候选人入选首批“川渝工匠”，事迹巡讲走进荣昌高新区企业。', figures: [{ label: '入选工匠', value: 3, unit: '名' }, { label: '巡讲', value: 4, unit: '场' }] },
  { item: '2023-3.4', union: 'rongchang', period: '2023-Q2', status: 'submitted', submittedOn: '2023-07-12',
    body: '荣昌区在物流园区、商圈设立集中入会点，新就业形态劳动者入会 2,300 人。', figures: [{ label: '新入会', value: 2300, unit: '人' }] },
  { item: '2023-4.3', union: 'neijiang', period: '2023-Q3', status: 'accepted', highlight: true, submittedOn: '2023-10-09', reviewedOn: '2023-10-11',
    body: '内江市 4 家劳模和工匠人才创新工作室与荣昌区工作室结对，联合攻关“夏布织造自动化”等技术课题 3 项。', figures: [{ label: '结对工作室', value: 4, unit: '家' }, { label: '攻关课题', value: 3, unit: '项' }] },
  { item: '2023-3.2', union: 'neijiang', period: '2023-Q3', status: 'returned', submittedOn: '2023-09-05', reviewedOn: '2023-09-08', reviewNote: '站点数与挂牌照片不一致，请核对后重新提交。',
    body: '内江市新增互认站点 10 个。', figures: [{ label: '新增站点', value: 10, unit: '个' }] },
  { item: '2023-2.1', union: 'guangan', period: '2023-Q2', status: 'accepted', highlight: true, submittedOn: '2023-06-05', reviewedOn: '2023-06-08',
    body: '广安市总工会在服务季期间承办直播带岗，推介川渝高竹新区企业岗位，直播间观看人数屡创新高。', figures: [{ label: '承办直播', value: 4, unit: '场' }] },
  { item: '2023-3.3', union: 'guangan', period: '2023-Q4', status: 'draft',
    body: '（草稿）第四季度接待重庆籍职工疗休养情况。', figures: [] },
  { item: '2023-2.4', union: 'dazhou', period: '2023-Q3', status: 'submitted', submittedOn: '2023-10-07',
    body: '达州市在西渝高铁沿线开展“当好主力军·建功双城圈”劳动竞赛，参赛班组 46 个。', figures: [{ label: '参赛班组', value: 46, unit: '个' }] },
  { item: '2023-4.4', union: 'dazhou', period: '2023-Q2', status: 'accepted', submittedOn: '2023-07-05', reviewedOn: '2023-07-06',
    body: '达州市承办第一期川渝基层工会干部培训班，两地学员 120 人。', figures: [{ label: '学员', value: 120, unit: '人' }] },
];
