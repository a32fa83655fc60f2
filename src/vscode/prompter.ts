// Every question the live Kafka commands ask goes through a `Prompter`, so one interface
// separates the flows from the editor's quick picks and input boxes. The editor tests answer
// through a scripted prompter installed with `SwitchablePrompter.use`, never by driving the UI.

import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
  /** Shown but not choosable: why (accepting it keeps the pick open and says this). */
  readonly unavailable?: string;
}

export interface PickOptions<T> {
  /** Names the question; scripted answers are keyed by it. */
  readonly title: string;
  readonly placeholder?: string;
  /** Turns typed text that matches no item into an item of its own (a new topic name…). */
  readonly typed?: (text: string) => PickItem<T> | undefined;
}

export interface InputOptions {
  readonly title: string;
  readonly prompt?: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  /** A message saying why the text is not acceptable, or undefined. */
  readonly validate?: (text: string) => string | undefined;
}

export interface Prompter {
  pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /**
   * A question before a change, with Cancel as the default and one action; true only when the
   * user chose the action (Enter, Escape or clicking away cancel).
   */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

/** The real thing: quick picks, input boxes and modal dialogs. */
export class WindowPrompter implements Prompter {
  pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.items = items;
    if (options.typed) {
      const typed = options.typed;
      quickPick.onDidChangeValue((text) => {
        const exact = items.some((i) => i.label === text.trim());
        const extra = exact ? undefined : typed(text.trim());
        quickPick.items = extra ? [extra, ...items] : items;
      });
    }
    return new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        const item = quickPick.selectedItems[0];
        if (item?.unavailable) {
          quickPick.placeholder = `${item.label} cannot be chosen: ${item.unavailable}`;
          return;
        }
        resolve(item?.value);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  async input(options: InputOptions): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      placeHolder: options.placeholder,
      value: options.value,
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validate,
    });
  }

  /**
   * A quick pick whose first, selected item is Cancel: a modal message cannot have Cancel as
   * its default, as VS Code focuses the first button given (the action) and always adds its
   * own Cancel after it (`isCloseAffordance` only renames that button). The detail, what the
   * action will change, is on the action's row; the pick stays open when focus moves away.
   */
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    type Choice = vscode.QuickPickItem & { readonly go: boolean };
    const quickPick = vscode.window.createQuickPick<Choice>();
    const cancel: Choice = { label: '$(close) Cancel', description: 'change nothing', go: false };
    const proceed: Choice = { label: `$(warning) ${action}`, detail, go: true };
    quickPick.title = message;
    quickPick.placeholder = `Enter cancels; choose ${action} to go ahead`;
    quickPick.items = [cancel, proceed];
    quickPick.activeItems = [cancel];
    quickPick.ignoreFocusOut = true;
    return new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.go === true);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(false);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }
}

/** Delegates to the window, or to another prompter for as long as it is in use. */
export class SwitchablePrompter implements Prompter {
  private current: Prompter;

  constructor(private readonly fallback: Prompter = new WindowPrompter()) {
    this.current = fallback;
  }

  use(prompter: Prompter): vscode.Disposable {
    this.current = prompter;
    return new vscode.Disposable(() => {
      if (this.current === prompter) this.current = this.fallback;
    });
  }

  pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    return this.current.pick(items, options);
  }

  input(options: InputOptions): Promise<string | undefined> {
    return this.current.input(options);
  }

  confirm(message: string, detail: string, action: string): Promise<boolean> {
    return this.current.confirm(message, detail, action);
  }
}
