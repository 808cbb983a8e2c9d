/** UI text of the fair-day phone pages (visitor, staff check-in, booth scan) (zh-CN is the source; en must have every key). */
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
