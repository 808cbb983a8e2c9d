/** Server messages of the simulate feature (zh-CN is the source; en must have every key). */
export const zh = {
} as const;
