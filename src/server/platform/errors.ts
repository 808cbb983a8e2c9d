import type { MessageKey, MessageParams } from '../../shared/i18n/index.js';

export interface FieldIssue {
  path: string;
  /** Catalogue key of the message, translated per request. */
  code: MessageKey;
  params?: MessageParams;
}

export interface RowIssue {
  sheet: string;
  row: number;
  column: string;
  code: MessageKey;
  params?: MessageParams;
}

/** The one error type services throw; `code` is an i18n key, the message is chosen per request. */
export class AppError extends Error {
  constructor(
    public readonly code: MessageKey,
    public readonly status: number,
    public readonly params: MessageParams = {},
    public readonly issues: FieldIssue[] = [],
    public readonly headers: Record<string, string> = {},
    /** Spreadsheet problems, one per bad cell (imports): returned as `errors`. */
    public readonly rowIssues: RowIssue[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code: MessageKey, params?: MessageParams) => new AppError(code, 404, params);
export const forbidden = () => new AppError('auth.forbidden', 403);
export const unauthenticated = () => new AppError('auth.unauthenticated', 401);
export const conflict = (code: MessageKey, params?: MessageParams) => new AppError(code, 409, params);

/** A 400 naming every bad field at once. */
export function invalid(issues: FieldIssue[]): AppError {
  return new AppError('validation.failed', 400, { count: issues.length }, issues);
}
