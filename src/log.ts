// The Threadline log channel. Every line passes through here, so known secret values are
// scrubbed and the line goes through the log sink (one line, capped, no reordering characters)
// before anything is written.
import * as vscode from 'vscode';
import type { Instrumentation } from './instrumentation';
import type { Logger } from './logger';
import { redactSecrets } from './http/redact';
import { logLine } from './sinks/logLine';

export class ThreadlineLog implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private secretValues: () => Iterable<string> = () => [];

  constructor(private readonly instrumentation: Pick<Instrumentation, 'logLine'>) {
    this.channel = vscode.window.createOutputChannel('Threadline', { log: true });
  }

  /** Values that must never reach the log, asked for at each write. */
  scrubbing(values: () => Iterable<string>): void {
    this.secretValues = values;
  }

  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    const clean = logLine(redactSecrets(message, this.secretValues()));
    this.channel[level](clean);
    this.instrumentation.logLine(`[${level}] ${clean}`);
  }
}
