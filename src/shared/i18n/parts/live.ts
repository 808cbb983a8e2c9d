/** Server messages of the live feature (zh-CN is the source; en must have every key). */
export const zh = {
  'live.not_livestream': '该活动不是直播带岗',
  'live.event_cancelled': '本场直播已取消',
  'live.posting_not_featured': '该岗位不在本场直播的岗位清单中',
  'live.posting_unavailable': '岗位 {{id}} 未发布或已过期，不能加入直播',
  'live.already_featured': '岗位“{{title}}”已在本场直播的岗位清单中',
  'live.too_many': '每场直播最多精选 {{max}} 个岗位',
  'live.order_duplicate': '排序中有重复的岗位',
  'live.order_stale': '岗位清单已被他人修改，请刷新后再排序',
  'live.viewers_stale': '观看人数已被他人更新为 {{viewers}}，请确认后再填写',
} as const;
