import type { Actor } from '../../platform/actor.js';
import { isAdmin, isStaff, isWithinScope } from '../accounts/accounts.policy.js';

// Who may do what with worker services (issue 8), in one place. A request, application or
// enrolment belongs to the union it was routed to (its owner union). The words of a request are
// sensitive: only that union's staff and the worker himself read them; staff of the unions above
// it (city, federation) see the queue's facts (category, times, status) to follow service levels,
// and may transfer a request, but not its content.

/** The union a record is routed to, as every rule needs it. */
export interface OwnedRecord {
  ownerUnionId: string;
  /** The owner union's scope prefix ('51', '5116', '500105'). */
  ownerScope: string;
  /** The worker's account, when he has one. */
  userId: string | null;
}

export const isWorker = (actor: Actor | null): boolean => !!actor && actor.roles.includes('seeker');

/** The worker himself (his own request, application or card). */
export const isOwnWorkerRecord = (actor: Actor | null, record: Pick<OwnedRecord, 'userId'>): boolean =>
  !!actor && record.userId !== null && record.userId === actor.id;

/** Staff of the owner union itself. */
export const isOwnerUnionStaff = (actor: Actor | null, record: Pick<OwnedRecord, 'ownerUnionId'>): boolean =>
  !!actor && isStaff(actor) && !isAdmin(actor) && actor.unionId === record.ownerUnionId;

/** Seeing a record in a queue or figures (no content): staff whose scope covers the owner union. */
export const canSeeServiceQueue = (actor: Actor | null, record: Pick<OwnedRecord, 'ownerScope'>): boolean =>
  !!actor && isStaff(actor) && isWithinScope(actor, record.ownerScope);

/** Reading a request's words, thread and attachments: the worker and the owner union's staff (audited for staff). */
export const canReadRequestContent = (actor: Actor | null, record: OwnedRecord): boolean =>
  isOwnWorkerRecord(actor, record) || isOwnerUnionStaff(actor, record);

/** Answering, assigning, closing: the owner union's staff. */
export const canHandleRequest = (actor: Actor | null, record: OwnedRecord): boolean => isOwnerUnionStaff(actor, record);

/** Transferring to another union: the owner union's staff, or staff of a union above it (an escalated request). */
export const canTransferRequest = (actor: Actor | null, record: OwnedRecord): boolean =>
  isOwnerUnionStaff(actor, record) || (!!actor && !isAdmin(actor) && canSeeServiceQueue(actor, record) && actor.scopePrefix !== record.ownerScope);

/** Recording a worker's request or application at a fair desk: any union's staff (the record is routed as usual). */
export const canRecordAtDesk = (actor: Actor | null): boolean => !!actor && isStaff(actor) && !isAdmin(actor) && actor.unionId !== null;

/** Reviewing a membership application (approve, reject): the owner union's staff. */
export const canReviewMembership = (actor: Actor | null, record: OwnedRecord): boolean => isOwnerUnionStaff(actor, record);

/** Mutual-aid plans are the federations': their staff (and admins) create and change them. */
export const canManageAidPlans = (actor: Actor | null, federation: '50' | '51'): boolean =>
  !!actor && (isAdmin(actor) || (actor.roles.includes('federation_staff') && actor.scopePrefix === federation));

/** Confirming an employer's enrolment: staff of the enterprise's union or of a union above it. */
export const canConfirmEnrolment = (actor: Actor | null, record: Pick<OwnedRecord, 'ownerScope'>): boolean =>
  !!actor && !isAdmin(actor) && canSeeServiceQueue(actor, record);

/** Enrolling workers: an active member (agent) of the employer. */
export const canEnrolFor = (actor: Actor | null, memberOfEnterprise: boolean): boolean =>
  !!actor && actor.roles.includes('employer') && memberOfEnterprise;

/** The service figures (counts and times, no content): staff, each for the unions within his scope. */
export const canViewServiceFigures = (actor: Actor | null): actor is Actor => !!actor && isStaff(actor) && actor.scopePrefix !== null;
