import { useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/index.js';
import type { QueuedWrite } from '../../../offline/queue.js';
import type { VisitorResult } from '../../../services/fairday.js';
import { QrScanner } from './QrScanner.js';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** A scanned token as it is (signed, "CY1.…"), a typed short code upper-cased without spaces. */
export function normaliseCode(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('CY1.')) return trimmed;
  return trimmed.replace(/[\s-]/g, '').toUpperCase();
}

/** What the pending list shows for a code: the ticket's short code, never the whole token. */
export function codeLabel(code: string): string {
  if (code.startsWith('CY1.')) return code.split('.')[2] ?? code.slice(0, 12);
  return code;
}

/** The big answer at the entrance: let in, already in, waiting for the network, or why not. */
export function ResultBanner({ write, done }: { write: QueuedWrite; done?: ReactNode }) {
  const t = useT();
  if (write.state === 'pending') {
    return <div className="fd-result fd-result-pending" role="status">{t('fd.result.pending', { label: write.label })}</div>;
  }
  if (write.state === 'failed') {
    return <div className="fd-result fd-result-failed" role="alert">{write.label}：{write.error?.message}</div>;
  }
  if (done) return <div className="fd-result fd-result-ok" role="status">{done}</div>;
  const r = write.result as VisitorResult | { visitor?: undefined } | undefined;
  if (!r?.visitor) return <div className="fd-result fd-result-ok" role="status">{t('fd.result.saved', { label: write.label })}</div>;
  const v = (r as VisitorResult).visitor;
  if ((r as VisitorResult).duplicate) {
    const at = v.checkedInAt ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(v.checkedInAt)) : '';
    return <div className="fd-result fd-result-repeat" role="status">{t('fd.result.repeat', { name: v.name, time: at })}</div>;
  }
  return <div className="fd-result fd-result-ok" role="status">{t('fd.result.in', { name: v.name, phone: v.phoneMasked })}</div>;
}

/** A ticket read by the camera or typed (the gate and the booth alike); `onCode` gets it normalised. */
export function CodeEntry({ id, submitLabel, onCode }: { id: string; submitLabel: string; onCode(code: string): void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const take = (raw: string) => {
    const code = normaliseCode(raw);
    if (!code) return;
    onCode(code);
    setTyped('');
  };
  return (
    <>
      <QrScanner onCode={take} />
      <form className="fd-code-form" onSubmit={(e) => { e.preventDefault(); take(typed); }}>
        <label htmlFor={id}>{t('fd.code.label')}</label>
        <div className="fd-code-row">
          <input id={id} value={typed} onChange={(e) => setTyped(e.target.value.toUpperCase())} placeholder={t('fd.code.hint')}
            autoCapitalize="characters" autoComplete="off" spellCheck={false} maxLength={200} />
          <button type="submit" className="btn btn-primary" disabled={!normaliseCode(typed)}>{submitLabel}</button>
        </div>
      </form>
    </>
  );
}
