// The body of `upsun-kafka peek`, loaded with the Kafka client when the command runs.

import { DecodedBytes, PeekedMessage, PeekRequest } from '../../kafka/types';
import type { PeekFlags } from '../peek';
import { openCluster, parseWhole, runKafkaCommand, UsageError } from './connection';

export function peek(flags: PeekFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const request = peekRequest(flags);
    const cluster = await openCluster(flags);
    try {
      const messages = await cluster.peek(request);
      process.stdout.write(messages.map(flags.format === 'json' ? jsonLine : textBlock).join(''));
    } finally {
      await cluster.disconnect();
    }
  });
}

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

/** Key and value as the bytes' text, or base64 for binary, with the encoding named. */
function jsonLine(m: PeekedMessage): string {
  const bytes = (d: DecodedBytes | null) => (d === null ? null : d.kind === 'binary' ? d.base64 : Buffer.from(d.base64, 'base64').toString('utf8'));
  const encoding = (d: DecodedBytes | null) => (d?.kind === 'binary' ? 'base64' : 'utf8');
  return (
    JSON.stringify({
      topic: m.topic,
      partition: m.partition,
      offset: m.offset,
      timestamp: m.timestamp,
      key: bytes(m.key),
      keyEncoding: encoding(m.key),
      value: bytes(m.value),
      valueEncoding: encoding(m.value),
      headers: m.headers,
    }) + '\n'
  );
}

function textBlock(m: PeekedMessage): string {
  const shown = (d: DecodedBytes | null) => (d === null ? '(null)' : d.truncated ? `${d.text}… (${d.size} bytes, cut)` : d.text);
  const headers = m.headers.length > 0 ? `  headers: ${m.headers.map((h) => `${h.key}=${h.value}`).join(', ')}` : '';
  return `--- partition ${m.partition}  offset ${m.offset}  ${m.timestamp}  key: ${shown(m.key)}${headers}\n${shown(m.value)}\n`;
}
