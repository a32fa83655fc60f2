// The body of `upsun-kafka search`, loaded with the Kafka client when the command runs.
// Matches go to stdout as peek prints messages; progress (on a terminal) and the summary go to
// stderr, so a pipe gets the matches alone. Ctrl+C stops the search and still prints them.

import { compileQuery, SEARCH_FIELDS } from '../../kafka/searchQuery';
import { MAX_MATCH_BUDGET_MS } from '../../kafka/matchProtocol';
import { heldPartitionsText } from '../../kafka/openTransaction';
import { groupDigits, plural } from '../../text/count';
import { describeError } from '../../text/error';
import type { SearchFlags } from '../contract';
import { EXIT_INTERRUPTED, UsageError } from '../exitCodes';
import { optionTime, outputFormat, parseWhole, partitionsOf } from '../sharedOptions';
import { terminalText } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';
import { jsonLine, textBlock, warn } from './peek';
import { schemaDecoderFor } from './schemas';
import { decodingCluster } from '../../schemas/decoder';
import type { SearchField, SearchProgress, SearchRequest, SearchResult } from '../../kafka/types';
/** How often the progress line is redrawn, in ms. */
const PROGRESS_EVERY_MS = 100;

export function search(flags: SearchFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const request = searchRequest(flags);
    const json = outputFormat(flags, 'text') === 'json';
    const decoder = await schemaDecoderFor(request.topic, flags, warn);
    const controller = new AbortController();
    const result = await withCluster(flags, async (connected) => {
      // Matches keys and values as their decoded JSON, and decodes the matches.
      const cluster = decodingCluster(connected, decoder);
      const interrupt = () => controller.abort();
      process.once('SIGINT', interrupt);
      const progress = progressLine(request.topic);
      try {
        return await cluster.search(request, { signal: controller.signal, onProgress: progress.update });
      } finally {
        process.off('SIGINT', interrupt);
        progress.clear();
      }
    });
    process.stdout.write(result.messages.map((m) => (json ? jsonLine(m) : textBlock(m))).join(''));
    process.stderr.write(`${summaryLine(result)}\n`);
    // Ctrl+C after the last answer was matched, before the search returned: it still means
    // the user stopped it.
    if (result.stopped === 'cancelled' || controller.signal.aborted) setExitCode(EXIT_INTERRUPTED);
  });
}

function searchRequest(flags: SearchFlags): SearchRequest {
  if ((flags.text === undefined) === (flags.regex === undefined)) throw new UsageError('say what to find: --text TEXT or --regex PATTERN');
  const regex = flags.regex !== undefined;
  if (regex && flags.caseSensitive) throw new UsageError('--case-sensitive goes with --text; a --regex is case-sensitive unless --ignore-case');
  if (!regex && flags.ignoreCase) throw new UsageError('--ignore-case goes with --regex; --text matches any case unless --case-sensitive');
  const fields = flags.in.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.filter((f) => !SEARCH_FIELDS.includes(f as SearchField));
  if (fields.length === 0 || unknown.length > 0) throw new UsageError(`--in takes ${SEARCH_FIELDS.join(', ')} (comma-separated), not "${flags.in}"`);
  const partitions = flags.partition.length > 0 ? partitionsOf(flags.partition) : undefined;
  const request: SearchRequest = {
    topic: flags.topic,
    pattern: regex ? flags.regex : flags.text!,
    regex,
    caseSensitive: regex ? !flags.ignoreCase : Boolean(flags.caseSensitive),
    fields: fields as SearchField[],
    fromTimestamp: optionTime(flags.from, '--from'),
    toTimestamp: optionTime(flags.to, '--to'),
    partitions,
    limit: parseWhole(flags.limit, '--limit', 1),
    matchBudgetMs: parseWhole(flags.matchBudget, '--match-budget', 1),
  };
  if ((request.matchBudgetMs ?? 0) > MAX_MATCH_BUDGET_MS) throw new UsageError(`--match-budget takes at most ${MAX_MATCH_BUDGET_MS} (ms), not "${flags.matchBudget}"`);
  if (request.fromTimestamp !== undefined && request.toTimestamp !== undefined && request.toTimestamp <= request.fromTimestamp) {
    throw new UsageError('--to must come after --from');
  }
  try {
    compileQuery(request);
  } catch (error) {
    // A bad pattern is the command line's fault: said before connecting, with exit status 2.
    throw new UsageError(describeError(error).replace(/^Could not search: /, '').replace(/\.$/, ''));
  }
  return request;
}

/** A line redrawn in place on a terminal's stderr; nothing when stderr is not a terminal. */
function progressLine(topic: string): { update: (progress: SearchProgress) => void; clear: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, clear: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      drawn = true;
      const percent = progress.total === 0 ? 100 : Math.floor((progress.read * 100) / progress.total);
      process.stderr.write(`\r\x1b[KSearching ${terminalText(topic)}: ${groupDigits(progress.read)} of ${groupDigits(progress.total)} messages read (${percent}%), ${plural(progress.matches, 'match', 'matches')} (Ctrl+C stops)`);
    },
    clear() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}

const WHY: Record<SearchResult['stopped'], string> = {
  end: 'read to the end of the range',
  limit: 'stopped at the limit of matches',
  cancelled: 'cancelled',
  timeout: 'stopped: out of time',
};

/** `3 matches in 1,000,000 of 1,000,000 messages read (12 partitions): read to the end of the range` */
export function summaryLine(result: SearchResult): string {
  const partitions = plural(result.partitions.length, 'partition');
  const held = result.stopped === 'end' ? heldPartitionsText(result.partitions) : '';
  const why = held ? `read to the last stable offset, not the end: ${held}` : WHY[result.stopped];
  return `${plural(result.matches, 'match', 'matches')} in ${groupDigits(result.read)} of ${groupDigits(result.total)} messages read (${partitions}): ${why}`;
}

