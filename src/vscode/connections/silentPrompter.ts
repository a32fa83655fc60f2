// A prompter for work nobody asked for (connecting on open): any question it would ask
// stops the work instead, so nothing pops up that the user did not start.

import type { InputOptions, PickOptions, Prompter } from '../prompter';

/** Thrown by `SILENT_PROMPTER` in place of a question; `question` is its title. */
export class QuestionNeeded extends Error {
  constructor(readonly question: string) {
    super(`it would ask "${question}"`);
    this.name = 'QuestionNeeded';
  }
}

export const SILENT_PROMPTER: Prompter = {
  pick: <T>(_items: unknown, options: PickOptions<T>): Promise<T | undefined> => Promise.reject(new QuestionNeeded(options.title)),
  input: (options: InputOptions) => Promise.reject(new QuestionNeeded(options.title)),
  confirm: (message: string) => Promise.reject(new QuestionNeeded(message)),
};
