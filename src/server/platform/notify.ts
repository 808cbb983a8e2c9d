import { sql, type ExpressionBuilder } from 'kysely';
import type { Logger } from 'pino';
import { translate, type Lang, type MessageKey, type MessageParams } from '../../shared/i18n/index.js';
import { maskPhone } from '../../shared/validators.js';
import { ConfigError } from './config.js';
import type { FieldCrypto } from './crypto.js';
import type { Database, Db, Executor } from './db.js';

// In-app notifications (migration 0010) and their deliveries by e-mail or SMS. A notification is
// for one user or for all staff of one union; its dedupe_key makes "one reminder per occasion" a
// property of the table, so a job that runs twice writes nothing twice. Deliveries are rows of
// notification_outbox, sent later by the dispatcher through a pluggable Sender, with retries.

export type Channel = 'email' | 'sms';

/** Something that delivers a message on one channel (an SMS gateway, an SMTP relay, the log). */
export interface Sender {
  channel: Channel;
  send(to: string, subject: string, text: string): Promise<void>;
}

/** CHUANYU_SENDER: `console` (default) logs each delivery; `none` sends nothing and queues nothing. */
export type SenderSetting = 'console' | 'none';

export function senderSetting(env: NodeJS.ProcessEnv = process.env): SenderSetting {
  const value = env.CHUANYU_SENDER ?? 'console';
  if (value !== 'console' && value !== 'none') throw new ConfigError([`CHUANYU_SENDER=${JSON.stringify(value)}: must be console or none`]);
  return value;
}

const maskAddress = (channel: Channel, to: string) => (channel === 'sms' ? maskPhone(to) : to.replace(/^(.).*(@.*)$/, '$1***$2'));

/** The development sender: each delivery is a log line (addresses masked). */
export function consoleSender(channel: Channel, log: Pick<Logger, 'info'>): Sender {
  return {
    channel,
    async send(to, subject, text) {
      log.info({ channel, to: maskAddress(channel, to), subject }, `notification (${channel}): ${text}`);
    },
  };
}

/** The senders the setting asks for (none for `none`). */
export function sendersFor(setting: SenderSetting, log: Pick<Logger, 'info'>): Sender[] {
  return setting === 'console' ? [consoleSender('sms', log), consoleSender('email', log)] : [];
}

export type NotifyTarget = { userId: string } | { unionId: string };

export interface NotifyInput {
  target: NotifyTarget;
  kind: string;
  messageKey: MessageKey;
  params?: MessageParams;
  /** The page it links to (`/admin/cooperation/reports?…`). */
  link?: string;
  /** One notification per subject and occasion, e.g. `report:12:<union>:2023-Q1:due-7`. */
  dedupeKey: string;
  /** Also deliver by these channels to every recipient with an address for them (default: SMS and e-mail). */
  channels?: Channel[];
}

const STAFF_ROLES = ['admin', 'federation_staff', 'union_staff'];

/**
 * Write a notification once per dedupe key (a second call with the key writes nothing and returns
 * created: false) and queue its deliveries: the user, or every active staff member of the union.
 * SMS goes to users with a phone on file; users carry no e-mail address yet, so e-mail rows are
 * queued only once an address exists (the dispatcher and senders handle both channels).
 */
export async function notify(db: Executor, input: NotifyInput, env: NodeJS.ProcessEnv = process.env): Promise<{ id: number | null; created: boolean }> {
  const setting = senderSetting(env);
  const row = await db.insertInto('notifications').values({
    user_id: 'userId' in input.target ? input.target.userId : null,
    union_id: 'unionId' in input.target ? input.target.unionId : null,
    kind: input.kind, message_key: input.messageKey, params: JSON.stringify(input.params ?? {}), link: input.link ?? '', dedupe_key: input.dedupeKey,
  }).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').executeTakeFirst();
  if (!row) return { id: null, created: false };
  const channels = setting === 'none' ? [] : (input.channels ?? ['sms', 'email']);
  if (channels.includes('sms')) {
    let recipients = db.selectFrom('users').select('id').where('is_disabled', '=', false).where('phone_enc', 'is not', null);
    recipients = 'userId' in input.target
      ? recipients.where('id', '=', input.target.userId)
      : recipients.where('union_id', '=', input.target.unionId).where(sql<boolean>`roles && ${sql.val(STAFF_ROLES)}::text[]`);
    const users = await recipients.execute();
    if (users.length) {
      await db.insertInto('notification_outbox').values(users.map((u) => ({ notification_id: row.id, channel: 'sms' as const, recipient_id: u.id }))).execute();
    }
  }
  return { id: row.id, created: true };
}

export interface DispatchResult { sent: number; retrying: number; failed: number }

