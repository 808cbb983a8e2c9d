/** UI text of the cooperation module (coop: menu and shared navigation; zh-CN is the source; en must have every key). */
export const zh = {
  'coop.menu': '川渝协作',
  'coop.nav.overview': '协议与工作事项',
  'coop.nav.reports': '进展报告',
  'coop.nav.meetings': '联席会议',
  'coop.nav.dashboard': '领导看板',
} as const;
