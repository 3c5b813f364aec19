// The one logging interface. Code that cannot import vscode (HTTP, providers, store) takes a
// Logger; the extension hands in its log channel.
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
