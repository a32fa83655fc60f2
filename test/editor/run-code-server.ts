// `npm run test:editor`: installs the packaged extension into a real VS Code (code-server),
// opens a copy of the sample Upsun project in Debian's Chromium, lets the suite run inside
// the extension host, takes the screenshots it asks for, and checks what the window shows.

import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { answerPeekPageQueries } from './peekPage';
import { brokerForTests, KAFKA_BROKERS_ENV, startBroker } from '../harness/kafkaBroker';
import { createStandIn } from '../harness/upsunStandIn';
import { ensureCodeServer, installExtensions, startCodeServer } from '../harness/codeServer';
import { packageHarnessExtension } from '../harness/harnessExtension';
import { packageExtension } from '../harness/packageExtension';
import { REPO_ROOT, TEST_RESULTS } from '../harness/paths';
import { copySampleProject } from '../harness/sampleWorkspace';
import { reportLevel } from '../summary';
import { EDITOR_GREP_ENV, failedOutcome, formatOutcomes, RESULTS_FILE_ENV, SCREENSHOT_DIR_ENV, SuiteResult, TestOutcome } from './protocol';

/** Cold start of code-server, the workbench and the extension host on 2 cores, plus the suite. */
const SUITE_TIMEOUT_MS = 10 * 60_000;

const log = (line: string) => console.log(`[editor] ${line}`);

/** The screenshots the README shows: copied from a whole green run, so they show what ships. */
const README_SCREENSHOTS = ['diagnostic', 'hover', 'explorer-demo', 'peek-view', 'environment-pick'];

