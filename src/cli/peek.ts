// `upsun-kafka peek`: the newest messages of a topic, as text for people or JSON lines for scripts.
// The command's options live here; its body loads with the Kafka client only when it runs.

import { Option } from 'commander';
import { addConnectionOptions } from './connectionOptions';
import type { PeekFlags, RegisterCommand } from './contract';
import { addSchemaOptions } from './schemaOptions';
import { addJsonOption, addPartitionOption } from './sharedOptions';

export const registerPeek: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommand inherits exitOverride, so misuse exits 2.
  const command = program
    .command('peek')
    .description('Print the newest messages of a topic, newest first, across all partitions. Reads only those messages and leaves no consumer group behind.')
    .requiredOption('--topic <name>', 'the topic')
    .option('-n, --count <n>', 'how many messages', '50');
  addPartitionOption(command, 'only these partitions')
    .addOption(new Option('--from-offset <offset>', 'the first messages from this offset on (per partition)').conflicts('fromTime'))
    .option('--from-time <iso>', 'the first messages at or after this time, e.g. 2026-01-31T12:00:00Z')
    .addOption(new Option('--format <format>', 'text for people (the default), json for one object per line').choices(['text', 'json']))
    .option('--stats', 'on stderr, what the peek read from the brokers to show its messages');
  addJsonOption(command, 'one JSON object per message, one per line: the same as --format json');
  addConnectionOptions(addSchemaOptions(command)).action(async (flags: PeekFlags) => (await import('./kafka')).peek(flags, setExitCode));
};
