// What the message view's search bar asks for, as a search of the Kafka layer, and the line
// the view shows about a search: what it looks for, how far it read, why it stopped.

import { searchRequestProblem } from '../kafka/searchRequest';
import type { SearchViewRequest } from './protocol';
import { groupDigits, plural } from '../text/count';
import { parseIsoTime } from '../text/isoTime';
import { heldPartitionsText } from '../kafka/openTransaction';
import type { SearchProgress, SearchRequest, SearchStop } from '../kafka/types';

/** Most matches the view asks for: what one view holds. */
export const MAX_VIEW_MATCHES = 2_000;

/**
 * The search the view asks for on `topic`, or the reason it cannot run, in words for the
 * view (an empty pattern, a bad regular expression, a time that is not one, a range that ends
 * before it starts).
 */
export function searchFromView(topic: string, request: SearchViewRequest): SearchRequest | { readonly problem: string } {
  const time = (text: string | undefined, what: string) => {
    if (text === undefined || text === '') return undefined;
    const time = parseIsoTime(text);
    return 'problem' in time ? new Error(`The ${what} of the time range is not a date and time.`) : time.ms;
  };
  const fromTimestamp = time(request.from, 'start');
  const toTimestamp = time(request.to, 'end');
  for (const t of [fromTimestamp, toTimestamp]) if (t instanceof Error) return { problem: t.message };
  const search: SearchRequest = {
    topic,
    pattern: request.pattern,
    regex: request.regex,
    caseSensitive: request.caseSensitive,
    fields: request.fields,
    fromTimestamp: fromTimestamp as number | undefined,
    toTimestamp: toTimestamp as number | undefined,
    partitions: request.partition === undefined ? undefined : [request.partition],
    limit: Math.max(1, Math.min(MAX_VIEW_MATCHES, Math.floor(request.limit) || 1)),
  };
  if (request.pattern.trim() === '') return { problem: request.regex ? 'Enter a regular expression to search for.' : 'Enter text to search for.' };
  if (search.fields?.length === 0) return { problem: 'Choose where to search: key, value or headers.' };
  // The Kafka layer's check (searchRequest.ts), worded for the search bar.
  const problem = searchRequestProblem(search);
  if (problem?.kind === 'range') return { problem: 'The end of the time range must come after its start.' };
  if (problem) return { problem: problem.error.message.replace(/^Could not search( topic "[^"]*")?: /, '').replace(/^./, (c) => c.toUpperCase()) };
  return search;
}

const STOPPED: Record<SearchStop, string> = {
  end: 'searched the whole range',
  limit: 'stopped at the limit of matches',
  cancelled: 'cancelled',
  timeout: 'stopped: out of time',
};

/**
 * `Searching for "order-42": 41,200 of 100,000 messages (41%) · 3 matches`, and once done
 * `"order-42": 3 matches in 100,000 messages · searched the whole range`.
 */
export function searchStatus(request: Pick<SearchRequest, 'pattern' | 'regex' | 'limit'>, progress: Pick<SearchProgress, 'read' | 'total' | 'matches'> & Partial<Pick<SearchProgress, 'partitions'>>, stopped?: SearchStop): string {
  const what = request.regex ? `/${request.pattern}/` : `"${request.pattern}"`;
  const matches = plural(progress.matches, 'match', 'matches');
  if (stopped === undefined) {
    const percent = progress.total === 0 ? 100 : Math.floor((progress.read * 100) / progress.total);
    return `Searching for ${what}: ${groupDigits(progress.read)} of ${plural(progress.total, 'message')} (${percent}%) · ${matches}`;
  }
  const read = progress.read === progress.total ? plural(progress.total, 'message') : `${groupDigits(progress.read)} of ${plural(progress.total, 'message')}`;
  const held = stopped === 'end' ? heldPartitionsText(progress.partitions ?? []) : '';
  // The limit is the search's own (the bar's Matches), said where it stopped the search.
  const why = stopped === 'limit' && request.limit !== undefined ? `stopped at the limit of ${plural(request.limit, 'match', 'matches')} (raise Matches to find more)` : STOPPED[stopped];
  return `${what}: ${matches} in ${read} · ${held ? `searched to the last stable offset; ${held}` : why}`;
}
