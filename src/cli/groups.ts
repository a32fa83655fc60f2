// `upsun-kafka groups list|reset|delete`: consumer groups with their lag in messages and in
// time, resetting a group's offsets on a topic (a plan first, written only with --execute, as
// kafka-consumer-groups.sh does), deleting a group. The options live here; the bodies load with
// the Kafka client only when they run.

import { addConnectionOptions } from './connectionOptions';
import type { GroupsDeleteFlags, GroupsListFlags, GroupsResetFlags, RegisterCommand } from './contract';
import { addJsonOption, addPartitionOption } from './sharedOptions';

export const registerGroups: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: subcommands inherit exitOverride, so misuse exits 2.
  const groups = program.command('groups').description('Groups of every type (classic, consumer, share, streams): list them with their members and lag, reset their offsets, delete them.');
  const list = groups
    .command('list')
    .description('Every group with its type, state, members (client id, host, assignment), assignor, and per topic its lag in messages and in time (the age of the first record it has not consumed: the one at its committed offset, or the next message; with producer-set timestamps not always the oldest). Lag counts to the high watermark, as kafka-consumer-groups does; records an open transaction holds back are named.');
  addJsonOption(list, 'one JSON array, with the lag of every partition');
  addConnectionOptions(list).action(async (flags: GroupsListFlags) => (await import('./kafka')).groupsList(flags, setExitCode));

  const reset = groups
    .command('reset')
    .description('Reset the committed offsets of a group on a topic (of a share group: its start offsets, only --to-earliest, --to-latest or --to-time). Prints the plan per partition and changes nothing unless --execute is given. Kafka refuses while the group has members.')
    .requiredOption('--group <id>', 'the group')
    .requiredOption('--topic <name>', 'the topic')
    .option('--to-earliest', 'to the oldest offset still stored (low watermark)')
    .option('--to-latest', 'to the end (high watermark, past any open transaction, as kafka-consumer-groups): skip everything not yet consumed')
    .option('--to-time <iso>', 'to the first message at or after this time, e.g. 2026-01-31T12:00:00Z (the end when none is that new)')
    .option('--to-offset <n>', 'to this offset, kept within the low and high watermarks')
    .option('--shift-by <n>', 'move the committed offset by n (negative: back, e.g. --shift-by -100), kept within the watermarks');
  addPartitionOption(reset, 'only these partitions').option('--execute', 'write the new offsets (without it: only print the plan)');
  addJsonOption(reset, 'the plan as one JSON object');
  addConnectionOptions(reset).action(async (flags: GroupsResetFlags) => (await import('./kafka')).groupsReset(flags, setExitCode));

  const remove = groups
    .command('delete')
    .description('Delete a group of any type and its committed offsets (a share group: its start offsets; a streams group\'s internal topics stay). Kafka refuses while the group has members.')
    .requiredOption('--group <id>', 'the group');
  addConnectionOptions(remove).action(async (flags: GroupsDeleteFlags) => (await import('./kafka')).groupsDelete(flags, setExitCode));
};
