// `upsun-kafka topics config`: a topic's settings, readable for people or as JSON for scripts.
// The command's options live here; its body loads with the Kafka client only when it runs.

import { RegisterCommand } from './commands';
import { addConnectionOptions, ConnectionFlags } from './connectionOptions';

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
};
