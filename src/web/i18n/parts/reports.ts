/** UI text of the reports pages (zh-CN is the source; en must have every key). */
export const zh = {
  'reports.export_xlsx': '导出报表 (Excel)',
  'reports.export_pdf': '导出报表 (PDF)',
  'reports.intents_csv': '意向名单 CSV',
  'reports.intents_csv_hint': '含求职者姓名和脱敏手机号，供回访使用；下载将记入操作日志',
  'reports.downloaded': '已下载：{{name}}',
  // The audit log's names for the downloads (AuditPage looks up audit.action.<action>).
  'audit.action.report.season_xlsx': '下载服务季报表（Excel）',
  'audit.action.report.season_pdf': '下载服务季报表（PDF）',
  'audit.action.report.event_xlsx': '下载活动报表（Excel）',
  'audit.action.report.event_pdf': '下载活动报表（PDF）',
  'audit.action.report.intents_csv': '下载就业意向名单',
} as const;
