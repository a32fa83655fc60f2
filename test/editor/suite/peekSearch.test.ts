// Searching the topic from the message view, as a person does it: type, pick, click Search,
// watch the progress bar, Cancel; then a search that finds messages in keys and headers.
// The slow search is a regular expression that backtracks on every value ((a+)+b on a run of
// a's; only the header value "abc" matches it): the kind of search that makes progress and Cancel matter.
// Last, a value that ^(a+)+$ backtracks on for hours: the search stops at it and says so, and
// with the budget raised, the editor answers while it runs and Cancel stops it.

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { KafkaCluster } from '../../../src/kafka/types';
import { eventually } from '../../harness/eventually';
import { eventuallyShown, readPeekView } from './peekPage';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'upsun-kafka-tools.upsun-kafka-tools';
const TOPIC = `search-${Date.now().toString(36)}`;
/** Values the slow pattern backtracks on; each its own batch, so progress moves between them. */
const SLOW_VALUES = 400;
/** Each value above takes about 0.8 s: far more than the default budget per message. */
const SLOW_BUDGET_MS = 10_000;
const HOURS_TOPIC = `search-hours-${Date.now().toString(36)}`;
/** ^(a+)+$ tries every way to split the a's: 2^40 of them, hours. */
const HOURS_VALUE = `${'a'.repeat(40)}!`;

