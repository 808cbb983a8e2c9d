/** Server messages of the cooperation module (coop; zh-CN is the source; en must have every key). */
export const zh = {
  'coop.agreement_not_found': '协议不存在',
  'coop.item_not_found': '工作事项不存在',
  'coop.report_not_found': '进展报告不存在',
  'coop.meeting_not_found': '联席会议不存在',
} as const;
