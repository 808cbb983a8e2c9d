/** Server messages of worker services — the membership slice (services.membership.*; zh-CN is the source; en must have every key). */
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
