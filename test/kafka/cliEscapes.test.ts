// What a broker or another client chose reaches the terminal escaped: a consumer group id and a
// member's client id (set by kafkajs' own consumer here, as any client may), record keys,
// values and headers holding ESC, C1 controls (U+009B is CSI) and bidirectional controls. The
// CLI runs as a process (dist/cli.js) and its exact output bytes are checked, text and JSON.

import * as assert from 'assert';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import type { Consumer } from 'kafkajs';
import { connectCluster } from '../../src/kafka/connect';
import type { KafkaCluster } from '../../src/kafka/types';
import { eventually } from '../harness/eventually';
import { testBrokers } from '../harness/kafkaBroker';
import { REPO_ROOT } from '../harness/paths';
import { NO_DUPLICATES, testKafka, uniqueName } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, PLATFORM_RELATIONSHIPS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

// eslint-disable-next-line no-control-regex -- what must never reach the terminal raw
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('the CLI escapes what brokers and other clients chose', function () {
  this.timeout(120_000);
  const brokers = testBrokers().join(',');
  const at = Date.UTC(2026, 0, 2, 3, 4, 5);
  let cluster: KafkaCluster;
  let topic: string;
  let idle: string;
  let group: string;
  let consumer: Consumer;
  // ESC then an OSC title, CSI as one C1 byte, NEL, and the bidi overrides and isolates.
  const hostile = '\u001b]0;pwned\u0007\u009b2J\u0085\u202e\u2066\u061c\u200f';
  const escaped = '\\x1b]0;pwned\\x07\\x9b2J\\x85\\u202e\\u2066\\u061c\\u200f';
  const jsonEscaped = '\\u001b]0;pwned\\u0007\\u009b2J\\u0085\\u202e\\u2066\\u061c\\u200f';
  // Without C0 controls, so the value reads as text and not as bytes shown in hex.
  const textual = '\u009b2J\u0085\u202e\u2066\u061c\u200f';
  const textualEscaped = '\\x9b2J\\x85\\u202e\\u2066\\u061c\\u200f';
  const textualJson = '\\u009b2J\\u0085\\u202e\\u2066\\u061c\\u200f';
  const hex = (text: string) => Buffer.from(text).toString('hex').replace(/(..)(?!$)/g, '$1 ');

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
    cluster = await connectCluster({ brokers: testBrokers() });
    topic = uniqueName('escapes');
    idle = uniqueName('escapes-idle');
    group = `${uniqueName('escapes')}${hostile}`;
    await cluster.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    await cluster.createTopic({ topic: idle, partitions: 1, replicationFactor: 1 });
    const producer = testKafka().producer(NO_DUPLICATES);
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: `k${hostile}`, value: `line one${textual}\nline two`, timestamp: String(at), headers: { [`h${hostile}`]: `v${textual}` } }] });
    } finally {
      await producer.disconnect();
    }
    // A member whose client id is hostile, in a group whose id is, on a topic with nothing to commit.
    consumer = testKafka({ clientId: `client${hostile}` }).consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic: idle });
    await consumer.run({ eachMessage: async () => undefined });
    await eventually('the hostile member to join', async () => ((await cluster.describeGroupMembers(group)).length === 1 ? true : undefined), 60_000);
  });

  after(async () => {
    await consumer?.disconnect();
    await cluster?.deleteConsumerGroup(group).catch(() => undefined);
    await cluster?.disconnect();
  });

  it('peek: key, value and headers, as text and as JSON', async () => {
    const text = await cli(['peek', '--brokers', brokers, '--topic', topic]);
    assert.strictEqual(text.code, 0, text.stderr);
    // A key with C0 controls is shown as its bytes in hex; text keeps its letters, its controls escaped.
    assert.strictEqual(text.stdout, `--- partition 0  offset 0  2026-01-02T03:04:05.000Z  key: ${hex(`k${hostile}`)}  headers: h${escaped}=v${textualEscaped}\nline one${textualEscaped}\nline two\n`);

    const json = await cli(['peek', '--brokers', brokers, '--topic', topic, '--format', 'json']);
    assert.strictEqual(json.code, 0, json.stderr);
    assert.strictEqual(
      json.stdout,
      `{"topic":"${topic}","partition":0,"offset":"0","timestamp":"2026-01-02T03:04:05.000Z","timestampMs":"${at}","key":"${Buffer.from(`k${hostile}`).toString('base64')}","keyEncoding":"base64",` +
        `"value":"line one${textualJson}\\nline two","valueEncoding":"utf8","headers":[{"key":"h${jsonEscaped}","value":"v${textualJson}","valueEncoding":"utf8"}]}\n`,
    );
    const parsed = JSON.parse(json.stdout) as { value: string; headers: { key: string }[] };
    assert.deepStrictEqual([parsed.value, parsed.headers[0].key], [`line one${textual}\nline two`, `h${hostile}`], 'the JSON still holds the exact text');
  });

  it('groups list: the group id as text and as JSON', async () => {
    const text = await cli(['groups', 'list', '--brokers', brokers]);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, RAW_CONTROL);
    const row = text.stdout.split('\n').find((line) => line.startsWith(group.slice(0, -hostile.length)));
    assert.match(row ?? '', new RegExp(`^${(group.slice(0, -hostile.length) + escaped).replace(/[\\[\]]/g, '\\$&')} +classic +Stable +1 +RoundRobinAssigner +- +- +-$`), text.stdout);
    // The members table: the client id a client chose, escaped as the group id is.
    assert.match(text.stdout, new RegExp(` client${escaped.replace(/[\\[\]]/g, '\\$&')} +/127\\.0\\.0\\.1 +${idle}:0\n`), text.stdout);

    const json = await cli(['groups', 'list', '--brokers', brokers, '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    assert.doesNotMatch(json.stdout, RAW_CONTROL);
    const ours = `{"groupId":"${group.slice(0, -hostile.length)}${jsonEscaped}","type":"classic","state":"Stable","members":1,`;
    assert.ok(json.stdout.includes(ours), json.stdout);
    assert.ok(json.stdout.includes(`"clientId":"client${jsonEscaped}"`), json.stdout);
  });

  it('groups reset: the plan and the active member\'s client id', async () => {
    const run = await cli(['groups', 'reset', '--brokers', brokers, '--group', group, '--topic', idle, '--to-earliest']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(
      run.stderr,
      `upsun-kafka: Could not apply this plan: group "${group.slice(0, -hostile.length)}${escaped}" has 1 active member (client${escaped} on /127.0.0.1), and Kafka only changes a group without members. Stop those clients, wait until the group shows Empty, then try again.\n`,
    );
    assert.strictEqual(run.stdout.split('\n')[0], `Group "${group.slice(0, -hostile.length)}${escaped}", topic "${idle}": reset to earliest`);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
  });

  it('an error that quotes a name', async () => {
    const run = await cli(['groups', 'delete', '--brokers', brokers, '--group', group]);
    assert.strictEqual(run.code, 1, run.stdout);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.ok(run.stderr.startsWith(`upsun-kafka: Could not delete group "${group.slice(0, -hostile.length)}${escaped}"`), run.stderr);
  });
});
