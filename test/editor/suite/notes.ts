// A test's measured figures, for the runner's output: the extension host's console goes to a
// log nobody reads (and code-server's host does not let a suite take its console over).

let taken: string[] = [];

/** Records `text` with the outcome of the test that is running. */
export function note(text: string): void {
  taken.push(text);
}

/** The notes since the last call, for the outcome of the test that just ended. */
export function takeNotes(): { notes?: string[] } {
  const mine = taken;
  taken = [];
  return mine.length ? { notes: mine } : {};
}
