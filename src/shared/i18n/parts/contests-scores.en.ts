import type { zh } from './contests-scores.js';

// English of contests-scores.ts, in a module of its own so that the web app fetches it only when
// someone switches to English (src/web/i18n/index.tsx).
export const en: Record<keyof typeof zh, string> = {
  'contest.scores.not_item_judge': 'You are not a judge of this sub-item: you can neither enter nor read its marks',
  'contest.scores.lots_not_drawn': 'Lots have not been drawn: contestants have no work numbers yet, so marks cannot be entered',
  'contest.scores.not_finalist': 'This contestant is not a finalist',
  'contest.scores.aspect_not_found': 'That aspect does not belong to this sub-item',
  'contest.scores.mark_not_found': 'Mark not found',
  'contest.scores.value_range': 'The mark for aspect {{aspect}} must be between {{min}} and {{max}}',
  'contest.scores.value_decimals': 'The mark for aspect {{aspect}} must be a number with at most two decimals',
  'contest.scores.judgement_whole': 'Aspect {{aspect}} is a judgement: give 0, 1, 2 or 3',
  'contest.scores.deduction_unknown': 'Aspect {{aspect}} has no listed deduction {{code}}',
  'contest.scores.deduction_required': 'Aspect {{aspect}} is a deduction: tick the listed deductions (an empty list when none applies)',
  'contest.scores.duplicate': 'You have already entered {{aspect}} for work number {{workNumber}}; use "change" to correct it',
  'contest.scores.full': '{{aspect}} for work number {{workNumber}} already has {{count}} entries; no more can be added',
  'contest.scores.locked': 'Sub-item {{item}} is locked: no more entries; a change after the lock needs a reason',
  'contest.scores.not_your_mark': 'You can only change your own entries (the chief judge excepted)',
  'contest.scores.reason_required': 'The sub-item is locked: a change needs a reason',
  'contest.scores.unchanged': 'The new value equals the old one; nothing changed',
  'contest.scores.not_timed': 'Sub-item {{item}} does not record completion times',
  'contest.scores.no_flag': '{{aspect}} for work number {{workNumber}} has no open flag',
  'contest.scores.resolve_by_change': 'The two entries differ: a judge must change an entry so they agree; a note alone does not settle it',
  'contest.scores.already_locked': 'Sub-item {{item}} is already locked',
  'contest.scores.incomplete': '{{count}} contestants still have incomplete marks, open flags or no time ({{times}} without a time), so the sub-item cannot be locked: {{list}}',
  'contest.scores.missing': 'Work number {{workNumber}}: {{aspects}} incomplete or flagged',
  'contest.scores.missing_time': 'Work number {{workNumber}}: no completion time',
  'contest.scores.missing_both': 'Work number {{workNumber}}: {{aspects}} incomplete or flagged, and no completion time',
  'contest.scores.chief_only': 'Only the chief judge verifies, settles flags and locks',
};