function refreshReadmeScreenshots(): void {
  const dir = path.join(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  for (const name of README_SCREENSHOTS) {
    const shot = path.join(TEST_RESULTS, `${name}.png`);
    if (existsSync(shot)) copyFileSync(shot, path.join(dir, `${name}.png`));
  }
  log(`README screenshots refreshed in ${path.relative(process.cwd(), dir)} (commit them if they changed)`);
}

async function serveScreenshots(page: Page, requestDir: string): Promise<void> {
  for (const file of readdirSync(requestDir).filter((f) => f.endsWith('.request'))) {
    const name = file.slice(0, -'.request'.length);
    const { expand = [] } = JSON.parse(readFileSync(path.join(requestDir, file), 'utf8') || '{}') as { expand?: string[] };
    rmSync(path.join(requestDir, file));
    for (const label of expand) {
      const row = page.locator('.monaco-list-row[aria-expanded="false"]', { hasText: label }).first();
      await row.click({ timeout: 10_000 }).catch((error: Error) => log(`screenshot ${name}: could not open "${label}": ${error.message}`));
    }
    const target = path.join(TEST_RESULTS, `${name}.png`);
    // Let the workbench finish the layout the test just triggered.
    await page.waitForTimeout(300);
    await page.screenshot({ path: target });
    log(`screenshot ${path.relative(process.cwd(), target)}`);
    writeFileSync(path.join(requestDir, `${name}.done`), '');
  }
}

async function waitForSuite(page: Page, resultsFile: string, requestDir: string): Promise<SuiteResult> {
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  while (!existsSync(resultsFile)) {
    if (Date.now() > deadline) throw new Error(`The editor suite reported nothing within ${SUITE_TIMEOUT_MS / 60_000} min; see test-results/code-server.log.`);
    await serveScreenshots(page, requestDir);
    await answerPeekPageQueries(page, requestDir);
    await page.waitForTimeout(200);
  }
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResult;
}

/** Checks of what a person sees, which the `vscode` API cannot tell. */
async function checkWindow(page: Page): Promise<TestOutcome[]> {
  const checks: [string, () => Promise<void>][] = [
    [
      'window: the activity bar has the Upsun Kafka view container',
      async () => {
        await page.locator('.activitybar [aria-label^="Upsun Kafka"]').first().waitFor({ timeout: 15_000 });
      },
    ],
    [
      'window: the Services view lists the sample project\'s kafka service',
      async () => {
        // A container with one view shows its title as "Upsun Kafka: Services".
        await page.locator('.sidebar .composite.title', { hasText: /Upsun Kafka.*Services/ }).first().waitFor({ timeout: 15_000 });
        const view = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Services' }) });
        await view.locator('.monaco-list-row', { hasText: 'kafka' }).first().waitFor({ timeout: 15_000 });
      },
    ],
    [
      'window: the Upsun Kafka Output channel says the extension activated',
      // Monaco renders spaces as no-break spaces, which \s matches and ' ' does not.
      async () => {
        // Suites log after activation, so the line may have scrolled away: filter the channel
        // to it, as a person would.
        await page.locator('.part.panel input[placeholder^="Filter"]').first().fill('activated');
        const line = page.locator('.part.panel .view-lines', { hasText: /Upsun\s+Kafka\s+Tools\s+\d+\.\d+\.\d+\s+activated\s+in\s+\d+\s+ms/ }).first();
        await line.waitFor({ timeout: 15_000 });
        // Reported, not asserted: speed belongs to bench/, and this machine's load varies.
        const ms = /activated\s+in\s+(\d+)\s+ms/.exec((await line.textContent()) ?? '')?.[1];
        log(`activation took ${ms} ms (activate() start to end, from the Output channel)`);
      },
    ],
    [
      'window: a peek opened a message view tab',
      async () => {
        await page.locator('.tabs-container .tab', { hasText: /orders-.*· kafka/ }).first().waitFor({ timeout: 15_000 });
      },
    ],
  ];
  const outcomes: TestOutcome[] = [];
  for (const [title, check] of checks) {
    const started = Date.now();
    try {
      await check();
      outcomes.push({ title, state: 'passed', durationMs: Date.now() - started });
    } catch (error) {
      outcomes.push({ title, state: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

async function main(): Promise<number> {
  mkdirSync(TEST_RESULTS, { recursive: true });
  const serverLog = path.join(TEST_RESULTS, 'code-server.log');
  writeFileSync(serverLog, '');
  ensureCodeServer(log);
  log('packaging the extension…');
  const vsix = packageExtension();

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-editor-'));
  const extensionsDir = path.join(tmp, 'extensions');
  const requestDir = path.join(tmp, 'screenshots');
  const resultsFile = path.join(tmp, 'results.json');
  mkdirSync(requestDir);
  installExtensions([vsix, packageHarnessExtension(tmp)], extensionsDir);
  const workspace = copySampleProject(path.join(tmp, 'sample-project'));
  // Suites that connect (explorer, peek, produce) read the broker from KAFKA_BROKERS.
  const broker = await brokerForTests({ progress: log });
  // "Connect to Environment…": a broker reachable only through the stand-in upsun's tunnel,
  // advertising what an Upsun Kafka service advertises; the workspace is linked to its project.
  const tunnelBroker = await startBroker({ advertisedHost: 'kafka.internal', advertisedPort: 9092, progress: log });
  const standIn = createStandIn({ target: tunnelBroker.brokers, projectDir: workspace });

  const server = await startCodeServer({
    workspace,
    extensionsDir,
    userDataDir: path.join(tmp, 'user-data'),
    env: {
      [RESULTS_FILE_ENV]: resultsFile,
      [SCREENSHOT_DIR_ENV]: requestDir,
      [KAFKA_BROKERS_ENV]: broker.brokers,
      ...standIn.env,
      ...(process.env[EDITOR_GREP_ENV] ? { [EDITOR_GREP_ENV]: process.env[EDITOR_GREP_ENV] } : {}),
    },
    onOutput: (chunk) => appendFileSync(serverLog, chunk),
  });
  log(`code-server at ${server.url}`);
  const browser = await launchChromium();
  let outcomes: TestOutcome[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => appendFileSync(serverLog, `[page error] ${error.message}\n`));
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const suite = await waitForSuite(page, resultsFile, requestDir);
    // A targeted run (EDITOR_GREP_ENV, never set in CI) leaves out the tests these checks follow.
    const grep = process.env[EDITOR_GREP_ENV];
    const windowChecks = grep ? [{ title: `window checks (not run: ${EDITOR_GREP_ENV}=${grep})`, state: 'pending' as const }] : await checkWindow(page);
    outcomes = [...suite.tests, ...windowChecks];
    await page.screenshot({ path: path.join(TEST_RESULTS, 'window.png') });
  } catch (error) {
    outcomes.push(failedOutcome('editor harness', error));
  } finally {
    await browser.close();
    await server.stop();
    await broker.stop();
    await tunnelBroker.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(formatOutcomes(outcomes));
  const failed = outcomes.filter((t) => t.state === 'failed').length;
  if (failed === 0 && !process.env.CI && !process.env[EDITOR_GREP_ENV] && !process.env.EDITOR_SUITES) refreshReadmeScreenshots();
  reportLevel({ level: 'editor', passed: outcomes.filter((t) => t.state === 'passed').length, failed });
  return failed;
}

main().then(
  (failed) => (process.exitCode = failed > 0 ? 1 : 0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    reportLevel({ level: 'editor', passed: 0, failed: 1 });
    process.exitCode = 1;
  },
);
