// "Threadline: Show Customer…": from the palette (asks for the address), a thread row's or a
// recent lookup's context menu in the Threads view (the row's customer), or a script. One panel
// per address: asking again shows it and gathers the history afresh.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { emailProblem } from '../domain/email';
import { notice } from '../sinks/notification';
import { panelTitle } from '../sinks/title';
import { CUSTOMER_VIEW_TYPE, CustomerPanel, type CustomerPanelDeps } from './customerPanel';

/** What the command is given: an address, `{email}`, a recent lookup row, or a thread row (its customer). */
const argumentSchema = z.union([
  z.string(),
  z.object({ email: z.string() }),
  z.object({ summary: z.object({ participants: z.array(z.object({ role: z.string(), address: z.optional(z.string()) })) }) }),
]);

/** The address a command argument names, if any. */
export function customerAddressOf(args: unknown): string | undefined {
  const parsed = argumentSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const value = parsed.data;
  if (typeof value === 'string') return value;
  if ('email' in value) return value.email;
  return value.summary.participants.find((person) => person.role === 'customer' && person.address)?.address;
}

export function registerCustomerCommands(deps: CustomerPanelDeps): vscode.Disposable[] {
  const panels = new Map<string, CustomerPanel>();
  const show = async (args?: unknown): Promise<CustomerPanel | undefined> => {
    let email = customerAddressOf(args);
    if (email === undefined) {
      email = await vscode.window.showInputBox({
        title: vscode.l10n.t('Show Customer'),
        prompt: vscode.l10n.t('The customer’s email address: their conversations in every account'),
        placeHolder: vscode.l10n.t('sarah@example.com'),
        ignoreFocusOut: true,
        validateInput: (value) => emailProblem(value),
      });
      if (email === undefined) return undefined;
    }
    const problem = emailProblem(email);
    if (problem) {
      void vscode.window.showWarningMessage(notice`Show Customer: ${problem}.`);
      return undefined;
    }
    const address = email.trim().toLowerCase();
    const open = panels.get(address);
    if (open) {
      open.dispose();
      panels.delete(address);
    }
    const webviewPanel = vscode.window.createWebviewPanel(CUSTOMER_VIEW_TYPE, panelTitle(vscode.l10n.t('Customer: {0}', address)), vscode.ViewColumn.Active, { enableFindWidget: true });
    const panel = new CustomerPanel(webviewPanel, address, deps);
    panels.set(address, panel);
    panel.onDidDispose(() => {
      if (panels.get(address) === panel) panels.delete(address);
    });
    return panel;
  };
  return [
    vscode.commands.registerCommand('threadline.showCustomer', show),
    { dispose: () => [...panels.values()].forEach((panel) => panel.dispose()) },
  ];
}
