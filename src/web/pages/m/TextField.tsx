import type { InputHTMLAttributes } from 'react';

/** A labelled input of the mobile forms, with its error under it (the server names the field). */
export function TextField({ id, label, error, onValue, ...input }: {
  id: string;
  label: string;
  error?: string | undefined;
  onValue(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'>) {
  return (
    <div className="m-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={!!error} onChange={(e) => onValue(e.target.value)} {...input} />
      {error && <div className="m-field-error">{error}</div>}
    </div>
  );
}
