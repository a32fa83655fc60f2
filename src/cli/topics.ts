// `upsun-kafka topics config`: a topic's settings, readable for people or as JSON for scripts;
// `topics export|plan|apply|diff`: topics as code (docs/topics.md). The commands' options live
// here; their bodies load with the Kafka client only when they run.

import { addConnectionOptions } from './connectionOptions';
import { Option } from 'commander';
import type { RegisterCommand, TopicConfigFlags, TopicsApplyFlags, TopicsDiffFlags, TopicsExportFlags, TopicsPlanFlags, TopicUsageFlags } from './contract';
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

  const fileOptions = (command: ReturnType<typeof topics.command>) =>
    command
      .option('--file <path>', 'the topics file', 'kafka-topics.yaml')
      .option('--file-service <name>', "the service of the file whose topics apply (default: --service, or the file's only service)")
      .addOption(new Option('--environment-type <type>', 'whose overrides apply (default: the environment\'s type through --environment, or PLATFORM_ENVIRONMENT_TYPE in an app container)').choices(['production', 'staging', 'development']))
      .option('--prune', 'also delete the topics the file does not declare');
  const plan = fileOptions(topics.command('plan').description('Compare the topics file with the cluster and list what apply would change; changes nothing.'))
    .option('--detailed-exitcode', 'exit 3 when the plan has changes for apply to make (0: nothing to do, drift Kafka cannot undo included, which is reported; 1: failed; 2: misuse)');
  addJsonOption(plan, 'one JSON object: changes, impossible, undeclared, environmentType');
  addConnectionOptions(plan).action(async (flags: TopicsPlanFlags) => (await import('./kafka')).topicsPlan(flags, setExitCode));

  const apply = fileOptions(topics.command('apply').description('Make the cluster match the topics file: create topics, add partitions, set and reset settings (and delete with --prune).'));
  addJsonOption(apply, 'one JSON object: applied, failed, notApplied, impossible');
  addConnectionOptions(apply).action(async (flags: TopicsApplyFlags) => (await import('./kafka')).topicsApply(flags, setExitCode));

  const exported = topics
    .command('export')
    .description('Write a topics file from the cluster: its topics with partitions, replication factor and the settings set on them.')
    .option('--file-service <name>', 'the service name to declare the topics under (default: --service, else kafka)')
    .option('--output <path>', 'write the file here instead of standard output')
    .option('--force', 'with --output: replace a file that exists');
  addJsonOption(exported, 'the same topics as one JSON object instead of YAML');
  addConnectionOptions(exported).action(async (flags: TopicsExportFlags) => (await import('./kafka')).topicsExport(flags, setExitCode));

  const diff = topics
    .command('diff')
    .description('Compare two clusters: topics on one side only, partitions, replication, settings and consumer groups that differ.')
    .addOption(new Option('--against-environment <id>', 'the other side: the same --service on this environment, through a tunnel of its own').conflicts('againstBrokers'))
    .option('--against-brokers <host:port,...>', 'the other side: these bootstrap brokers');
  addJsonOption(diff, 'one JSON object: left, right, differences');
  addConnectionOptions(diff).action(async (flags: TopicsDiffFlags) => (await import('./kafka')).topicsDiff(flags, setExitCode));

  const usage = topics
    .command('usage')
    .description("Print the bytes each topic takes on the brokers' disks, largest first, and the service's disk: `disk:` on Platform.sh, `upsun resources:get` on Upsun (with --environment), else the broker's volume.");
  addJsonOption(usage, 'one JSON object: usedBytes, disk, topics (bytes per partition), brokers, problems');
  addConnectionOptions(usage).action(async (flags: TopicUsageFlags) => (await import('./kafka')).topicUsage(flags, setExitCode));
};
