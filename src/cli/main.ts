// Entry of `upsun-kafka`: parses the command line and hands off to one module per command.
// Exit status: see exitCodes.ts (0 success, 1 the command found problems or failed, 2 bad usage).

import { Command, CommanderError } from 'commander';
import { commands } from './commands';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { terminalText } from './terminalText';
import { describeError } from '../text/error';
import { version } from '../../package.json';

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('upsun-kafka')
    .description('Lint Upsun / Platform.sh config, peek at and produce to Kafka topics, list, reset and delete consumer groups.')
    .version(version)
    .showHelpAfterError('(run upsun-kafka --help for usage)')
    .exitOverride();
  let status = EXIT_OK;
  for (const register of commands) register(program, (code) => (status = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`upsun-kafka: ${terminalText(describeError(error), { keepNewlines: true })}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
