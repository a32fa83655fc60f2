// `upsun-kafka topics config`: a topic's settings, readable for people or as JSON for scripts.
// The command's options live here; its body loads with the Kafka client only when it runs.

import { RegisterCommand } from './commands';
import { addConnectionOptions, ConnectionFlags } from './connectionOptions';
import type { TopicUsageFlags } from './kafka/topicUsage';

export interface TopicConfigFlags extends ConnectionFlags {
  readonly topic: string;
  readonly json?: boolean;
}

export const registerTopics: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommands inherit exitOverride, so misuse exits 2.
  const topics = program.command('topics').description('Topic operations.');
  const config = topics
    .command('config')
    .description("Print a topic's settings: those set on the topic first, then the defaults, each with its value in readable units and where it comes from.")
    .requiredOption('--topic <name>', 'the topic')
    .option('--json', 'one JSON array: name, value (raw), readable, source, readOnly, sensitive, type');
  addConnectionOptions(config).action(async (flags: TopicConfigFlags) => (await import('./kafka')).topicConfig(flags, setExitCode));
  const usage = topics
    .command('usage')
    .description("Print the bytes each topic takes on the brokers' disks, largest first, and the service's disk: `disk:` on Platform.sh, `upsun resources:get` on Upsun (with --environment), else the broker's volume.")
    .option('--json', 'one JSON object: usedBytes, disk, topics (bytes per partition), brokers, problems');
  addConnectionOptions(usage).action(async (flags: TopicUsageFlags) => (await import('./kafka')).topicUsage(flags, setExitCode));
};
