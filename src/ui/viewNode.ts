// Every row Threadline shows in a view derives from ViewNode. A command run from a row receives
// that row; a script passes a plain argument object. Handlers tell the two apart by type, never
// by which fields the argument happens to have.
import type * as z from 'zod/mini';
export abstract class ViewNode {
  /** The account a command run from this row acts on, where the row stands for one. */
  accountOfRow(): string | undefined {
    return undefined;
  }
}

export function isViewNode(value: unknown): value is ViewNode {
  return value instanceof ViewNode;
}

/**
 * What a script passed, or undefined when the command came from a row of the view or the
 * palette. A row is told apart by its type, never by the fields it happens to have.
 */
export function scriptArgs<S extends z.ZodMiniType>(schema: S, args: unknown): z.output<S> | undefined {
  if (isViewNode(args)) return undefined;
  const parsed = schema.safeParse(args);
  return parsed.success ? parsed.data : undefined;
}
