// Where tests and the benchmark look into Threadline. Production code calls these hooks and
// holds the no-op set below; test runs (ExtensionMode.Test) hand in a recording set, so no
// production object keeps a growing record for tests.
export interface Instrumentation {
  /** Everything handed to a webview: its HTML and every message posted to it. */
  toWebview(text: string): void;
  /** A message a webview sent (its type), and whether it matched the protocol. */
  fromWebview(type: string, accepted: boolean): void;
  /** A line written to the Threadline log, already scrubbed of secrets. */
  logLine(line: string): void;
}

export const NO_INSTRUMENTATION: Instrumentation = {
  toWebview() {},
  fromWebview() {},
  logLine() {},
};
