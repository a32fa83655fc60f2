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
  /** A modal question with one action button; true when the user chose it. */
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

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
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
