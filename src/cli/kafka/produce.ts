// The body of `upsun-kafka produce`, loaded with the Kafka client when the command runs.

import { createReadStream } from 'fs';
import type { ProduceMessage } from '../../kafka/produce';
import { KafkaHeaderValue, ProduceItem, ProduceReceipts } from '../../kafka/types';
import type { ProduceFlags } from '../contract';
import { EXIT_FAILED, EXIT_INTERRUPTED, UsageError } from '../exitCodes';
import { inputLineChunks } from '../inputLines';
import { writeStdout } from '../stdoutSync';
import { outputFormat, partitionsOf } from '../sharedOptions';
import { terminalJson } from '../terminalText';
import { runKafkaCommand, withCluster } from './connection';
import { warn } from './peek';
import { schemaEncoderFor } from './schemas';
import { bytesText } from '../../text/bytes';

export function produce(flags: ProduceFlags, setExitCode: (code: number) => void): Promise<void> {
  return runKafkaCommand(setExitCode, async () => {
    const headers = parseHeaders(flags.header);
    const partition = onePartition(flags.partition);
    const format = outputFormat(flags, 'text');
    const single = flags.file !== undefined ? await readValueFile(flags.file) : flags.value;
    const encoder = await schemaEncoderFor(flags.topic, flags, warn);
    // Values given as JSON are encoded as they are read: one that does not fit stops the
    // command, naming its line; the lines before it are sent.
    const message = (value: string | Buffer, line: number): ProduceMessage => {
      if (encoder === undefined) return { key: flags.key, value, headers, partition };
      try {
        return { key: flags.key, value: encoder.encode(value.toString()), headers, partition };
      } catch (error) {
        throw new UsageError(`${single === undefined ? `line ${line}` : 'the value'} does not fit ${encoder.description}: ${(error as Error).message}`);
      }
    };
    // Lines sent as they are go as bounds in stdin's chunks; a schema encodes each line.
    const template = encoder === undefined ? { key: flags.key, headers, partition } : undefined;
    await withCluster(flags, async (cluster) => {
      const lines = new LineNumbers();
      const printer = new OffsetPrinter(flags.topic, format, (index, reason) => warn(`${single === undefined ? `line ${lines.of(index)}` : 'the value'}: ${reason}`));
      // A line refused on our side ends the stream, and is the command's error once the lines
      // before it are sent: thrown inside the stream, it would pass for a Kafka failure.
      let refused: Error | undefined;
      // Ctrl+C stops reading stdin and waits for what was read to be acknowledged; a second one
      // stops at once. Either way stderr says how many lines are known to be written.
      const stop = new AbortController();
      const interrupt = () => {
        if (stop.signal.aborted) {
          printer.flush();
          warn(`stopped: ${printer.acknowledgedCount.toLocaleString('en')} of ${lines.read.toLocaleString('en')} lines read were acknowledged (their offsets are above); the others may or may not have been written.`);
          process.exit(EXIT_INTERRUPTED);
        }
        warn('Ctrl+C: stdin is read no further; waiting for the lines read to be acknowledged (Ctrl+C again to stop now).');
        stop.abort();
      };
      if (single === undefined) process.on('SIGINT', interrupt);
      try {
        await cluster.produceStream(flags.topic, single !== undefined ? [[message(single, 1)]] : stdinMessages(message, template, lines, (error) => (refused = error instanceof Error ? error : new Error(String(error))), stop.signal), printer);
      } finally {
        process.off('SIGINT', interrupt);
        printer.flush();
      }
      if (refused !== undefined) throw refused;
      if (stop.signal.aborted) {
        warn(`interrupted: ${printer.acknowledgedCount.toLocaleString('en')} of ${lines.read.toLocaleString('en')} lines read were sent and acknowledged (their offsets are above); the rest of stdin was not read.`);
        setExitCode(EXIT_INTERRUPTED);
        return;
      }
      const notSent = printer.refusals + lines.skippedCount;
      if (notSent > 0) {
        warn(`${notSent} ${notSent === 1 ? 'message was' : 'messages were'} not sent (said above)${lines.read > notSent ? '; the others were' : ''}.`);
        setExitCode(EXIT_FAILED);
      }
    });
  });
}

/** Line numbers (of stdin's lines, from 1) of the messages sent, around the lines that are none. */
class LineNumbers {
  /** Lines read so far, empty ones included. */
  count = 0;
  /** Lines read that hold a message or were too long to: what "lines read" means to the user. */
  get read(): number {
    return this.count - this.emptyCount;
  }

  /** Lines skipped for their size. */
  skippedCount = 0;
  private emptyCount = 0;
  /** Runs of lines that are no message (too long, empty), ascending: [first line, how many]. */
  private readonly gaps: [number, number][] = [];

  /** Skips a line too long to send, and returns its number. */
  skip(): number {
    this.skippedCount++;
    this.gap(1);
    return this.count;
  }

  /** Skips `count` empty lines. */
  skipEmpty(count: number): void {
    this.emptyCount += count;
    this.gap(count);
  }

  /** The line of message `index` (from 0). */
  of(index: number): number {
    let line = index + 1;
    for (const [first, count] of this.gaps) if (first <= line) line += count;
    return line;
  }

  private gap(count: number): void {
    const last = this.gaps[this.gaps.length - 1];
    if (last !== undefined && last[0] + last[1] === this.count + 1) last[1] += count;
    else this.gaps.push([this.count + 1, count]);
    this.count += count;
  }
}

