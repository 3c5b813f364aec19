// One step of a multi-step input (Add Account, the Edit Account form): an input box or a quick
// pick that shows where it is ("Add Threadline Account (2/4)"), offers VS Code's Back button, and
// opens with the value the user gave before — so going back, or coming back after a failed
// check, loses nothing typed. Escape ends the whole input.
import * as vscode from 'vscode';

/** What a step resolves with when the user pressed Back. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

interface StepPosition {
  title: string;
  /** Shown as "(step/totalSteps)" after the title. */
  step?: number;
  totalSteps?: number;
  /** Offers the Back button. */
  back: boolean;
}

export interface InputStep extends StepPosition {
  value: string;
  prompt: string;
  placeHolder?: string;
  password?: boolean;
  /** Checked as the user types; a problem keeps Enter from accepting. */
  validate?: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
  /** Checked once Enter is pressed (it may ask something slow): a problem is shown and the box stays open. */
  check?: (value: string) => Promise<string | undefined>;
  /** A message to show when the step opens (why the user was sent back here). */
  problem?: string;
}

/** Resolves with what was accepted, BACK, or undefined when the input was dismissed. */
export function inputStep(options: InputStep): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.value = options.value;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  const validate = (value: string) => options.validate?.(value);
  // An empty box is not yet a mistake: its check shows once something is typed (or on Enter).
  box.validationMessage = options.problem ?? (box.value ? validate(box.value) : undefined);
  return runStep<string>(box, (finish) => {
    let checking = false;
    return [
      box.onDidChangeValue((value) => {
        box.validationMessage = validate(value);
      }),
      box.onDidAccept(async () => {
        if (checking) return;
        const value = box.value;
        const problem = validate(value);
        if (problem !== undefined && (typeof problem === 'string' || problem.severity === vscode.InputBoxValidationSeverity.Error)) {
          box.validationMessage = problem;
          return;
        }
        if (options.check) {
          checking = true;
          box.busy = true;
          box.enabled = false;
          const failed = await options.check(value).finally(() => {
            checking = false;
            box.busy = false;
            box.enabled = true;
          });
          if (failed) {
            box.validationMessage = failed;
            return;
          }
        }
        finish(value);
      }),
    ];
  });
}

export interface PickStep<T extends vscode.QuickPickItem> extends StepPosition {
  items: readonly T[];
  placeHolder: string;
  /** The item to start on (the one chosen before). */
  active?: T | undefined;
  matchOnDescription?: boolean;
}

/** Resolves with the item picked, BACK, or undefined when the pick was dismissed. */
export function pickStep<T extends vscode.QuickPickItem>(options: PickStep<T>): Promise<T | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeHolder;
  pick.items = options.items;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.ignoreFocusOut = true;
  pick.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  if (options.active) pick.activeItems = [options.active];
  return runStep<T>(pick, (finish) => [
    pick.onDidAccept(() => {
      const [chosen] = pick.activeItems;
      if (chosen) finish(chosen);
    }),
  ]);
}

/**
 * Shows one step and settles once: with what the step's own listeners finish with, BACK from
 * the Back button, or undefined when it is hidden (Escape). The input is disposed either way.
 */
function runStep<T>(
  input: vscode.QuickInput & { readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
  listen: (finish: (result: T | Back | undefined) => void) => vscode.Disposable[],
): Promise<T | Back | undefined> {
  return new Promise<T | Back | undefined>((resolve) => {
    let done = false;
    const finish = (result: T | Back | undefined): void => {
      if (done) return;
      done = true;
      for (const subscription of subscriptions) subscription.dispose();
      input.dispose();
      resolve(result);
    };
    const subscriptions = [
      ...listen(finish),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      input.onDidHide(() => finish(undefined)),
    ];
    input.show();
  });
}
