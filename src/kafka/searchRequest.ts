// The one check of a search request, before anything is read: what searchTopic refuses, and
// what the message view's search bar says before it asks (src/messageView/search.ts).

import { DEFAULT_MATCH_BUDGET_MS, MAX_MATCH_BUDGET_MS } from './matchProtocol';
import { groupDigits } from '../text/count';
import { compileQuery } from './searchQuery';
import { KafkaAccessError, SearchRequest } from './types';

/** Matches a search stops at when its request names no limit. */
export const DEFAULT_SEARCH_LIMIT = 100;

/**
 * What is wrong with a request, by kind: `query`, the pattern or fields (empty text, a bad
 * regular expression, no field); `limit`, `budget` (the match budget, ms), `time` (a start or
 * end that is not a date), `range` (an end not after the start).
 */
export interface SearchRequestProblem {
  readonly kind: 'query' | 'limit' | 'budget' | 'time' | 'range';
  /** A KafkaAccessError ('invalid-request') saying what is wrong, for the user. */
  readonly error: KafkaAccessError;
}

/** The first problem of `request`, in the order above; undefined when it may run. */
export function searchRequestProblem(request: SearchRequest): SearchRequestProblem | undefined {
  const { topic } = request;
  try {
    compileQuery(request);
  } catch (error) {
    if (error instanceof KafkaAccessError) return { kind: 'query', error };
    throw error;
  }
  const limit = request.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) return problem('limit', topic, `the limit of matches must be a positive whole number, not ${limit}`);
  const budget = request.matchBudgetMs ?? DEFAULT_MATCH_BUDGET_MS;
  if (!Number.isInteger(budget) || budget < 1 || budget > MAX_MATCH_BUDGET_MS) {
    return problem('budget', topic, `the time allowed to match one message must be a whole number of ms from 1 to ${groupDigits(MAX_MATCH_BUDGET_MS)}, not ${budget}`);
  }
  const { fromTimestamp: fromTime, toTimestamp: toTime } = request;
  for (const [name, value] of [['start', fromTime], ['end', toTime]] as const) {
    if (value !== undefined && !Number.isFinite(value)) return problem('time', topic, `the ${name} time is not a date`);
  }
  if (fromTime !== undefined && toTime !== undefined && toTime <= fromTime) return problem('range', topic, 'the end of the time range is not after its start');
  return undefined;
}

function problem(kind: SearchRequestProblem['kind'], topic: string, why: string): SearchRequestProblem {
  return { kind, error: new KafkaAccessError(`Could not search topic "${topic}": ${why}.`, 'invalid-request') };
}