describe('searching the topic in the message view', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let key: string;
  let cluster: KafkaCluster;
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const settingsOfFolder = () => vscode.workspace.getConfiguration('upsunKafka', vscode.workspace.workspaceFolders![0].uri);
  const setBudget = (ms: number | undefined) => vscode.workspace.getConfiguration('upsunKafka').update('search.matchBudgetMs', ms, vscode.ConfigurationTarget.Global);

  before(async () => {
    assert.ok(brokers, 'KAFKA_BROKERS is not set in the extension host');
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    key = (await eventually('the sample project\'s kafka service', async () => api.liveKafka.connections.services().find((s) => s.service.name === 'kafka'))).key;
    await settingsOfFolder().update('connections', { kafka: { brokers: brokers.split(',') } }, vscode.ConfigurationTarget.WorkspaceFolder);
    const connected = await api.liveKafka.connections.connectKey(key);
    assert.ok(connected, `not connected: ${api.liveKafka.connections.statusOf(key).message}`);
    cluster = connected;
    await cluster.createTopic({ topic: TOPIC, partitions: 2, replicationFactor: 1 });
    await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === TOPIC) ? true : undefined));
    await cluster.produce({ topic: TOPIC, partition: 0, key: 'order-7', value: '{"status":"paid"}', headers: [{ key: 'trace', value: 'abc' }] });
    await cluster.produce({ topic: TOPIC, partition: 1, key: 'other', value: 'nothing', headers: [{ key: 'source', value: 'ORDER-service' }] });
    // (a+)+b backtracks 2^n steps on n a's without a b: at n = 23 a value takes about 0.8 s here,
    // so the whole search lasts minutes and Cancel lands while it runs (the engine yields
    // between records). At n = 19 a machine with nothing else running finished first.
    for (let i = 0; i < SLOW_VALUES; i++) await cluster.produce({ topic: TOPIC, partition: i % 2, value: `${'a'.repeat(23)}!` });
    await setBudget(SLOW_BUDGET_MS);
  });

  after(async () => {
    await setBudget(undefined);
    await settingsOfFolder().update('connections', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  it('shows a search in progress with its progress bar, and Cancel stops it', async () => {
    await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: TOPIC });
    await eventuallyShown('the message view to load', TOPIC, (view) => (view.rows.length > 0 ? true : undefined));
    await readPeekView(TOPIC, [
      { kind: 'fill', selector: '#searchText', text: '(a+)+b' },
      { kind: 'select', selector: '#searchKind', value: 'regex' },
      { kind: 'click', selector: '#searchRun' },
    ]);
    const running = await eventuallyShown('the search to show its progress', TOPIC, ({ search }) => (search?.cancellable && search.value > 0 && search.value < search.max ? search : undefined));
    assert.strictEqual(running.max, SLOW_VALUES + 2);
    assert.match(running.status, /^Searching for \/\(a\+\)\+b\/: [\d,]+ of 402 messages \(\d+%\) · [01] match(es)?$/);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-search-progress');
    await readPeekView(TOPIC, [{ kind: 'click', selector: '#searchCancel' }]);
    const cancelled = await eventuallyShown('the search to stop', TOPIC, ({ search }) => (search && !search.cancellable ? search : undefined));
    assert.match(cancelled.status, /^\/\(a\+\)\+b\/: [01] match(es)? in [\d,]+ of 402 messages · cancelled$/);
    assert.ok(cancelled.value < cancelled.max, `read ${cancelled.value} of ${cancelled.max}`);
  });

  it('lists the matches in keys and headers, any case, in place of the loaded messages', async () => {
    const view = await readPeekView(TOPIC, [
      { kind: 'select', selector: '#searchKind', value: 'text' },
      { kind: 'fill', selector: '#searchText', text: 'order' },
      { kind: 'click', selector: '#searchRun' },
    ]);
    assert.ok(view);
    const done = await eventuallyShown('the search to end', TOPIC, (shown) => (shown.search && !shown.search.cancellable ? shown : undefined));
    assert.strictEqual(done.search?.status, '"order": 2 matches in 402 messages · searched the whole range');
    assert.strictEqual(done.search?.value, 402);
    assert.deepStrictEqual(done.rows.map((r) => [r.partition, r.key, r.headers]).sort(), [['0', 'order-7', 'trace=abc'], ['1', 'other', 'source=ORDER-service']]);
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('peek-search-results');
    const back = await readPeekView(TOPIC, [{ kind: 'click', selector: '#searchClose' }]);
    assert.ok(back);
    const loaded = await eventuallyShown('the loaded messages to come back', TOPIC, (shown) => (!shown.search ? shown : undefined));
    assert.strictEqual(loaded.rows.length, 50);
  });

  it('says what is wrong with a search instead of running it, and drops the last search', async () => {
    await readPeekView(TOPIC, [
      { kind: 'select', selector: '#searchKind', value: 'text' },
      { kind: 'fill', selector: '#searchText', text: 'order' },
      { kind: 'click', selector: '#searchRun' },
    ]);
    await eventuallyShown('the first search to end', TOPIC, (shown) => (shown.search && !shown.search.cancellable && shown.rows.length === 2 ? shown : undefined));
    await readPeekView(TOPIC, [
      { kind: 'select', selector: '#searchKind', value: 'regex' },
      { kind: 'fill', selector: '#searchText', text: '(' },
      { kind: 'click', selector: '#searchRun' },
    ]);
    const shown = await eventuallyShown('the error', TOPIC, (view) => (view.error ? view : undefined));
    assert.match(shown.error, /^"\(" is not a regular expression: /);
    // Not the first search's status line and matches under an error about the second.
    assert.strictEqual(shown.search, undefined);
    assert.strictEqual(shown.rows.length, 50);
  });

  describe('a value the pattern backtracks on for hours', () => {
    let hours: { partition: number; offset: string };

    before(async () => {
      await cluster.createTopic({ topic: HOURS_TOPIC, partitions: 1, replicationFactor: 1 });
      await eventually('the new topic to be listed', async () => ((await cluster.listTopics()).some((t) => t.name === HOURS_TOPIC) ? true : undefined));
      await cluster.produce({ topic: HOURS_TOPIC, partition: 0, value: 'aaaa' });
      hours = await cluster.produce({ topic: HOURS_TOPIC, partition: 0, value: HOURS_VALUE });
      await cluster.produce({ topic: HOURS_TOPIC, partition: 0, value: 'after' });
      await vscode.commands.executeCommand('upsunKafka.peek', { serviceKey: key, topic: HOURS_TOPIC });
      await eventuallyShown('the message view to load', HOURS_TOPIC, (view) => (view.rows.length === 3 ? true : undefined));
    });

    const search = () =>
      readPeekView(HOURS_TOPIC, [
        { kind: 'select', selector: '#searchKind', value: 'regex' },
        { kind: 'fill', selector: '#searchText', text: '^(a+)+$' },
        { kind: 'click', selector: '#searchRun' },
      ]);

    it('stops at the message over the budget and says which one, the pattern and what to do', async () => {
      await setBudget(undefined);
      await search();
      const shown = await eventuallyShown('the error', HOURS_TOPIC, (view) => (view.error ? view : undefined));
      assert.strictEqual(
        shown.error,
        `Could not search topic "${HOURS_TOPIC}": the regular expression /^(a+)+$/ took longer than 100 ms on the message at partition ${hours.partition}, offset ${hours.offset}, so the search stopped there. Simplify the pattern: nested or overlapping repeats such as (a+)+ or (a|a)* take time that doubles with each character of a value that almost matches, or allow more time per message (upsun-kafka search --match-budget, setting upsunKafka.search.matchBudgetMs).`,
      );
    });

    it('with the budget raised, leaves the editor answering while it runs, and Cancel stops it', async () => {
      await setBudget(60_000);
      const cpu = process.cpuUsage();
      await search();
      await eventuallyShown('the search to run', HOURS_TOPIC, ({ search }) => (search?.cancellable ? search : undefined));
      // A second of CPU in this process since: the matching thread is deep in the slow value.
      // Were it matching on this thread, this poll and every command would wait for hours.
      await eventually('the search to be a second of CPU into the slow value', async () => (process.cpuUsage(cpu).user >= 1_000_000 ? true : undefined), 60_000);
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('upsunKafka.peek'));
      await vscode.commands.executeCommand('upsunKafka.refresh');
      const running = await readPeekView(HOURS_TOPIC);
      assert.ok(running?.search?.cancellable, `the search is not running: ${running?.search?.status}`);
      await readPeekView(HOURS_TOPIC, [{ kind: 'click', selector: '#searchCancel' }]);
      const cancelled = await eventuallyShown('the search to stop', HOURS_TOPIC, ({ search }) => (search && !search.cancellable ? search : undefined), 10_000);
      assert.match(cancelled.status, /^\/\^\(a\+\)\+\$\/: [01] match(es)? in [0-3] of 3 messages · cancelled$/);
    });
  });
});
