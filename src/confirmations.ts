// Commands that move a key, write a file or delete data also take arguments, for scripts, tests
// and keybindings. Anything that can run a command can pass them — a link in a notification, a
// document or a hover — so outside test runs (ExtensionMode.Test) arguments never skip the
// confirmation: they only fill in what the user is then asked to confirm.
import { askModal } from './modal';

export class Confirmations {
  /** @param argumentsTrusted true only in ExtensionMode.Test: scripted calls then skip the dialogs. */
  constructor(readonly argumentsTrusted: boolean) {}

  /**
   * Asks with a modal dialog and resolves true when the user chose `action`. A scripted call in a
   * test run is not asked. Service and account text in `question` and `detail` must come through
   * the notification sink (`notice`).
   */
  async confirm(scripted: boolean, question: string, detail: string, action: string): Promise<boolean> {
    if (scripted && this.argumentsTrusted) return true;
    const answer = await askModal(question, detail, action);
    return answer === action;
  }
}

