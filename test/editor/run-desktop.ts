// `npm run test:desktop`: the same editor suite in desktop VS Code through
// `@vscode/test-electron`, for machines that can download VS Code. The window checks and
// screenshots need the browser-driven runner (`npm run test:editor`) and are skipped here.

import { runTests } from '@vscode/test-electron';
import * as path from 'path';
import { brokerForTests, KAFKA_BROKERS_ENV } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { copySampleProject } from '../harness/sampleWorkspace';
import { reportLevel } from '../summary';

async function main(): Promise<void> {
  const workspace = copySampleProject();
  const broker = await brokerForTests();
  const exitCode = await runTests({
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'editor', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { [KAFKA_BROKERS_ENV]: broker.brokers },
  }).finally(() => broker.stop());
  process.exitCode = exitCode;
}

main().catch((error: Error) => {
  console.error(`The desktop editor tests could not run: ${error.message}`);
  reportLevel({ level: 'editor (desktop)', passed: 0, failed: 1 });
  process.exitCode = 1;
});
