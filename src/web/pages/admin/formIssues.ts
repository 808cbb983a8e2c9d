import { ApiError } from '../../services/client.js';

// Industry is one cascader in the forms but two fields in the API.
const FIELD_OF: Record<string, string> = { industrySection: 'industry', industryDivision: 'industry' };

interface FormLike {
  setFields: (fields: { name: never; errors: string[] }[]) => void;
  getFieldsError?: () => { name: (string | number)[]; errors: string[] }[];
}

/**
 * Put server issues (paths like `regionCode`, `enterprise.regionCode` or `zones.0.rows`) onto form
 * fields; returns what has no field. `fieldOf` maps an API path to the form's path where the two
 * differ (`startsOn` → `dates` for a range picker).
 */
export function applyServerIssues(form: FormLike, error: unknown, prefix: string[] = [], fieldOf: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return String(error);
  // Fields the form has now; an issue for anything else (a section not shown) goes to the alert.
  const known = form.getFieldsError ? new Set(form.getFieldsError().map((f) => f.name.join('.'))) : null;
  const fields = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const parts = (fieldOf[issue.path] ?? issue.path).split('.');
    const last = parts[parts.length - 1]!;
    const field = FIELD_OF[last] ?? last;
    const key = [...prefix, ...parts.slice(0, -1), field].join('.');
    if (known && !known.has(key)) unplaced.push(issue.message);
    else fields.set(key, [...(fields.get(key) ?? []), issue.message]);
  }
  // Form.List items are named by number (['zones', 0, 'rows']), and names match strictly.
  const toName = (key: string) => key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  form.setFields([...fields].map(([key, errors]) => ({ name: toName(key) as never, errors })));
  if (unplaced.length) return [...new Set(unplaced)].join(' / ');
  return fields.size ? null : error.message;
}