/**
 * Send pending deliveries: each row is tried once per run (rows locked with SKIP LOCKED, so two
 * servers never send one row twice); a failure is kept with its error and tried again at the next
 * run, until `maxAttempts` tries have failed (then `failed`). A row without a sender for its channel
 * or an address for its recipient fails at once.
 */
export async function dispatchOutbox(
  db: Db, crypto: FieldCrypto, senders: readonly Sender[], options: { limit?: number; maxAttempts?: number; lang?: Lang; /** Only these notifications' deliveries (a targeted resend). */ notificationIds?: number[] } = {},
): Promise<DispatchResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const lang = options.lang ?? 'zh-CN';
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  if (!senders.length) return result;
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('notification_outbox as o').innerJoin('notifications as n', 'n.id', 'o.notification_id')
      .innerJoin('users as u', 'u.id', 'o.recipient_id')
      .select(['o.id', 'o.channel', 'o.attempts', 'n.message_key', 'n.params', 'n.link', 'u.phone_enc'])
      .where('o.status', '=', 'pending')
      .$if(!!options.notificationIds, (q) => q.where('o.notification_id', 'in', options.notificationIds!.length ? options.notificationIds! : [-1]))
      .orderBy('o.id').limit(options.limit ?? 100)
      .forUpdate('o').skipLocked().execute();
    for (const row of rows) {
      const sender = senders.find((s) => s.channel === row.channel);
      const to = row.channel === 'sms' && row.phone_enc ? crypto.decrypt(row.phone_enc) : null;
      const text = translate(lang, row.message_key, row.params);
      let error: string | null = null;
      if (!sender) error = `no sender for ${row.channel}`;
      else if (!to) error = `no ${row.channel} address`;
      else {
        try {
          await sender.send(to, text.length > 40 ? `${text.slice(0, 39)}…` : text, row.link ? `${text} ${row.link}` : text);
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      const attempts = row.attempts + 1;
      if (!error) {
        await trx.updateTable('notification_outbox').set({ status: 'sent', attempts, sent_at: new Date(), last_error: null }).where('id', '=', row.id).execute();
        result.sent++;
      } else {
        const final = !sender || !to || attempts >= maxAttempts;
        await trx.updateTable('notification_outbox').set({ status: final ? 'failed' : 'pending', attempts, last_error: error.slice(0, 500) }).where('id', '=', row.id).execute();
        if (final) result.failed++;
        else result.retrying++;
      }
    }
  });
  return result;
}

export interface NotificationView {
  id: number;
  kind: string;
  text: string;
  link: string;
  /** Addressed to the reader's union rather than to the reader. */
  forUnion: boolean;
  createdAt: string;
  readAt: string | null;
}

const visibleTo = (reader: { id: string; unionId: string | null }) => (eb: ExpressionBuilder<Database, 'notifications'>) =>
  reader.unionId ? eb.or([eb('user_id', '=', reader.id), eb.and([eb('union_id', '=', reader.unionId), eb('user_id', 'is', null)])]) : eb('user_id', '=', reader.id);

/** The reader's notifications and his union's, newest first, rendered in his language, with the unread count. */
export async function listNotifications(
  db: Executor, reader: { id: string; unionId: string | null }, lang: Lang, page: { offset: number; limit: number; unreadOnly?: boolean },
): Promise<{ total: number; unread: number; items: NotificationView[] }> {
  const base = db.selectFrom('notifications').where(visibleTo(reader));
  const counts = await base.select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as('unread')]).executeTakeFirstOrThrow();
  let list = base.select(['id', 'kind', 'message_key', 'params', 'link', 'union_id', 'user_id', 'created_at', 'read_at']);
  if (page.unreadOnly) list = list.where('read_at', 'is', null);
  const rows = await list.orderBy('created_at', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute();
  return {
    total: page.unreadOnly ? counts.unread : counts.total,
    unread: counts.unread,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, text: translate(lang, r.message_key, r.params), link: r.link, forUnion: r.user_id === null,
      createdAt: r.created_at.toISOString(), readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
  };
}

/** Mark one of the reader's notifications read (a union's notification is read for the union); false when it is not his. */
export async function markNotificationRead(db: Executor, reader: { id: string; unionId: string | null }, id: number): Promise<boolean> {
  const visible = await db.selectFrom('notifications').select('id').where('id', '=', id).where(visibleTo(reader)).executeTakeFirst();
  if (!visible) return false;
  await db.updateTable('notifications').set({ read_at: sql`coalesce(read_at, now())` }).where('id', '=', id).execute();
  return true;
}

/** Mark all of the reader's (and his union's) notifications read; returns how many changed. */
export async function markAllNotificationsRead(db: Executor, reader: { id: string; unionId: string | null }): Promise<number> {
  const done = await db.updateTable('notifications').set({ read_at: sql`now()` }).where(visibleTo(reader)).where('read_at', 'is', null).executeTakeFirst();
  return Number(done.numUpdatedRows);
}
