// The body of `upsun-kafka peek`, loaded with the Kafka client when the command runs.

import { exactBytes, timestampText } from '../../kafka/decode';
import { describePeekStats, emptyPeekStats, heldPeekLines, peekStatsJson } from '../../kafka/peekStats';
import { DecodedBytes, PeekedMessage, PeekRequest } from '../../kafka/types';
import { terminalJson, terminalText } from '../terminalText';
import type { PeekFlags } from '../peek';
import { offsetFromText } from '../../text/offsets';
import { openCluster, optionTime, parseWhole, runKafkaCommand, UsageError } from './connection';
import { schemaDecoderFor } from './schemas';
import { schemaLabel } from '../../schemas/describe';

export function peek(flags: PeekFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const request = peekRequest(flags);
    const decoder = await schemaDecoderFor(flags.topic, flags, warn);
    const cluster = await openCluster(flags);
    try {
      // Always counted: it holds the ends that say where an open transaction holds records back.
      const stats = emptyPeekStats();
      const messages = await decoder.decodeMessages(await cluster.peek(request, undefined, stats));
      process.stdout.write(messages.map(flags.format === 'json' ? jsonLine : textBlock).join(''));
      if (flags.stats && flags.format === 'json') process.stderr.write(`${JSON.stringify(peekStatsJson(stats, messages.length))}\n`);
      else if (flags.stats) process.stderr.write(`${describePeekStats(stats, messages.length)}\n`);
      for (const line of heldPeekLines(stats)) process.stderr.write(`upsun-kafka: ${line}\n`);
    } finally {
      await cluster.disconnect();
    }
  });
}

/** A warning that does not stop the command, on stderr. */
export function warn(line: string): void {
  process.stderr.write(`upsun-kafka: ${terminalText(line)}\n`);
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

/**
 * Key, value and header values as the bytes' text, or base64 for binary, with the encoding
 * named; headers in the record's order. A key or value read with a schema adds
 * `keySchema`/`valueSchema` (format, name, source, schemaId, problem, violations) and, when it
 * could be read, `keyDecoded`/`valueDecoded` with the decoded JSON; `key`/`value` keep the bytes. `timestamp` is null when the record has none or one
 * no date can hold; `timestampMs` is the number as stored. A record batch that could not be
 * read is a line with `problem` (why) in place of key, value and headers.
 */
export function jsonLine(m: PeekedMessage): string {
  if (m.problem !== undefined) return `${JSON.stringify({ topic: m.topic, partition: m.partition, offset: m.offset, timestamp: m.timestamp, timestampMs: m.timestampMs, problem: m.problem })}\n`;
  const key = exactBytes(m.key);
  const value = exactBytes(m.value);
  return (
    terminalJson({
      topic: m.topic,
      partition: m.partition,
      offset: m.offset,
      timestamp: m.timestamp,
      timestampMs: m.timestampMs,
      key: key.data,
      keyEncoding: key.encoding,
      value: value.data,
      valueEncoding: value.encoding,
      headers: m.headers.map((h) => {
        const header = exactBytes(h.value);
        return { key: h.key, value: header.data, valueEncoding: header.encoding };
      }),
      ...schemaFields('key', m.key),
      ...schemaFields('value', m.value),
    }) + '\n'
  );
}

function schemaFields(part: 'key' | 'value', bytes: DecodedBytes | null): Record<string, unknown> {
  const schema = bytes?.schema;
  if (schema === undefined) return {};
  // Not parsed from `text` when cut: a decoded value past the display limit is left out.
  const decoded = schema.problem === undefined && !bytes!.truncated ? { [`${part}Decoded`]: JSON.parse(bytes!.text) as unknown } : {};
  return { [`${part}Schema`]: schema, ...decoded };
}

/** `[avro acme.Order, schema id 3, from http://registry]`, or the reason it could not be read. */
function schemaLine(bytes: DecodedBytes | null): string {
  return bytes?.schema === undefined ? '' : terminalText(`[${schemaLabel(bytes.schema)}]`);
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
