// `npm run test:kafka`: the tests against a real Apache Kafka broker, started here unless
// KAFKA_BROKERS names one already running. The broker is stopped whatever the tests do.

import { brokerForTests, KAFKA_BROKERS_ENV } from '../harness/kafkaBroker';
import { runMochaLevel } from '../mochaRun';

async function main(): Promise<number> {
  const broker = await brokerForTests();
  if (broker.external) console.log(`Using the Kafka broker at ${broker.brokers} (${KAFKA_BROKERS_ENV})`);
  process.env[KAFKA_BROKERS_ENV] = broker.brokers;
  try {
    return await runMochaLevel({ level: 'kafka', dir: 'out/test/kafka', timeoutMs: 60_000 });
  } finally {
    await broker.stop();
  }
}

main().then(
  (failures) => {
    process.exitCode = failures > 0 ? 1 : 0;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
