import { ILLUSTRATIVE, type UnionKey } from './cooperation-content.js';

// The demo's third joint conference (川渝工会第三次联席会议, 2023-02-22, 广安, issue 7 §7). Date,
// place, the speaking unions and the sites visited follow the public record; the attendees' names,
// speech texts, decisions and minutes are ILLUSTRATIVE, written for the demo.

export const DEMO_MEETING = {
  heldOn: '2023-02-22',
  place: '四川省广安市（川渝高竹新区）',
  host: 'guangan' as UnionKey,
};

/** Illustrative attendees (invented names; positions by office). */
export const DEMO_ATTENDEES: { name: string; position: string; union: UnionKey | null; organisation?: string }[] = [
  { name: '陈立', position: '重庆市总工会 联络处负责人（演示）', union: 'cq' },
  { name: '张明远', position: '重庆市总工会 领导（示例姓名）', union: 'cq' },
  { name: '李娟', position: '四川省总工会 联络处负责人（演示）', union: 'sc' },
  { name: '刘文华', position: '四川省总工会 领导（示例姓名）', union: 'sc' },
  { name: '孙静', position: '江北区总工会', union: 'jiangbei' },
  { name: '何伟', position: '北碚区总工会', union: 'beibei' },
  { name: '罗敏', position: '潼南区总工会', union: 'tongnan' },
  { name: '邓林', position: '荣昌区总工会', union: 'rongchang' },
  { name: '杨帆', position: '成都市总工会', union: 'chengdu' },
  { name: '黄莉', position: '内江市总工会', union: 'neijiang' },
  { name: '王强', position: '广安市总工会', union: 'guangan' },
  { name: '郑芳', position: '达州市总工会', union: 'dazhou' },
  { name: '周华', position: '管委会代表（示例姓名）', union: null, organisation: '川渝高竹新区' },
];

export const DEMO_AGENDA: { startsAt: string; title: string; presenter: string }[] = [
  { startsAt: '09:00', title: '开幕，介绍与会单位和人员', presenter: '广安市总工会' },
  { startsAt: '09:10', title: '通报《框架协议》2022年度落实情况', presenter: '重庆市总工会' },
  { startsAt: '09:40', title: '交流发言（江北区、北碚区、潼南区、荣昌区、成都市、内江市、广安市、达州市总工会）', presenter: '各市、区总工会' },
  { startsAt: '10:50', title: '审议2023年度川渝工会合作重点工作（四个方面）', presenter: '四川省总工会' },
  { startsAt: '11:20', title: '签署2023年度合作事项，形成会议决定', presenter: '两地总工会' },
  { startsAt: '14:30', title: '实地观摩川渝高竹新区职工活动中心、税务服务中心、四川瑞创汽车科技有限公司', presenter: '广安市总工会' },
  { startsAt: '16:30', title: '川渝工会友谊林植树活动', presenter: '全体与会人员' },
];

/** Exchange speeches of the eight unions: titles and paragraphs are illustrative. */
export const DEMO_SPEECHES: { union: UnionKey; speaker: string; title: string; body: string }[] = [
  { union: 'jiangbei', speaker: '孙静', title: '携手成都 把宣讲送到职工身边',
    body: `江北区总工会与成都市总工会结成对子，互派宣讲员走进商圈、园区和工地，用职工听得懂的语言讲政策、讲发展。2023年我们将与成都共同开展联合宣讲，并把法律服务送进宣讲现场。${ILLUSTRATIVE}` },
  { union: 'beibei', speaker: '何伟', title: '疗休养基地互认 让劳模走得更远',
    body: `北碚区缙云山职工疗休养基地已与广安华蓥山基地达成互认意向，计划全年接待两地劳模和一线职工 500 人次，让川渝职工共享山水资源。${ILLUSTRATIVE}` },
  { union: 'tongnan', speaker: '罗敏', title: '户外劳动者服务站点“一张网”',
    body: `潼南地处川渝毗邻地区，跨省务工的户外劳动者多。我们将与荣昌、内江统一站点标识、共享站点信息，让两地户外劳动者“累了能歇脚、渴了能喝水”。${ILLUSTRATIVE}` },
  { union: 'rongchang', speaker: '邓林', title: '川南渝西融合发展中的新就业形态劳动者入会',
    body: `荣昌与内江产业相近、人员往来密切。我们将在物流园区和商圈设立集中入会点，联合开展新就业形态劳动者入会和服务行动，做到入会一处、服务两地。${ILLUSTRATIVE}` },
  { union: 'chengdu', speaker: '杨帆', title: '建立法律援助异地协作机制',
    body: `成都市总工会职工法律服务中心将设立“川渝维权协作窗口”，与江北区等重庆各区县工会互相受理、转办法律援助申请，共享律师和调解员资源。${ILLUSTRATIVE}` },
  { union: 'neijiang', speaker: '黄莉', title: '创新工作室结对共建 助力产业协同',
    body: `内江与荣昌同处成渝中部，我们将推动两地劳模和工匠人才创新工作室结对共建，围绕特色产业联合攻关，打造川渝创新工作室联盟的样板。${ILLUSTRATIVE}` },
  { union: 'guangan', speaker: '王强', title: '依托高竹新区 探索跨省域工会服务',
    body: `川渝高竹新区是川渝两地共建的跨省域新区。广安市总工会与渝北区总工会共建新区职工活动中心，探索跨省域的职工服务、就业服务和工会组建。${ILLUSTRATIVE}` },
  { union: 'dazhou', speaker: '郑芳', title: '围绕重大项目开展劳动竞赛',
    body: `达州是川渝东北一体化发展的重要节点。我们将在达万铁路扩能、西渝高铁等重大项目中联合开展劳动竞赛，动员职工在双城经济圈建设中建功立业。${ILLUSTRATIVE}` },
];

