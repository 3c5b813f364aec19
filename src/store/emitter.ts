// A minimal typed event emitter for code that cannot import vscode (the store). Listener errors
// are isolated: one failing view never stops the others from hearing about a change.
export interface Subscription {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  readonly event = (listener: Listener<T>): Subscription => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((candidate) => candidate !== listener)) };
  };

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
