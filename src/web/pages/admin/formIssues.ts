import { ApiError } from '../../services/client.js';

// Industry is one cascader in the forms but two fields in the API.
const FIELD_OF: Record<string, string> = { industrySection: 'industry', industryDivision: 'industry' };

/** Put server issues (paths like `regionCode` or `enterprise.regionCode`) onto form fields; returns what has no field. */
export function applyServerIssues(form: { setFields: (fields: { name: never; errors: string[] }[]) => void }, error: unknown, prefix: string[] = []): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const fields = new Map<string, string[]>();
  for (const issue of error.issues) {
    const parts = issue.path.split('.');
    const last = parts[parts.length - 1]!;
    const field = FIELD_OF[last] ?? last;
    const key = [...parts.slice(0, -1), field].join('.');
    fields.set(key, [...(fields.get(key) ?? []), issue.message]);
  }
  form.setFields([...fields].map(([key, errors]) => ({ name: [...prefix, ...key.split('.')] as never, errors })));
  return fields.size ? null : error.message;
}

