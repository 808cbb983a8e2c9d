import type { zh } from './contests.js';

// English of contests.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'contest.not_found': 'Contest not found',
  'contest.rules_team_n': 'Give n when the team score uses the n best members',
  'contest.item_not_found': 'Contest item not found',
  'contest.contestant_not_found': 'Contestant not found',
  'contest.team_not_found': 'Team not found',
};
