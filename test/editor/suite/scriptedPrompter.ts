// Answers the extension's questions from a script, keyed by words in each question's title, so
// a test runs a command "with its inputs answered" without driving quick picks in the window.

import * as assert from 'assert';
import type { ExtensionApi } from '../../../src/extension';
import type { InputOptions, PickItem, PickOptions, Prompter } from '../../../src/vscode/prompter';

export type Answers = Readonly<Record<string, string | boolean>>;

export class ScriptedPrompter implements Prompter {
  /** Every question asked, by title, in order. */
  readonly asked: string[] = [];
  /** Questions the script had no (valid) answer for; a test asserts this stays empty. */
  readonly unanswered: string[] = [];
  /** What each input box started with, by title. */
  readonly prefilled: Record<string, string | undefined> = {};

  constructor(private readonly answers: Answers) {}

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions<T>): Promise<T | undefined> {
    const answer = this.answer(options.title);
    if (typeof answer !== 'string') return undefined;
    const item = items.find((i) => i.label === answer) ?? options.typed?.(answer);
    if (!item) this.unanswered.push(`${options.title}: no item "${answer}" among ${items.map((i) => i.label).join(', ')}`);
    return item?.value;
  }

  async input(options: InputOptions): Promise<string | undefined> {
    this.prefilled[options.title] = options.value;
    const answer = this.answer(options.title);
    if (typeof answer !== 'string') return undefined;
    const problem = options.validate?.(answer);
    if (problem) {
      this.unanswered.push(`${options.title}: "${answer}" rejected: ${problem}`);
      return undefined;
    }
    return answer;
  }

  async confirm(message: string): Promise<boolean> {
    const answer = this.answer(message);
    return answer === true;
  }

  private answer(title: string): string | boolean | undefined {
    this.asked.push(title);
    const key = Object.keys(this.answers).find((k) => title.includes(k));
    if (key === undefined) this.unanswered.push(title);
    return key === undefined ? undefined : this.answers[key];
  }
}

/** Runs a command while `answers` answer its questions; fails on any question left open. */
export async function answering<T>(api: ExtensionApi, answers: Answers, run: () => Thenable<T>): Promise<T> {
  const prompter = new ScriptedPrompter(answers);
  const installed = api.liveKafka.prompter.use(prompter);
  try {
    const result = await run();
    assert.deepStrictEqual(prompter.unanswered, [], `asked: ${prompter.asked.join(' | ')}`);
    return result;
  } finally {
    installed.dispose();
  }
}
