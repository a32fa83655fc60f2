import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../mochaRun';

/** `upsun-kafka produce --file FILE` to a port nothing listens on: only what happens before connecting. */
function produceFile(file: string) {
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'produce', '--brokers', '127.0.0.1:9', '--topic', 't', '--file', file], { encoding: 'utf8', timeout: 60_000 });
}

describe('upsun-kafka produce --file: a bounded read', function () {
  this.timeout(120_000);

  it('stops reading /dev/zero at 64 MiB and says why (exit 2), before it connects', () => {
    const run = produceFile('/dev/zero');
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(run.stderr, 'upsun-kafka: --file /dev/zero holds more than 64 MiB, more than a Kafka message can be (a broker takes 1 MiB unless its message.max.bytes or the topic\'s max.message.bytes says more): send a smaller file\n');
  });

  it('names a folder as a folder (exit 2)', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-produce-'));
    const run = produceFile(folder);
    assert.strictEqual(run.status, 2, run.stderr);
    assert.strictEqual(run.stderr, `upsun-kafka: --file ${folder} is a folder: name a file\n`);
  });
});
