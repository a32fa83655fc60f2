// `upsun-kafka peek`: the newest messages of a topic, as text for people or JSON lines for scripts.

import { Option } from 'commander';
import { exactBytes, timestampText } from '../kafka/decode';
import { DecodedBytes, PeekedMessage, PeekRequest } from '../kafka/types';
import { RegisterCommand } from './commands';
import { terminalText } from './terminalText';
import { addConnectionOptions, ConnectionFlags, openCluster, parseWhole, runKafkaCommand, UsageError } from './kafkaConnection';

interface PeekFlags extends ConnectionFlags {
  readonly topic: string;
  readonly count: string;
  readonly partition?: string;
  readonly fromOffset?: string;
  readonly fromTime?: string;
  readonly format: 'text' | 'json';
}

export const registerPeek: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommand inherits exitOverride, so misuse exits 2.
  const command = program
    .command('peek')
    .description('Print the newest messages of a topic, newest first, across all partitions. Reads only those messages and leaves no consumer group behind.')
    .requiredOption('--topic <name>', 'the topic')
    .option('-n, --count <n>', 'how many messages', '50')
    .option('--partition <p>', 'only this partition')
    .addOption(new Option('--from-offset <offset>', 'the first messages from this offset on (per partition)').conflicts('fromTime'))
    .option('--from-time <iso>', 'the first messages at or after this time, e.g. 2026-01-31T12:00:00Z')
    .addOption(new Option('--format <format>', 'text for people, json for one object per line').choices(['text', 'json']).default('text'));
  addConnectionOptions(command).action((flags: PeekFlags) =>
    runKafkaCommand(setExitCode, async () => {
      const request = peekRequest(flags);
      const cluster = await openCluster(flags);
      try {
        const messages = await cluster.peek(request);
        process.stdout.write(messages.map(flags.format === 'json' ? jsonLine : textBlock).join(''));
      } finally {
        await cluster.disconnect();
      }
    }),
  );
};

function peekRequest(flags: PeekFlags): PeekRequest {
  let fromTimestamp: number | undefined;
  if (flags.fromTime !== undefined) {
    fromTimestamp = Date.parse(flags.fromTime);
    if (Number.isNaN(fromTimestamp)) throw new UsageError(`--from-time takes an ISO 8601 time such as 2026-01-31T12:00:00Z, not "${flags.fromTime}"`);
  }
  const fromOffset = parseWhole(flags.fromOffset, '--from-offset', 0);
  return {
    topic: flags.topic,
    limit: parseWhole(flags.count, '--count', 1)!,
    partition: parseWhole(flags.partition, '--partition', 0),
    fromOffset: fromOffset === undefined ? undefined : String(fromOffset),
    fromTimestamp,
  };
}

/**
 * Key, value and header values as the bytes' text, or base64 for binary, with the encoding
 * named; headers in the record's order. `timestamp` is null when the record has none or one
 * no date can hold; `timestampMs` is the number as stored.
 */
function jsonLine(m: PeekedMessage): string {
  const key = exactBytes(m.key);
  const value = exactBytes(m.value);
  return (
    JSON.stringify({
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
    }) + '\n'
  );
}

/** For people: every control character from the message escaped, so none reaches the terminal. */
function textBlock(m: PeekedMessage): string {
  const shown = (d: DecodedBytes | null, keepNewlines = false) =>
    d === null ? '(null)' : terminalText(d.truncated ? `${d.text}… (${d.size} bytes, cut)` : d.text, { keepNewlines });
  const headers = m.headers.length > 0 ? `  headers: ${m.headers.map((h) => `${terminalText(h.key)}=${shown(h.value)}`).join(', ')}` : '';
  return `--- partition ${m.partition}  offset ${m.offset}  ${timestampText(m)}  key: ${shown(m.key)}${headers}\n${shown(m.value, true)}\n`;
}
