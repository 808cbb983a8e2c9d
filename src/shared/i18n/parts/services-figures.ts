/** Server messages of worker services — the figures slice (services.figures.*, services.sweep.*; zh-CN is the source; en must have every key). */
export const zh = {
  'services.sweep.notify.escalated': '{{union}}受理的诉求 {{ref}} 已超过答复时限仍未答复，请督办',
  'services.sweep.notify.escalated_owner': '诉求 {{ref}} 已超过答复时限仍未答复，已提请省（市）总工会督办，请尽快答复',
  'services.sweep.notify.auto_closed': '您的诉求 {{ref}} 答复后 {{days}} 天内没有新的问题，已自动办结；如仍有问题可在 30 天内重新打开',
  'services.figures.date_format': '日期格式应为 yyyy-mm-dd',
  'services.figures.period_order': '结束日期不能早于开始日期',
  'services.figures.period_too_long': '统计期间最长 {{years}} 年',
  'services.figures.union_not_found': '所选工会不存在',
  'services.figures.other_union': '{{union}}不在您的管辖范围内，不能查看其服务数据',
} as const;
