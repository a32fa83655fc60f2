// `upsun-kafka produce`: one message from --value or --file, or one per line of stdin, sent in
// batches; prints where each message went. The command's options live here; its body loads
// with the Kafka client only when it runs.

import { Option } from 'commander';
import { RegisterCommand } from './commands';
import { addConnectionOptions, ConnectionFlags } from './connectionOptions';
import { addSchemaOptions, SchemaFlags } from './schemaOptions';

export interface ProduceFlags extends ConnectionFlags, SchemaFlags {
  readonly topic: string;
  readonly key?: string;
  readonly header: string[];
  readonly value?: string;
  readonly file?: string;
  readonly partition?: string;
  readonly format: 'text' | 'json';
}

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
  addConnectionOptions(addSchemaOptions(command, 'write')).action(async (flags: ProduceFlags) => (await import('./kafka')).produce(flags, setExitCode));
};
