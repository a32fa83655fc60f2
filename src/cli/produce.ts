// `upsun-kafka produce`: one message from --value or --file, or one per line of stdin, sent in
// batches; prints where each message went. The command's options live here; its body loads
// with the Kafka client only when it runs.

import { Option } from 'commander';
import { addConnectionOptions } from './connectionOptions';
import type { ProduceFlags, RegisterCommand } from './contract';
import { addSchemaOptions } from './schemaOptions';
import { addJsonOption, addPartitionOption } from './sharedOptions';

export const registerProduce: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommand inherits exitOverride, so misuse exits 2.
  const command = program
    .command('produce')
    .description('Send a message (--value or --file), or one message per line of stdin (bytes as given; empty lines skipped, as kcat does); prints partition and offset of each.')
    .requiredOption('--topic <name>', 'the topic')
    .option('--key <key>', 'message key')
    .option('--header <key=value>', 'a header; repeat for more', (value: string, all: string[]) => [...all, value], [])
    .addOption(new Option('--value <text>', 'the message value').conflicts('file'))
    .option('--file <path>', 'the message value: the whole file, bytes as they are');
  addPartitionOption(command, 'the partition to send to (one: a message goes to one partition)', 'one')
    .addOption(new Option('--format <format>', 'text (the default), or json for one object per line').choices(['text', 'json']));
  addJsonOption(command, 'one JSON object per message sent (topic, partition, offset): the same as --format json');
  addConnectionOptions(addSchemaOptions(command, 'write')).action(async (flags: ProduceFlags) => (await import('./kafka')).produce(flags, setExitCode));
};