export const DEMO_VISITS: { kind: 'visit' | 'activity'; site: string; purpose: string }[] = [
  { kind: 'visit', site: '川渝高竹新区职工活动中心', purpose: '观摩跨省域新区职工服务阵地建设和运行情况' },
  { kind: 'visit', site: '川渝高竹新区税务服务中心', purpose: '了解跨省域“一窗通办”服务对企业和职工的便利' },
  { kind: 'visit', site: '四川瑞创汽车科技有限公司', purpose: '了解企业工会建设、职工技能提升和川渝汽车产业协作' },
  { kind: 'activity', site: '川渝工会友谊林植树活动', purpose: '两地工会与会人员共同植树，寓意川渝工会合作根深叶茂' },
];

/** Decisions, each linked to the 2023 work item it drives (by code). */
export const DEMO_DECISIONS: { text: string; item: string | null; owner: UnionKey | null; dueOn: string | null }[] = [
  { text: '确定2023年度川渝工会合作四个方面重点工作，分解为 15 项合作事项，由牵头单位会同责任单位推进，按季度报送进展。', item: null, owner: null, dueOn: null },
  { text: '共同办好2023年川渝就业服务季，直播带岗不少于 40 场。', item: '2023-2.1', owner: 'cq', dueOn: '2023-05-31' },
  { text: '联合举办川渝电力职工职业技能大赛，作为年度联合技能竞赛项目。', item: '2023-4.1', owner: 'sc', dueOn: '2023-12-31' },
  { text: '建立川渝职工法律援助异地协作机制，由成都市总工会牵头。', item: '2023-3.1', owner: 'chengdu', dueOn: '2023-12-31' },
  { text: '推动户外劳动者服务站点互认共享，由潼南区总工会牵头。', item: '2023-3.2', owner: 'tongnan', dueOn: '2023-09-30' },
  { text: '第四次联席会议由重庆市总工会承办，时间另行商定。', item: null, owner: 'cq', dueOn: null },
];

export const DEMO_MINUTES = [
  `${ILLUSTRATIVE}`,
  '2023年2月22日，川渝工会第三次联席会议在四川省广安市召开。四川省总工会、重庆市总工会有关负责同志，江北区、北碚区、潼南区、荣昌区、成都市、内江市、广安市、达州市总工会负责同志参加会议。',
  '会议通报了《川渝工会推动成渝地区双城经济圈建设战略合作框架协议》2022年度落实情况，听取了八个市、区总工会的交流发言。',
  '会议审议确定了2023年度合作的四个方面重点工作：宣传学习与思想引领；动员职工建功双城经济圈重大项目；维权服务；产业工人队伍建设改革与工会改革，并形成会议决定。',
  '会后，与会人员实地观摩了川渝高竹新区职工活动中心、税务服务中心和四川瑞创汽车科技有限公司，并参加了川渝工会友谊林植树活动。',
].join('\n\n');
