// Validation where a response enters, with zod's small functional build (zod/mini): the full
// build adds ~440 KB to a bundle. Issues are worded here, from their codes, so the wording never
// depends on a locale some other extension set on zod's shared global configuration (which
// Threadline never touches), and never quotes what the response contained.
import { t } from '../l10n';
import * as z from 'zod/mini';
import { InvalidResponseError } from './errors';

const MAX_ISSUES = 3;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || t('(top level)');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** One issue in words: what was expected, never what was received. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? t('missing (expected {0})', issue.expected) : t('expected {0}', issue.expected);
    case 'invalid_value':
      return t('expected {0}', issue.values.slice(0, 5).map((value) => JSON.stringify(value)).join(' or '));
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? t('too short (at least {0})', String(issue.minimum)) : t('too small (at least {0})', String(issue.minimum));
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? t('too long (at most {0})', String(issue.maximum)) : t('too large (at most {0})', String(issue.maximum));
    case 'invalid_format':
      return t('not a valid {0}', issue.format);
    case 'invalid_union':
      return t('matches none of the expected shapes');
    case 'custom':
      return issue.message || t('not valid');
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

/** Where a value differed from the expected shape and how, at most three places. */
export function summarizeIssues(error: { issues: readonly z.core.$ZodIssue[] }, input?: unknown): string {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue, input)}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? t('{0} (and {1} more)', issues.join('; '), more) : issues.join('; ');
}

export interface DecodeContext {
  service: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Validates and maps a parsed JSON body; throws only InvalidResponseError. */
export type Decoder<T> = (json: unknown, context: DecodeContext) => T;

/** A decoder from a zod schema and a mapping of what it accepts. */
export function decodeWith<S extends z.ZodMiniType, T>(schema: S, map: (value: z.output<S>, context: DecodeContext) => T): Decoder<T> {
  return (json, context) => {
    const result = schema.safeParse(json);
    if (!result.success) throw new InvalidResponseError({ service: context.service, detail: summarizeIssues(result.error, json) });
    return map(result.data, context);
  };
}
