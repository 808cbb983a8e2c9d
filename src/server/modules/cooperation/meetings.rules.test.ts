import { describe, expect, it } from 'vitest';
import { meetingIssues, referencesOf, type MeetingFacts } from './meetings.rules.js';
import type { MeetingDoc } from './meetings.schemas.js';

const CQ = 'cq-union';
const SC = 'sc-union';
const FILE = 'file-1';
const facts: MeetingFacts = {
  agreementId: 1, signedOn: '2020-04-20', today: '2023-03-01', unions: new Set([CQ, SC]), files: new Set([FILE]), items: new Map([[10, 1], [20, 2]]),
};
const base: MeetingDoc = {
  title: '川渝工会第三次联席会议', heldOn: '2023-02-22', place: '广安', hostUnionId: CQ, status: 'held', minutes: '',
  attendees: [{ name: '张明', position: '', unionId: SC, organisation: '' }, { name: '周华', position: '', unionId: null, organisation: '川渝高竹新区' }],
  agenda: [{ startsAt: '09:00', title: '开幕', presenter: '' }, { startsAt: '', title: '交流发言', presenter: '' }, { startsAt: '09:00', title: '审议', presenter: '' }],
  speeches: [{ unionId: CQ, speaker: '', title: '发言', body: '', fileId: FILE }],
  visits: [{ kind: 'activity', site: '川渝友谊林', purpose: '植树' }],
  decisions: [{ text: '直播带岗 40 场', ownerUnionId: CQ, dueOn: '2023-02-22', workItemId: 10 }],
};
const paths = (over: Partial<MeetingDoc>, f: Partial<MeetingFacts> = {}) => meetingIssues({ ...base, ...over }, { ...facts, ...f }).map((i) => `${i.path} ${i.code}`);

describe('meeting document rules', () => {
  it.each([
    ['a good document (same-time agenda items, untimed ones between, due on the day)', {}, {}, []],
    ['before the agreement was signed', { heldOn: '2020-04-19' }, {}, ['heldOn coop.meetings.before_agreement']],
    ['held but still to come', { heldOn: '2023-03-02', decisions: [] }, {}, ['status coop.meetings.held_in_future']],
    ['planned and still to come', { heldOn: '2023-03-02', status: 'planned' as const, decisions: [] }, {}, []],
    ['an unknown host', { hostUnionId: 'ghost' }, {}, ['hostUnionId orgs.union_not_found']],
    ['an attendee of no union and no organisation', { attendees: [{ name: '来宾', position: '', unionId: null, organisation: '' }] }, {}, ['attendees.0.organisation coop.meetings.attendee_affiliation']],
    ['an agenda going back in time', { agenda: [{ startsAt: '10:00', title: 'a', presenter: '' }, { startsAt: '', title: 'b', presenter: '' }, { startsAt: '09:59', title: 'c', presenter: '' }] }, {},
      ['agenda.2.startsAt coop.meetings.agenda_order']],
    ['a file that is not a stored meeting file', {}, { files: new Set<string>() }, ['speeches.0.fileId files.not_found']],
    ['an item of another agreement', { decisions: [{ ...base.decisions[0]!, workItemId: 20 }] }, {}, ['decisions.0.workItemId coop.meetings.item_other_agreement']],
    ['an item that does not exist', { decisions: [{ ...base.decisions[0]!, workItemId: 30 }] }, {}, ['decisions.0.workItemId coop.item_not_found']],
    ['a decision due before the meeting', { decisions: [{ ...base.decisions[0]!, dueOn: '2023-02-21' }] }, {}, ['decisions.0.dueOn coop.meetings.due_before_meeting']],
  ])('%s', (_name, over, f, expected) => {
    expect(paths(over as Partial<MeetingDoc>, f as Partial<MeetingFacts>)).toEqual(expected);
  });

  it('names every problem at once, in document order', () => {
    expect(paths({
      heldOn: '2019-01-01', hostUnionId: 'ghost', attendees: [{ name: 'x', position: '', unionId: 'ghost2', organisation: '' }],
      decisions: [{ text: 'd', ownerUnionId: 'ghost3', dueOn: '2018-12-31', workItemId: 20 }],
    })).toEqual([
      'heldOn coop.meetings.before_agreement', 'hostUnionId orgs.union_not_found', 'attendees.0.unionId orgs.union_not_found',
      'decisions.0.ownerUnionId orgs.union_not_found', 'decisions.0.dueOn coop.meetings.due_before_meeting', 'decisions.0.workItemId coop.meetings.item_other_agreement',
    ]);
  });

  it('looks up each union, file and item once', () => {
    expect(referencesOf({ ...base, decisions: [...base.decisions, ...base.decisions] })).toEqual({ unions: [CQ, SC], files: [FILE], items: [10] });
  });
});
