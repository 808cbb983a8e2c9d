import type { z } from 'zod';
import { isMessageKey, type MessageKey, type MessageParams } from '../../shared/i18n/index.js';
import type { FieldIssue } from './errors.js';

/** The parts of a zod issue we translate (zod's own issue, or its copy in a Fastify validation error). */
export interface ZodLikeIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  values?: readonly unknown[];
  keys?: readonly string[];
  input?: unknown;
}

/** Map one zod issue to a catalogue key so every field message comes out in the caller's language. */
export function toFieldIssue(issue: ZodLikeIssue, pathPrefix: readonly PropertyKey[] = []): FieldIssue {
  const path = [...pathPrefix, ...issue.path].map(String).join('.');
  // Schemas put a catalogue key in `message` for domain rules (validation.phone …).
  if (isMessageKey(issue.message)) return { path, code: issue.message };
  const params: MessageParams = {};
  let code: MessageKey = 'validation.invalid_format';
  switch (issue.code) {
    case 'invalid_type':
      code = issue.input === undefined || /received undefined/.test(issue.message) ? 'validation.required' : 'validation.invalid_type';
      break;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const origin = issue.origin === 'string' || issue.origin === 'array' ? issue.origin : 'number';
      if (small && origin === 'string' && Number(issue.minimum) === 1) {
        code = 'validation.required';
        break;
      }
      code = `validation.${small ? 'too_small' : 'too_big'}_${origin}` as MessageKey;
      params[small ? 'minimum' : 'maximum'] = String(small ? issue.minimum : issue.maximum);
      break;
    }
    case 'invalid_value':
      code = 'validation.invalid_value';
      params.options = (issue.values ?? []).map(String).join(' / ');
      break;
    case 'unrecognized_keys':
      code = 'validation.unrecognized_keys';
      params.keys = (issue.keys ?? []).join(', ');
      break;
    default:
      code = 'validation.invalid_format';
  }
  return { path, code, params };
}

export function zodIssuesToFieldIssues(error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => toFieldIssue(issue as unknown as ZodLikeIssue, pathPrefix));
}
