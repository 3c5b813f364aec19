// Turning zod's verdict into a short line for an InvalidResponse error: where the response
// differed and how, never what it contained.
import type { z } from 'zod';
import { InvalidResponseError } from './errors';

const MAX_ISSUES = 3;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

export function summarizeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${issues.join('; ')} (and ${more} more)` : issues.join('; ');
}

export interface DecodeContext {
  service: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Validates and maps a parsed JSON body; throws only InvalidResponseError. */
export type Decoder<T> = (json: unknown, context: DecodeContext) => T;

/** A decoder from a zod schema and a mapping of what it accepts. */
export function decodeWith<S extends z.ZodType, T>(schema: S, map: (value: z.output<S>, context: DecodeContext) => T): Decoder<T> {
  return (json, context) => {
    const result = schema.safeParse(json);
    if (!result.success) throw new InvalidResponseError({ service: context.service, detail: summarizeIssues(result.error) });
    return map(result.data, context);
  };
}
