import type { FieldIssue } from '../../platform/errors.js';
import type { MeetingDoc } from './meetings.schemas.js';

// The rules of a joint meeting's document beyond its fields' shapes (issue 7 §3), pure: given what
// the database knows (which unions, files and items exist, and the agreement of each item), every
// problem comes back at once with its path, so the editor can put each on its field.

export interface MeetingFacts {
  agreementId: number;
  /** The agreement's signing date: its meetings come after it. */
  signedOn: string;
  /** Today's China date. */
  today: string;
  unions: ReadonlySet<string>;
  /** Stored meeting files. */
  files: ReadonlySet<string>;
  /** Work item id → its agreement. */
  items: ReadonlyMap<number, number>;
}

/** What the rules need looked up: the unions, files and work items a document names. */
export function referencesOf(doc: MeetingDoc) {
  const unions = [doc.hostUnionId, ...doc.attendees.map((a) => a.unionId), ...doc.speeches.map((s) => s.unionId), ...doc.decisions.map((d) => d.ownerUnionId)];
  return {
    unions: [...new Set(unions.filter((id): id is string => !!id))],
    files: [...new Set(doc.speeches.flatMap((s) => (s.fileId ? [s.fileId] : [])))],
    items: [...new Set(doc.decisions.flatMap((d) => (d.workItemId ? [d.workItemId] : [])))],
  };
}

/** Every problem of a meeting document, in document order; none means it may be stored. */
export function meetingIssues(doc: MeetingDoc, facts: MeetingFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const checkUnion = (id: string | null, path: string) => { if (id && !facts.unions.has(id)) issues.push({ path, code: 'orgs.union_not_found' }); };
  // A meeting under the agreement happens after its signing; one not yet come cannot have been held.
  if (doc.heldOn < facts.signedOn) issues.push({ path: 'heldOn', code: 'coop.meetings.before_agreement', params: { signedOn: facts.signedOn } });
  if (doc.status === 'held' && doc.heldOn > facts.today) issues.push({ path: 'status', code: 'coop.meetings.held_in_future' });
  checkUnion(doc.hostUnionId, 'hostUnionId');
  // Attendees are people of a union, or guests named by their organisation.
  doc.attendees.forEach((a, i) => {
    checkUnion(a.unionId, `attendees.${i}.unionId`);
    if (!a.unionId && !a.organisation) issues.push({ path: `attendees.${i}.organisation`, code: 'coop.meetings.attendee_affiliation' });
  });
  // The agenda is kept in order: where times are given they do not go back.
  let last = '';
  doc.agenda.forEach((a, i) => {
    if (!a.startsAt) return;
    if (a.startsAt < last) issues.push({ path: `agenda.${i}.startsAt`, code: 'coop.meetings.agenda_order', params: { previous: last } });
    last = a.startsAt;
  });
  doc.speeches.forEach((s, i) => {
    checkUnion(s.unionId, `speeches.${i}.unionId`);
    if (s.fileId && !facts.files.has(s.fileId)) issues.push({ path: `speeches.${i}.fileId`, code: 'files.not_found' });
  });
  // Decisions drive work items of the same agreement only, and fall due after the meeting.
  doc.decisions.forEach((d, i) => {
    checkUnion(d.ownerUnionId, `decisions.${i}.ownerUnionId`);
    if (d.dueOn && d.dueOn < doc.heldOn) issues.push({ path: `decisions.${i}.dueOn`, code: 'coop.meetings.due_before_meeting' });
    if (d.workItemId) {
      const of = facts.items.get(d.workItemId);
      if (of === undefined) issues.push({ path: `decisions.${i}.workItemId`, code: 'coop.item_not_found' });
      else if (of !== facts.agreementId) issues.push({ path: `decisions.${i}.workItemId`, code: 'coop.meetings.item_other_agreement' });
    }
  });
  return issues;
}
