/** Server messages of the cooperation module (coop-items; zh-CN is the source; en must have every key). */
export const zh = {
  'coop.items.rule.done': '已完成：四川、重庆两省市总工会均已确认',
  'coop.items.rule.awaiting_signoff': '进度已达 100%，待双方确认',
  'coop.items.rule.late': '已逾期：超过截止日期 {{dueOn}} 仍未经双方确认完成',
  'coop.items.rule.at_risk': '有风险：时间已过 {{elapsed}}%，进度 {{percent}}%，落后 {{gap}} 个百分点（超过 25 个百分点）',
  'coop.items.rule.on_track': '正常：进度落后时间不超过 25 个百分点（时间已过 {{elapsed}}%，进度 {{percent}}%）',
  'coop.items.status.on_track': '正常',
  'coop.items.status.at_risk': '有风险',
  'coop.items.status.late': '逾期',
  'coop.items.status.done': '已完成',
  'coop.items.indicator_season_not_found': '指标所指的服务季 {{id}} 不存在',
  'coop.items.indicator_contest_not_found': '指标所指的竞赛 {{id}} 不存在',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'coop.items.rule.done': 'Done: both federations (Sichuan and Chongqing) have signed off',
  'coop.items.rule.awaiting_signoff': 'Progress has reached 100 %, awaiting sign-off by both federations',
  'coop.items.rule.late': 'Late: past the due date {{dueOn}} and not signed off by both federations',
  'coop.items.rule.at_risk': 'At risk: {{elapsed}} % of the time has passed, progress is {{percent}} %, {{gap}} points behind (more than 25)',
  'coop.items.rule.on_track': 'On track: progress trails the time by no more than 25 points ({{elapsed}} % of the time passed, progress {{percent}} %)',
  'coop.items.status.on_track': 'On track',
  'coop.items.status.at_risk': 'At risk',
  'coop.items.status.late': 'Late',
  'coop.items.status.done': 'Done',
  'coop.items.indicator_season_not_found': 'The season {{id}} named by the indicator does not exist',
  'coop.items.indicator_contest_not_found': 'The contest {{id}} named by the indicator does not exist',
};
