// `upsun-kafka topics config`: a topic's settings, readable for people or as JSON for scripts.
// The command's options live here; its body loads with the Kafka client only when it runs.

import { addConnectionOptions } from './connectionOptions';
import type { RegisterCommand, TopicConfigFlags } from './contract';
import { addJsonOption } from './sharedOptions';

export const registerTopics: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommands inherit exitOverride, so misuse exits 2.
  const topics = program.command('topics').description('Topic operations.');
  const config = topics
    .command('config')
    .description("Print a topic's settings: those set on the topic first, then the defaults, each with its value in readable units and where it comes from.")
    .requiredOption('--topic <name>', 'the topic');
  addJsonOption(config, 'one JSON array: name, value (raw), readable, source, readOnly, sensitive, type');
  addConnectionOptions(config).action(async (flags: TopicConfigFlags) => (await import('./kafka')).topicConfig(flags, setExitCode));
};
