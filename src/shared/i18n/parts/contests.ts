/** Server messages of the contests module (contests; zh-CN is the source; en must have every key). */
export const zh = {
  'contest.not_found': '竞赛不存在',
  'contest.rules_team_n': '团体成绩按“前 n 名”计算时须填写 n',
  'contest.item_not_found': '竞赛项目不存在',
  'contest.contestant_not_found': '选手不存在',
  'contest.team_not_found': '代表队不存在',
} as const;
