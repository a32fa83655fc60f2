// The body of `upsun-kafka peek`, loaded with the Kafka client when the command runs.

import { timestampText } from '../../kafka/decode';
import { messageLine } from '../../kafka/messageJson';
import { mergeRuns } from '../../kafka/peek';
import { describePeekStats, emptyPeekStats, heldPeekLines, peekStatsJson } from '../../kafka/peekStats';
import type { DecodedBytes, KafkaCluster, PeekedMessage, PeekReadStats, PeekRequest } from '../../kafka/types';
import { compareNewestFirst } from '../../messageView/window';
import { offsetFromText } from '../../text/offsets';
import type { PeekFlags } from '../contract';
import { UsageError } from '../exitCodes';
import { optionTime, outputFormat, parseWhole, partitionsOf } from '../sharedOptions';
import { terminalJson, terminalText } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';
import { schemaDecoderFor } from './schemas';
import { schemaLabel } from '../../schemas/describe';

export function peek(flags: PeekFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const { request, partitions } = peekRequest(flags);
    const json = outputFormat(flags, 'text') === 'json';
    const decoder = await schemaDecoderFor(flags.topic, flags, warn);
    await withCluster(flags, async (cluster) => {
      // Always counted: it holds the ends that say where an open transaction holds records back.
      const stats = emptyPeekStats();
      const messages = await decoder.decodeMessages(await peekPartitions(cluster, request, partitions, stats));
      process.stdout.write(messages.map(json ? jsonLine : textBlock).join(''));
      if (flags.stats && json) process.stderr.write(`${JSON.stringify(peekStatsJson(stats, messages.length))}\n`);
      else if (flags.stats) process.stderr.write(`${describePeekStats(stats, messages.length)}\n`);
      for (const line of heldPeekLines(stats)) process.stderr.write(`upsun-kafka: ${line}\n`);
    });
  });
}

/** A warning that does not stop the command, on stderr. */
export function warn(line: string): void {
  process.stderr.write(`upsun-kafka: ${terminalText(line)}\n`);
}

/** The request for every partition, and the partitions `--partition` named (none: all). */
function peekRequest(flags: PeekFlags): { request: PeekRequest; partitions: number[] } {
  const fromTimestamp = optionTime(flags.fromTime, '--from-time');
  const fromOffset = flags.fromOffset === undefined ? undefined : offsetFromText(flags.fromOffset);
  if (flags.fromOffset !== undefined && fromOffset === undefined) throw new UsageError(`--from-offset takes a whole number from 0 to 2^63 - 1, not "${flags.fromOffset}"`);
  const limit = parseWhole(flags.count, '--count', 1)!;
  return { request: { topic: flags.topic, limit, fromOffset, fromTimestamp }, partitions: partitionsOf(flags.partition) };
}

/**
 * The peek of `request` over `partitions` (all when empty), newest first. A peek reads one
 * partition or all of them, so several are peeked one by one and chosen from as a peek
 * chooses across partitions (src/kafka/peek.ts): from an offset or a time, the first `limit`
 * of the partitions' runs merged by timestamp (mergeRuns); else the newest `limit`. Each
 * partition's newest `limit` is what a peek of all of them reads of it too.
 */
async function peekPartitions(cluster: KafkaCluster, request: PeekRequest, partitions: readonly number[], stats: PeekReadStats): Promise<PeekedMessage[]> {
  if (partitions.length <= 1) return cluster.peek({ ...request, partition: partitions[0] }, undefined, stats);
  const each: PeekedMessage[][] = [];
  for (const partition of partitions) each.push(await cluster.peek({ ...request, partition }, undefined, stats));
  if (request.fromOffset === undefined && request.fromTimestamp === undefined) return each.flat().sort(compareNewestFirst).slice(0, request.limit);
  // mergeRuns takes each partition's run in offset order, as it was read.
  const runs = each.map((messages) =>
    messages.map((message) => ({ partition: message.partition, record: { offset: BigInt(message.offset), timestamp: BigInt(message.timestampMs) }, message })).sort((a, b) => (a.record.offset < b.record.offset ? -1 : 1)),
  );
  return mergeRuns(runs, request.limit).map((r) => r.message).sort(compareNewestFirst);
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
  const keySchema = m.key?.schema === undefined ? '' : ` ${schemaLine(m.key)}`;
  const valueSchema = m.value?.schema === undefined ? '' : `${schemaLine(m.value)}\n`;
  return `--- partition ${m.partition}  offset ${m.offset}  ${timestampText(m)}  key: ${shown(m.key)}${keySchema}${headers}\n${valueSchema}${shown(m.value, true)}\n`;
}

/** `[avro acme.Order, schema id 3, from http://registry]`, or the reason it could not be read. */
function schemaLine(bytes: DecodedBytes | null): string {
  return bytes?.schema === undefined ? '' : terminalText(`[${schemaLabel(bytes.schema)}]`);
}
