// Every row Threadline shows in a view derives from ViewNode. A command run from a row receives
// that row; a script passes a plain argument object. Handlers tell the two apart by type, never
// by which fields the argument happens to have.
export abstract class ViewNode {}

export function isViewNode(value: unknown): value is ViewNode {
  return value instanceof ViewNode;
}
