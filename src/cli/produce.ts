// `upsun-kafka produce`: one message from --value or --file, or one per line of stdin, sent in
// batches; prints where each message went.

import { Option } from 'commander';
import { promises as fs } from 'fs';
import { KafkaHeaderValue, ProduceResult } from '../kafka/types';
import { RegisterCommand } from './commands';
import { inputLines } from './inputLines';
import { addConnectionOptions, ConnectionFlags, openCluster, parseWhole, runKafkaCommand, UsageError } from './kafkaConnection';

interface ProduceFlags extends ConnectionFlags {
  readonly topic: string;
  readonly key?: string;
  readonly header: string[];
  readonly value?: string;
  readonly file?: string;
  readonly partition?: string;
  readonly format: 'text' | 'json';
}

/** Lines per send when reading stdin: large enough for throughput, small enough to stream. */
const LINES_PER_BATCH = 5_000;

export const registerProduce: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommand inherits exitOverride, so misuse exits 2.
  const command = program
    .command('produce')
    .description('Send a message (--value or --file), or one message per line of stdin (bytes as given; empty lines skipped, as kcat does); prints partition and offset of each.')
    .requiredOption('--topic <name>', 'the topic')
    .option('--key <key>', 'message key')
    .option('--header <key=value>', 'a header; repeat for more', (value: string, all: string[]) => [...all, value], [])
    .addOption(new Option('--value <text>', 'the message value').conflicts('file'))
    .option('--file <path>', 'the message value: the whole file, bytes as they are')
    .option('--partition <p>', 'this partition instead of the one the key picks')
    .addOption(new Option('--format <format>', 'text, or json for one object per line').choices(['text', 'json']).default('text'));
  addConnectionOptions(command).action((flags: ProduceFlags) =>
    runKafkaCommand(setExitCode, async () => {
      const headers = parseHeaders(flags.header);
      const partition = parseWhole(flags.partition, '--partition', 0);
      const single = flags.file !== undefined ? await readValueFile(flags.file) : flags.value;
      const cluster = await openCluster(flags);
      try {
        const send = (values: readonly (string | Buffer)[]) =>
          cluster.produceMany(flags.topic, values.map((value) => ({ key: flags.key, value, headers, partition })));
        if (single !== undefined) print(await send([single]), flags.format);
        else await sendLines(send, flags.format);
      } finally {
        await cluster.disconnect();
      }
    }),
  );
};

async function sendLines(send: (values: readonly Buffer[]) => Promise<ProduceResult[]>, format: 'text' | 'json'): Promise<void> {
  let batch: Buffer[] = [];
  for await (const line of inputLines(process.stdin)) {
    batch.push(line);
    if (batch.length >= LINES_PER_BATCH) {
      print(await send(batch), format);
      batch = [];
    }
  }
  if (batch.length > 0) print(await send(batch), format);
}

function print(results: readonly ProduceResult[], format: 'text' | 'json'): void {
  const line = format === 'json'
    ? (r: ProduceResult) => `${JSON.stringify({ topic: r.topic, partition: r.partition, offset: r.offset })}\n`
    : (r: ProduceResult) => `partition ${r.partition} offset ${r.offset}\n`;
  process.stdout.write(results.map(line).join(''));
}

function parseHeaders(values: readonly string[]): KafkaHeaderValue[] {
  return values.map((text) => {
    const equals = text.indexOf('=');
    if (equals <= 0) throw new UsageError(`--header takes key=value, not "${text}"`);
    return { key: text.slice(0, equals), value: text.slice(equals + 1) };
  });
}

async function readValueFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
