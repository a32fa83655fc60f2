// `npm run kafka`: a local Apache Kafka broker alone, for trying the extension or the CLI by hand.
// Prints exactly one line on stdout, `KAFKA_BROKERS=127.0.0.1:PORT`, once the broker accepts
// requests, so a script can wait for it; progress goes to stderr. Ctrl-C or SIGTERM stops the
// broker, removes its folder and exits 0.

import { KAFKA_BROKERS_ENV, startBroker } from '../test/harness/kafkaBroker';

function say(line: string): void {
  process.stderr.write(line + '\n');
}

async function main(): Promise<void> {
  const broker = await startBroker({
    progress: say,
    onUnexpectedExit: (error) => {
      say(error.message);
      process.exit(1);
    },
  });
  say(`Broker log: ${broker.logFile}`);
  process.stdout.write(`${KAFKA_BROKERS_ENV}=${broker.brokers}\n`);
  say('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    say('Stopping the Kafka broker…');
    broker.stop().then(
      () => {
        say('Stopped.');
        process.exitCode = 0;
      },
      (error: Error) => {
        say(`Could not stop the broker cleanly: ${error.message}`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  say(error.message);
  process.exitCode = 1;
});
