import { useState } from 'react';
import { useT } from '../../../i18n/index.js';
import { ApiError } from '../../../services/client.js';
import { ATTACH_ACCEPT, ATTACH_MAX_BYTES, ATTACH_MAX_COUNT, fileSize, requestFileUrl, uploadRequestFile, type FileInfo } from './requestsApi.js';

// Photos and PDFs picked on the phone: checked here for type, size and count (the server checks
// again by content), then sent one by one after the request or message exists, each with its
// progress and its own error.

export interface PickedFile {
  key: string;
  file: File;
  progress: number;
  state: 'ready' | 'uploading' | 'done' | 'error';
  error?: string | undefined;
}

const OK_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const looksAllowed = (f: File) => OK_TYPES.includes(f.type) || /\.(jpe?g|png|pdf)$/i.test(f.name);

/** Sends every file not yet sent; returns how many failed. `update` receives each change. */
export async function uploadPicked(requestId: string, files: PickedFile[], update: (key: string, patch: Partial<PickedFile>) => void, messageId?: number, fallback = ''): Promise<number> {
  let failed = 0;
  for (const f of files) {
    if (f.state === 'done') continue;
    update(f.key, { state: 'uploading', progress: 0, error: undefined });
    try {
      await uploadRequestFile(requestId, f.file, { messageId, onProgress: (progress) => update(f.key, { progress }) });
      update(f.key, { state: 'done', progress: 100 });
    } catch (e) {
      failed += 1;
      update(f.key, { state: 'error', error: e instanceof ApiError ? e.message : fallback });
    }
  }
  return failed;
}

/** State of a list of picked files with an updater usable from async code. */
export function usePickedFiles() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const update = (key: string, patch: Partial<PickedFile>) => setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  return { files, setFiles, update };
}

export function RequestFilePicker({ id, files, onChange, disabled, already = 0 }: {
  id: string; files: PickedFile[]; onChange(files: PickedFile[]): void; disabled?: boolean; already?: number;
}) {
  const t = useT();
  const [errors, setErrors] = useState<string[]>([]);
  const pick = (list: FileList | null) => {
    if (!list) return;
    const problems: string[] = [];
    const next = [...files];
    for (const file of Array.from(list)) {
      if (!looksAllowed(file)) problems.push(t('services.requests.web.file.type', { name: file.name }));
      else if (file.size > ATTACH_MAX_BYTES) problems.push(t('services.requests.web.file.too_large', { name: file.name }));
      else if (next.length + already >= ATTACH_MAX_COUNT) problems.push(t('services.requests.web.file.too_many', { max: ATTACH_MAX_COUNT }));
      else next.push({ key: `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`, file, progress: 0, state: 'ready' });
    }
    setErrors([...new Set(problems)]);
    onChange(next);
  };
  const full = files.length + already >= ATTACH_MAX_COUNT;
  return (
    <div className="m-field">
      <span className="m-label" id={`${id}-label`}>{t('services.requests.web.ask.files')}</span>
      {files.length > 0 && (
        <ul className="sv-files">
          {files.map((f) => (
            <li key={f.key} className="sv-file" data-state={f.state}>
              <div className="sv-file-head">
                <span className="sv-file-name">{f.file.name}</span>
                <small>{fileSize(f.file.size)}</small>
                {f.state === 'done' ? <span className="sv-file-ok">{t('services.requests.web.file.done')}</span> : (
                  <button type="button" className="sv-file-x" disabled={disabled || f.state === 'uploading'} aria-label={t('services.requests.web.file.remove', { name: f.file.name })}
                    onClick={() => onChange(files.filter((x) => x.key !== f.key))}>×</button>
                )}
              </div>
              {(f.state === 'uploading' || f.state === 'done') && (
                <div className="sv-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={f.progress} aria-label={f.file.name}>
                  <span style={{ width: `${f.progress}%` }} />
                </div>
              )}
              {f.error && <div className="m-field-error">{f.error}</div>}
            </li>
          ))}
        </ul>
      )}
      {!full && (
        <label className="btn m-upload">
          {t('services.requests.web.ask.files_add')}
          <input type="file" multiple accept={ATTACH_ACCEPT} aria-labelledby={`${id}-label`} disabled={disabled}
            onChange={(e) => { pick(e.target.files); e.target.value = ''; }} />
        </label>
      )}
      <p className="m-hint m-file-hint">{t('services.requests.web.ask.files_hint', { max: ATTACH_MAX_COUNT })}</p>
      {errors.map((e) => <div key={e} className="m-field-error">{e}</div>)}
    </div>
  );
}

/** Stored attachments as download links. */
export function RequestFileLinks({ requestId, files }: { requestId: string; files: FileInfo[] }) {
  if (!files.length) return null;
  return (
    <div className="sv-attach">
      {files.map((f) => <a key={f.id} href={requestFileUrl(requestId, f.id)} target="_blank" rel="noreferrer">{f.name} · {fileSize(f.size)}</a>)}
    </div>
  );
}