/**
 * Messages from stdin's lines, a chunk's at a time (no await per line); without a schema, as
 * lines of the chunk (no Buffer or object per line). A line longer than MAX_VALUE_FILE_BYTES is
 * skipped with a warning naming it. A line that `message` refuses ends the stream after the
 * lines before it, its error given to `refuse`. `stop` ends it after the chunk read, and stops
 * a read waiting for stdin (`tail -f log | upsun-kafka produce`).
 */
async function* stdinMessages(
  message: (value: Buffer, line: number) => ProduceMessage,
  template: Omit<ProduceMessage, 'value'> | undefined,
  lines: LineNumbers,
  refuse: (error: unknown) => void,
  stop: AbortSignal,
): AsyncGenerator<ProduceItem[]> {
  const closeInput = () => process.stdin.destroy();
  stop.addEventListener('abort', closeInput, { once: true });
  try {
    for await (const chunk of inputLineChunks(process.stdin, MAX_VALUE_FILE_BYTES)) {
      if (stop.aborted) return;
      const items: ProduceItem[] = [];
      for (const run of chunk) {
        if ('empty' in run) {
          lines.skipEmpty(run.empty);
          continue;
        }
        if ('tooLong' in run) {
          warn(`line ${lines.skip()} is longer than ${bytesText(MAX_VALUE_FILE_BYTES)} (${run.tooLong.toLocaleString('en')} bytes), more than a Kafka message can be: not sent.`);
          continue;
        }
        if (template !== undefined) {
          lines.count += run.starts.length;
          items.push({ ...template, values: run.bytes, starts: run.starts, ends: run.ends });
          continue;
        }
        for (let i = 0; i < run.starts.length; i++) {
          try {
            items.push(message(run.bytes.subarray(run.starts[i], run.ends[i]), ++lines.count));
          } catch (error) {
            yield items;
            refuse(error);
            return;
          }
        }
      }
      yield items;
    }
  } catch (error) {
    // Reading a stdin closed by Ctrl+C may fail (a premature close): it was meant to end.
    if (!stop.aborted) throw error;
  } finally {
    stop.removeEventListener('abort', closeInput);
  }
}

/** Bytes of offsets held before they are written to stdout: one write per 64 KiB, not one per message. */
const PRINT_CHUNK = 64 * 1024;
/** The most one line of offsets takes past its head: two 20-digit numbers and the words around them. */
const LINE_ROOM = 96;
const DIGIT_0 = 0x30;

/**
 * Prints where each message went, `partition P offset O` (or one JSON object) per line, in the
 * order sent, gathered into large writes to stdout. Lines are written as bytes into one buffer,
 * digits and all: a string per line cost a million strings' garbage per million lines. A
 * million lines print in under a tenth of a second of CPU (bench/kafka.ts measures it).
 */
export class OffsetPrinter implements ProduceReceipts {
  refusals = 0;
  /** Messages acknowledged so far. */
  acknowledgedCount = 0;
  private flushing = false;
  private readonly buffer: Buffer;
  private length = 0;
  /** What each line starts with, and what goes between the partition and the offset, and after it. */
  private readonly head: Buffer;
  private readonly middle: Buffer;
  private readonly tail: Buffer;

  constructor(
    topic: string,
    format: 'text' | 'json',
    private readonly onRefused: (index: number, reason: string) => void,
  ) {
    // terminalJson of { topic, partition, offset } starts so; the rest is numbers.
    const json = format === 'json';
    this.head = Buffer.from(json ? `${terminalJson({ topic }).slice(0, -1)},"partition":` : 'partition ');
    this.middle = Buffer.from(json ? ',"offset":"' : ' offset ');
    this.tail = Buffer.from(json ? '"}\n' : '\n');
    this.buffer = Buffer.allocUnsafe(PRINT_CHUNK + this.head.length + LINE_ROOM);
  }

  acknowledged(partition: number, offset: number | bigint): void {
    this.acknowledgedCount++;
    this.put(this.head);
    this.putNumber(partition);
    this.put(this.middle);
    if (typeof offset === 'number') this.putNumber(offset);
    else this.put(Buffer.from(String(offset)));
    this.put(this.tail);
    if (this.length >= PRINT_CHUNK) this.flush();
    // What an answer acknowledged is printed before the next one comes: a slow stream
    // (`tail -f log | upsun-kafka produce`) sees each offset as soon as it is known.
    else if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
  }

  refused(index: number, reason: string): void {
    this.refusals++;
    this.onRefused(index, reason);
  }

  flush(): void {
    this.flushing = false;
    if (this.length === 0) return;
    writeStdout(this.buffer.subarray(0, this.length));
    this.length = 0;
  }

  private put(bytes: Buffer): void {
    const buffer = this.buffer;
    for (let i = 0; i < bytes.length; i++) buffer[this.length + i] = bytes[i];
    this.length += bytes.length;
  }

  /** A non-negative integer of at most 2^53, in decimal. */
  private putNumber(value: number): void {
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const buffer = this.buffer;
    let at = this.length + digits;
    this.length = at;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      buffer[--at] = DIGIT_0 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
  }
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
        throw new UsageError(`--file ${file} holds more than ${bytesText(MAX_VALUE_FILE_BYTES)}, more than a Kafka message can be (a broker takes 1 MiB unless its message.max.bytes or the topic's max.message.bytes says more): send a smaller file`);
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
