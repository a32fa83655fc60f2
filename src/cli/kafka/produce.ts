// The body of `upsun-kafka produce`, loaded with the Kafka client when the command runs.

import { createReadStream } from 'fs';
import { KafkaHeaderValue, ProduceResult } from '../../kafka/types';
import type { ProduceFlags } from '../contract';
import { UsageError } from '../exitCodes';
import { inputLines } from '../inputLines';
import { outputFormat, partitionsOf } from '../sharedOptions';
import { terminalJson } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';
import { warn } from './peek';
import { schemaEncoderFor } from './schemas';

/** Lines per send when reading stdin: large enough for throughput, small enough to stream. */
const LINES_PER_BATCH = 5_000;
/**
 * The longest a line read from stdin waits for more before it is sent, in ms: a producer
 * writing a line now and then (`tail -f log | upsun-kafka produce`) gets each one sent at
 * once, as kcat does (librdkafka lingers 5 ms).
 */
const LINGER_MS = 20;

export function produce(flags: ProduceFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const headers = parseHeaders(flags.header);
    const partition = onePartition(flags.partition);
    const format = outputFormat(flags, 'text');
    const single = flags.file !== undefined ? await readValueFile(flags.file) : flags.value;
    const encoder = await schemaEncoderFor(flags.topic, flags, warn);
    // Values given as JSON and encoded as each batch is sent: one that does not fit stops the
    // command, naming its line; the batches before it were sent.
    let line = 0;
    const encode = (value: string | Buffer): string | Buffer => {
      line++;
      if (encoder === undefined) return value;
      try {
        return encoder.encode(value.toString());
      } catch (error) {
        throw new UsageError(`${single === undefined ? `line ${line}` : 'the value'} does not fit ${encoder.description}: ${(error as Error).message}`);
      }
    };
    await withCluster(flags, async (cluster) => {
      const send = (values: readonly (string | Buffer)[]) =>
        cluster.produceMany(flags.topic, values.map((value) => ({ key: flags.key, value: encode(value), headers, partition })));
      if (single !== undefined) print(await send([single]), format);
      else await sendLines(send, format);
    });
  });
}

async function sendLines(send: (values: readonly Buffer[]) => Promise<ProduceResult[]>, format: 'text' | 'json'): Promise<void> {
  const lines = inputLines(process.stdin)[Symbol.asyncIterator]();
  let batch: Buffer[] = [];
  let next = lines.next();
  // One timer per batch, started by its first line: it ends the wait for more lines.
  let linger: { expired: Promise<'linger'>; timer: NodeJS.Timeout } | undefined;
  const flush = async () => {
    if (linger) clearTimeout(linger.timer);
    linger = undefined;
    const values = batch;
    batch = [];
    if (values.length > 0) print(await send(values), format);
  };
  for (;;) {
    const item = linger ? await Promise.race([next, linger.expired]) : await next;
    if (item === 'linger') {
      await flush();
      continue;
    }
    if (item.done) break;
    batch.push(item.value);
    next = lines.next();
    if (batch.length >= LINES_PER_BATCH) await flush();
    else if (!linger) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'linger'>((resolve) => (timer = setTimeout(() => resolve('linger'), LINGER_MS)));
      linger = { expired, timer: timer! };
    }
  }
  await flush();
}

function print(results: readonly ProduceResult[], format: 'text' | 'json'): void {
  const line = format === 'json'
    ? (r: ProduceResult) => `${terminalJson({ topic: r.topic, partition: r.partition, offset: r.offset })}\n`
    : (r: ProduceResult) => `partition ${r.partition} offset ${r.offset}\n`;
  process.stdout.write(results.map(line).join(''));
}

/**
 * The partition every message goes to, or undefined for the one its key picks. A message goes
 * to one partition: several are refused (sending each to all of them, or spreading them, would
 * each be a guess at what was meant).
 */
function onePartition(values: readonly string[]): number | undefined {
  const partitions = partitionsOf(values);
  if (partitions.length > 1) throw new UsageError(`--partition: produce sends each message to one partition, not to ${partitions.join(', ')}; give one, or none to let the key pick`);
  return partitions[0];
}

function parseHeaders(values: readonly string[]): KafkaHeaderValue[] {
  return values.map((text) => {
    const equals = text.indexOf('=');
    if (equals <= 0) throw new UsageError(`--header takes key=value, not "${text}"`);
    return { key: text.slice(0, equals), value: text.slice(equals + 1) };
  });
}

/**
 * The most bytes `--file` reads (64 MiB): far past what a broker takes by default (1 MiB,
 * `message.max.bytes`), so a real message is never cut, while `/dev/zero` or a runaway pipe is
 * stopped before it fills memory.
 */
export const MAX_VALUE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of `--file`: a regular file, or a pipe (`/dev/stdin`, `<(…)`), read to its end or
 * to MAX_VALUE_FILE_BYTES. Throws UsageError for a folder, a file that cannot be opened, or
 * more bytes than the limit.
 */
async function readValueFile(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      length += (chunk as Buffer).length;
      if (length > MAX_VALUE_FILE_BYTES) {
        throw new UsageError(`--file ${file} holds more than ${MAX_VALUE_FILE_BYTES / 1024 / 1024} MiB, more than a Kafka message can be (a broker takes 1 MiB unless its message.max.bytes or the topic's max.message.bytes says more): send a smaller file`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EISDIR' ? `--file ${file} is a folder: name a file` : `cannot read --file ${file}: ${code ?? (error as Error).message}`);
  }
  return Buffer.concat(chunks, length);
}
