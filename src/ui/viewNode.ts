// Every row Threadline shows in a view derives from ViewNode. A command run from a row receives
// that row; a script passes a plain argument object. Handlers tell the two apart by type, never
// by which fields the argument happens to have.
export abstract class ViewNode {
  /** The account a command run from this row acts on, where the row stands for one. */
  accountOfRow(): string | undefined {
    return undefined;
  }
}

export function isViewNode(value: unknown): value is ViewNode {
  return value instanceof ViewNode;
}
