import { ApiError } from './client.js';
import { fitPlan, type PlanPosting } from './plan.js';
import { chinaDate } from './setup.js';
import { checkTwin, deliver, deliveryOf, phase, pool, type SimRun } from './run.js';

// The fair day through the API: sign-ups, approval and booths, visitors registering on their
// phones, the gate, talks at the booths, hiring intents and the visitors' confirmations. Every
// write carries an Idempotency-Key; a share is delivered twice on purpose (deliveryOf).

interface Ticket { visitor: { id: number; ticketCode: string; token: string; checkedInAt: string | null }; duplicate: boolean }
interface Signup { id: number; enterprise: { id: string } }

const DAY = 86_400_000;

/** The postings at this fair and the talks and intents fitted to them (employers not verified stay away). */
export function fitted(run: SimRun) {
  return fitPlan(run.plan, (p: PlanPosting) => {
    const e = run.employers[p.enterprise]!;
    return e.verified && e.postingIds.has(p.index);
  });
}

export async function signUp(run: SimRun, atFair: PlanPosting[]): Promise<void> {
  const bring = new Map<number, number[]>();
  for (const p of atFair) bring.set(p.enterprise, [...(bring.get(p.enterprise) ?? []), run.employers[p.enterprise]!.postingIds.get(p.index)!]);
  const list = [...bring.keys()];
  await phase(run, 'signups', list.length, (tick) => pool(run, list.length, async (n, client) => {
    const i = list[n]!;
    const state = run.employers[i]!;
    const key = `sim.${run.eventId}.signup.${i}`;
    const send = () => client.send<Signup>('POST', `/api/events/${run.eventId}/signups`, { cookie: state.cookie, key, body: { postingIds: bring.get(i) }, accept: [409] });
    const { reply, twin } = await deliver(deliveryOf(run, key), send);
    const answered = [reply, twin].find((r) => r?.status === 201);
    if (answered) state.signupId = answered.body.id;
    else {
      // Signed up already (a lost answer, an earlier run): the employer finds its sign-up.
      if ((reply.body as { code?: string }).code !== 'seasons.already_signed_up') throw new ApiError('POST', `/api/events/${run.eventId}/signups`, reply.status, reply.body);
      const mine = await client.send<{ items: Signup[] }>('GET', `/api/events/${run.eventId}/signups?pageSize=100`, { cookie: state.cookie });
      state.signupId = mine.body.items.find((s) => s.enterprise.id === state.id)?.id ?? null;
    }
    if (state.signupId === null) throw new Error(`报名未找到 / sign-up not found for ${run.plan.enterprises[i]!.name}`);
    run.ledger.push({ kind: 'signup', key, id: state.signupId, enterpriseId: state.id!, repeated: !answered || undefined });
    tick();
  }));
  const signedUp = list.map((i) => run.employers[i]!);
  await phase(run, 'approvals', signedUp.length, async (tick) => {
    await pool(run, signedUp.length, async (n, client) => {
      const state = signedUp[n]!;
      await client.send('POST', `/api/signups/${state.signupId}/review`, { cookie: run.organiser.cookie, key: `sim.${run.eventId}.approve.${state.signupId}`, body: { decision: 'approve' } });
      state.approved = true;
      run.ledger.push({ kind: 'approve', key: null, id: state.signupId!, enterpriseId: state.id! });
      tick();
    });
    const placed = await run.clients[0]!.send<{ assigned: number; unplaced: number }>('POST', `/api/events/${run.eventId}/booths/auto-assign`, { cookie: run.organiser.cookie, key: `sim.${run.eventId}.booths` });
    if (placed.body.unplaced) run.problems.push(`${placed.body.unplaced} 家企业没有展位 / employers without a booth`);
  });
}

/** Visitors who register on their phones beforehand (no account: the ticket is their key). */
export async function preRegister(run: SimRun): Promise<void> {
  const online = run.plan.visitors.filter((v) => v.source === 'online');
  await phase(run, 'registration', online.length, (tick) => pool(run, online.length, async (n, client) => {
    const v = online[n]!;
    const key = `sim.${run.eventId}.reg.${v.index}`;
    const send = () => client.send<Ticket>('POST', `/api/events/${run.eventId}/visitors`, { key, body: { name: v.name, phone: v.phone, regionCode: v.regionCode, consent: true }, accept: [409] });
    const { reply, twin } = await deliver(deliveryOf(run, key), send);
    const answered = [reply, twin].find((r) => r?.status === 201);
    const state = run.visitors[v.index]!;
    if (answered) {
      Object.assign(state, { id: answered.body.visitor.id, token: answered.body.visitor.token, code: answered.body.visitor.ticketCode });
      run.ledger.push({ kind: 'preregister', key, id: state.id!, visitorId: state.id! });
    } else {
      if ((reply.body as { code?: string }).code !== 'seasons.visitor_exists') throw new ApiError('POST', `/api/events/${run.eventId}/visitors`, reply.status, reply.body);
      // The answer with the ticket was lost: at the gate the staff find him by his phone.
      state.lostTicket = true;
    }
    tick();
  }));
}

