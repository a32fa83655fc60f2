// `upsun-kafka search`: the messages of a topic whose key, value or headers hold some text or
// match a regular expression, over the whole topic or a time range. The command's options
// live here; its body loads with the Kafka client only when it runs.

import { Option } from 'commander';
import { DEFAULT_MATCH_BUDGET_MS } from '../kafka/matchProtocol';
import { addConnectionOptions } from './connectionOptions';
import type { RegisterCommand, SearchFlags } from './contract';
import { addSchemaOptions } from './schemaOptions';
import { addJsonOption, addPartitionOption } from './sharedOptions';

export const registerSearch: RegisterCommand = (program, setExitCode) => {
  // program.command, not new Command: the subcommand inherits exitOverride, so misuse exits 2.
  const command = program
    .command('search')
    .description(
      'Find the messages of a topic whose key, value or headers hold some text (any case) or match a regular expression, reading the whole topic or a time range as a read_committed consumer would, with no consumer group. Prints the matches newest first; Ctrl+C stops and prints what was found.',
    )
    .requiredOption('--topic <name>', 'the topic')
    .addOption(new Option('--text <text>', 'text to find, in any case (see --case-sensitive)').conflicts('regex'))
    .option('--regex <pattern>', 'a JavaScript regular expression to match, case-sensitive (see --ignore-case)')
    .option('--in <fields>', 'where to look: key, value, headers (names and values), comma-separated', 'key,value,headers')
    .addOption(new Option('--case-sensitive', 'text: match the case as given').conflicts('ignoreCase'))
    .option('--ignore-case', 'regex: match in any case')
    .option('--from <iso>', 'only messages at or after this time, e.g. 2026-01-31T12:00:00Z')
    .option('--to <iso>', 'only messages before this time');
  addPartitionOption(command, 'only these partitions')
    .option('--limit <n>', 'stop after this many matches', '100')
    .option('--match-budget <ms>', `the longest the pattern may take on one message (default ${DEFAULT_MATCH_BUDGET_MS}); past it the search stops and names the message`)
    .addOption(new Option('--format <format>', 'text for people (the default), json for one object per line').choices(['text', 'json']));
  addJsonOption(command, 'one JSON object per match, one per line: the same as --format json');
  addConnectionOptions(addSchemaOptions(command)).action(async (flags: SearchFlags) => (await import('./kafka')).search(flags, setExitCode));
};
