// The body of `upsun-kafka peek`, loaded with the Kafka client when the command runs.

import { timestampText } from '../../kafka/decode';
import { messageLine } from '../../kafka/messageJson';
import { describePeekStats, emptyPeekStats, heldPeekLines, peekStatsJson } from '../../kafka/peekStats';
import { DecodedBytes, PeekedMessage, PeekRequest } from '../../kafka/types';
import { terminalJson, terminalText } from '../terminalText';
import type { PeekFlags } from '../peek';
import { offsetFromText } from '../../text/offsets';
import { openCluster, optionTime, parseWhole, runKafkaCommand, UsageError } from './connection';

export function peek(flags: PeekFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const request = peekRequest(flags);
    const cluster = await openCluster(flags);
    try {
      // Always counted: it holds the ends that say where an open transaction holds records back.
      const stats = emptyPeekStats();
      const messages = await cluster.peek(request, undefined, stats);
      process.stdout.write(messages.map(flags.format === 'json' ? jsonLine : textBlock).join(''));
      if (flags.stats && flags.format === 'json') process.stderr.write(`${JSON.stringify(peekStatsJson(stats, messages.length))}\n`);
      else if (flags.stats) process.stderr.write(`${describePeekStats(stats, messages.length)}\n`);
      for (const line of heldPeekLines(stats)) process.stderr.write(`upsun-kafka: ${line}\n`);
    } finally {
      await cluster.disconnect();
    }
  });
}

function peekRequest(flags: PeekFlags): PeekRequest {
  const fromTimestamp = optionTime(flags.fromTime, '--from-time');
  const fromOffset = flags.fromOffset === undefined ? undefined : offsetFromText(flags.fromOffset);
  if (flags.fromOffset !== undefined && fromOffset === undefined) throw new UsageError(`--from-offset takes a whole number from 0 to 2^63 - 1, not "${flags.fromOffset}"`);
  return {
    topic: flags.topic,
    limit: parseWhole(flags.count, '--count', 1)!,
    partition: parseWhole(flags.partition, '--partition', 0),
    fromOffset,
    fromTimestamp,
  };
}

/** One line of JSON (messageLine), control characters escaped for a terminal. */
export function jsonLine(m: PeekedMessage): string {
  const line = messageLine(m);
  return `${m.problem !== undefined ? JSON.stringify(line) : terminalJson(line)}\n`;
}

/** For people: every control character from the message escaped, so none reaches the terminal. */
export function textBlock(m: PeekedMessage): string {
  const shown = (d: DecodedBytes | null, keepNewlines = false) =>
    d === null ? '(null)' : terminalText(d.truncated ? `${d.text}… (${d.size} bytes, cut)` : d.text, { keepNewlines });
  if (m.problem !== undefined) return `--- partition ${m.partition}  offset ${m.offset}  ${timestampText(m)}  not readable\n${terminalText(m.problem)}\n`;
  const headers = m.headers.length > 0 ? `  headers: ${m.headers.map((h) => `${terminalText(h.key)}=${shown(h.value)}`).join(', ')}` : '';
  return `--- partition ${m.partition}  offset ${m.offset}  ${timestampText(m)}  key: ${shown(m.key)}${headers}\n${shown(m.value, true)}\n`;
}