/** The gate through the day: scans of the QR (or the typed code); walk-ins registered and let in at once. */
export async function gate(run: SimRun): Promise<void> {
  const arriving = run.plan.visitors.filter((v) => v.present).sort((a, b) => a.hour - b.hour || a.minute - b.minute || a.index - b.index);
  await phase(run, 'gate', arriving.length, (tick) => pool(run, arriving.length, async (n, client) => {
    const v = arriving[n]!;
    const state = run.visitors[v.index]!;
    const atEntrance = v.source === 'onsite' || state.lostTicket || !state.token;
    const key = `sim.${run.eventId}.${atEntrance ? 'walkin' : 'in'}.${v.index}`;
    const send = atEntrance
      ? () => client.send<Ticket>('POST', `/api/events/${run.eventId}/visitors`, { cookie: run.organiser.cookie, key, body: { name: v.name, phone: v.phone, regionCode: v.regionCode, consent: true, checkIn: true } })
      : () => client.send<Ticket>('POST', `/api/events/${run.eventId}/checkins`, { cookie: run.organiser.cookie, key, body: { code: v.typed ? state.code : state.token } });
    const { reply, twin } = await deliver(deliveryOf(run, key), send);
    if (twin) checkTwin(run, 'gate', key, reply.body.visitor.id, twin.body.visitor.id);
    const t = reply.body.visitor;
    Object.assign(state, { id: t.id, token: t.token, code: t.ticketCode, checkedIn: t.checkedInAt !== null });
    if (!state.checkedIn) run.problems.push(`${key}: 入场未记录 / check-in not recorded`);
    run.ledger.push({ kind: atEntrance ? 'walkin' : 'checkin', key, id: t.id, visitorId: t.id, repeated: reply.body.duplicate || undefined });
    tick();
  }));
}

/** Employers scan visitors at their booths: consultations and interviews. */
export async function talks(run: SimRun, planned: ReturnType<typeof fitted>['talks']): Promise<void> {
  await phase(run, 'booths', planned.length, (tick) => pool(run, planned.length, async (n, client) => {
    const t = planned[n]!;
    const posting = run.plan.postings[t.posting]!;
    const employer = run.employers[posting.enterprise]!;
    const key = `sim.${run.eventId}.talk.${t.index}`;
    const body = { code: run.visitors[t.visitor]!.token, kind: t.kind, postingIds: [employer.postingIds.get(t.posting)], ...(t.rating ? { rating: t.rating } : {}), ...(t.outcome ? { outcome: t.outcome } : {}) };
    const send = () => client.send<{ id: number }>('POST', `/api/events/${run.eventId}/booth-records`, { cookie: employer.cookie, key, body });
    const { reply, twin } = await deliver(deliveryOf(run, key), send);
    if (twin) checkTwin(run, 'booth record', key, reply.body.id, twin.body.id);
    run.ledger.push({ kind: 'talk', key, id: reply.body.id, visitorId: run.visitors[t.visitor]!.id!, kindOfTalk: t.kind, enterpriseId: employer.id! });
    tick();
  }));
}

/** Hiring intents proposed at the booth, then confirmed by each visitor on his phone with his ticket. */
export async function intents(run: SimRun, planned: ReturnType<typeof fitted>['intents']): Promise<void> {
  const ids: number[] = [];
  await phase(run, 'intents', planned.length, (tick) => pool(run, planned.length, async (n, client) => {
    const i = planned[n]!;
    const employer = run.employers[run.plan.postings[i.posting]!.enterprise]!;
    const key = `sim.${run.eventId}.intent.${i.index}`;
    const body = { code: run.visitors[i.visitor]!.token, postingId: employer.postingIds.get(i.posting), salary: i.salary, startDate: chinaDate(new Date(Date.now() + i.startInDays * DAY)) };
    const send = () => client.send<{ id: number }>('POST', `/api/events/${run.eventId}/intents`, { cookie: employer.cookie, key, body });
    const { reply, twin } = await deliver(deliveryOf(run, key), send);
    if (twin) checkTwin(run, 'intent', key, reply.body.id, twin.body.id);
    ids[n] = reply.body.id;
    run.ledger.push({ kind: 'intent', key, id: reply.body.id, visitorId: run.visitors[i.visitor]!.id!, enterpriseId: employer.id! });
    tick();
  }));
  await phase(run, 'confirmations', planned.length, (tick) => pool(run, planned.length, async (n, client) => {
    const i = planned[n]!;
    const key = `sim.${run.eventId}.confirm.${i.index}`;
    const send = () => client.send<{ id: number; status: string }>('POST', `/api/tickets/${run.visitors[i.visitor]!.token}/intents/${ids[n]}/answer`, { key, body: { accept: true } });
    const { reply } = await deliver(deliveryOf(run, key), send);
    if (reply.body.status !== 'confirmed') run.problems.push(`${key}: 意向未确认 / intent not confirmed (${reply.body.status})`);
    run.ledger.push({ kind: 'confirm', key, id: reply.body.id, visitorId: run.visitors[i.visitor]!.id! });
    tick();
  }));
}
