import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): unknown {
  const log = vscode.window.createOutputChannel('Threadline', { log: true });
  context.subscriptions.push(log);
  log.info('Threadline activated');
  context.subscriptions.push(vscode.commands.registerCommand('threadline.showLog', () => log.show(true)));
  context.subscriptions.push(vscode.commands.registerCommand('threadline.refresh', () => log.info('refresh')));
  return undefined;
}

export function deactivate(): void {}
