/** UI text of the contests module (contests: menu and the contest pages' shared navigation; zh-CN is the source; en must have every key). */
export const zh = {
  'contests.menu': '技能竞赛',
  'contests.nav.setup': '赛事与选手',
  'contests.nav.scheme': '评分标准',
  'contests.nav.scoring': '评分与核分',
  'contests.nav.results': '成绩与证书',
  'contests.m.entry': '技能竞赛',
} as const;
