/** Server messages of the fair-day phone pages and their retried writes (zh-CN is the source; en must have every key). */
export const zh = {
  'idempotency.key_reused': '这个 Idempotency-Key 已用于另一个请求，请为新的请求换一个',
  'seasons.booths_fair_only': '只有现场招聘会设有展位',
  'seasons.booth_number_not_found': '本场招聘会没有 {{number}} 号展位',
} as const;
