/** Server messages of the contests module (contests-setup; zh-CN is the source; en must have every key). */
export const zh = {
  'contest.setup.ends_before_start': '结束日期不能早于开始日期',
  'contest.setup.owner_outside_scope': '只能为本工会管辖范围内的工会举办竞赛',
  'contest.setup.not_chief_judge': '所选用户不是裁判长（须具有“裁判长”角色）',
  'contest.setup.revealed_fixed': '成绩已揭晓，裁判长不能再更换',
  'contest.setup.round_final_last': '最后一轮必须是决赛，之前各轮为初赛',
  'contest.setup.final_no_qualification': '决赛不设晋级规则',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'contest.setup.ends_before_start': 'The end date cannot be before the start date',
  'contest.setup.owner_outside_scope': 'You can only hold contests for unions within your scope',
  'contest.setup.not_chief_judge': 'The chosen user is not a chief judge (needs the chief judge role)',
  'contest.setup.revealed_fixed': 'The results are revealed; the chief judge can no longer be changed',
  'contest.setup.round_final_last': 'The last round must be the final and the ones before it preliminaries',
  'contest.setup.final_no_qualification': 'The final has no qualification rule',
};
