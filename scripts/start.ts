// `npm start`: the extension in a browser-based VS Code (code-server) on the sample Upsun
// project, with a local Kafka broker already running and filled with demo data, the sample's
// backend producing to and consuming from it, and one URL to open. The editor gets the
// broker as an app container would, in PLATFORM_RELATIONSHIPS, so the explorer connects on open.
// Ctrl-C stops everything. The sample is copied once to `.cache/sample-project`, so edits
// made while trying the extension survive a restart and never touch the fixture in git.

import { existsSync } from 'fs';
import * as path from 'path';
import { ensureCodeServer, installExtensions, startCodeServer } from '../test/harness/codeServer';
import { demoRelationships, seedDemoData, startSampleBackend } from '../test/harness/demo';
import { KAFKA_BROKERS_ENV, startBroker } from '../test/harness/kafkaBroker';
import { PLATFORM_RELATIONSHIPS } from '../src/upsun/relationships';
import { packageExtension } from '../test/harness/packageExtension';
import { packageStartCompanion } from '../test/harness/startCompanion';
import { REPO_ROOT } from '../test/harness/paths';
import { freePorts, portIsFree } from '../test/harness/ports';
import { copySampleProject } from '../test/harness/sampleWorkspace';

const STATE = path.join(REPO_ROOT, '.cache', 'start');
const WORKSPACE = path.join(REPO_ROOT, '.cache', 'sample-project');
const DEFAULT_PORT = 8080;

function say(line: string): void {
  process.stderr.write(line + '\n');
}

async function main(): Promise<void> {
  await ensureCodeServer(say);
  say('Packaging the extension…');
  const extensionsDir = path.join(STATE, 'extensions');
  installExtensions([packageExtension(), packageStartCompanion(STATE)], extensionsDir);
  if (!existsSync(WORKSPACE)) copySampleProject(WORKSPACE);

  const given = process.env[KAFKA_BROKERS_ENV]?.trim();
  const broker = given ? undefined : await startBroker({ progress: say });
  const brokers = given ?? broker!.brokers;
  say('Adding the demo topics and consumer groups…');
  await seedDemoData(brokers.split(','));
  const backend = startSampleBackend(WORKSPACE, brokers.split(','), (text) => say(`[backend] ${text.trimEnd()}`));

  const wanted = Number(process.env.PORT) || DEFAULT_PORT;
  const port = (await portIsFree(wanted)) ? wanted : (await freePorts(1))[0];
  const server = await startCodeServer({
    workspace: WORKSPACE,
    extensionsDir,
    userDataDir: path.join(STATE, 'user-data'),
    env: { [KAFKA_BROKERS_ENV]: brokers, [PLATFORM_RELATIONSHIPS]: demoRelationships(brokers.split(',')) },
    // The sample sits inside this repository's checkout; VS Code would offer to open that.
    settings: { 'git.openRepositoryInParentFolders': 'never' },
    port,
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    // The backend leaves its consumer group while the broker still runs.
    if (backend.exitCode === null && backend.signalCode === null) {
      const exited = new Promise((resolve) => backend.once('exit', resolve));
      backend.kill('SIGTERM');
      await exited;
    }
    await server.stop();
    await broker?.stop();
    process.exit(0);
  };
  const stopNow = (): void => {
    stop().catch((error: unknown) => {
      say(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', stopNow);
  process.on('SIGTERM', stopNow);
  server.process.once('exit', (code) => {
    if (stopping) return;
    say(`code-server exited (code ${code}).`);
    stopNow();
  });

  say(`Kafka broker: ${KAFKA_BROKERS_ENV}=${brokers}${given ? ' (from the environment)' : ''}, given to the editor in ${PLATFORM_RELATIONSHIPS}`);
  say('The window opens on the Upsun Kafka view and .upsun/config.yaml, with the kafka service connected (upsunKafka.connection.autoConnect): topics orders, customers (compacted) and audit-log (gzip), groups analytics and order-processor.');
  say('First time? Help > Welcome > "Get started with Upsun Kafka Tools" walks through config, connect, peek and produce.');
  say(`Sample project: ${path.relative(process.cwd(), WORKSPACE)}`);
  say('Press Ctrl-C to stop.');
  process.stdout.write(`Open ${server.url}\n`);
}

main().catch((error: Error) => {
  say(error.message);
  process.exit(1);
});
