// The view's time inputs: ISO 8601 text, checked as it is typed with the one parser of typed
// times (src/text/isoTime.ts), never the browser's date pickers (their month/day order and
// AM/PM follow the browser's locale, not the ISO times the view prints).

import { parseIsoTime } from '../../text/isoTime';

/** The input's time as ISO 8601 in UTC; undefined when it is empty or not a time. */
export function isoInputTime(input: HTMLInputElement): string | undefined {
  if (!input.value.trim()) return undefined;
  const time = parseIsoTime(input.value);
  return 'ms' in time ? new Date(time.ms).toISOString() : undefined;
}

/** Checks each input as it is typed: a bad one is marked invalid and `problem` says why (and where). */
export function wireIsoInputs(inputs: readonly HTMLInputElement[], problem: HTMLElement): void {
  const check = () => {
    const problems = inputs.flatMap((input) => {
      const time = input.value.trim() ? parseIsoTime(input.value) : undefined;
      const bad = time && 'problem' in time ? `${input.getAttribute('aria-label')?.replace(/ \(.*$/, '')}: ${time.problem}` : undefined;
      input.setAttribute('aria-invalid', String(!!bad));
      return bad ? [bad] : [];
    });
    problem.hidden = problems.length === 0;
    problem.textContent = problems.join(' · ');
  };
  for (const input of inputs) input.addEventListener('input', check);
}
