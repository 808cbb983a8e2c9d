// The judges' score-entry pages, loaded as one chunk (MobileApp.tsx).
export { JudgeHomePage, JudgeItemPage } from './JudgePages.js';
export { JudgeEntryPage } from './JudgeEntryPage.js';
