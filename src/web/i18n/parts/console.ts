/** UI text of the event console and employer sign-up pages (zh-CN is the source; en must have every key). */
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
