// The service's disk: Platform.sh's `disk:` from the config model, Upsun's from the stand-in
// `upsun resources:get` (its CSV, its messages and exit codes, from upsun/cli's
// ResourcesGetCommand.php), and the service row's words and warning levels.

import * as assert from 'assert';
import { declaredDisk, diskLevel, diskText } from '../../src/health/serviceDisk';
import { LocatedCli, parseServiceDisk, resourcesGetArgs, serviceDiskMb, UpsunError } from '../../src/upsun';
import { MIB } from '../../src/text/bytes';
import { createStandIn, STAND_IN, StandIn, useEnv } from '../harness/upsunStandIn';
import { modelOf } from './helpers';

const CLI: LocatedCli = { name: 'upsun', file: STAND_IN };

describe('service disk: Platform.sh disk:', () => {
  it('reads disk: in MB from .platform/services.yaml, and says why when it is missing or not a size', () => {
    const model = (text: string) => modelOf(text, 'platform-services', '/p/.platform/services.yaml');
    assert.deepStrictEqual(declaredDisk(model('kafka:\n  type: kafka:3.7\n  disk: 512\n'), 'kafka'), { bytes: 512 * MIB, source: '.platform/services.yaml' });
    assert.deepStrictEqual(declaredDisk(model('kafka:\n  type: kafka:3.7\n'), 'kafka'), { bytes: null, why: '.platform/services.yaml gives "kafka" no disk:' });
    for (const bad of ['"512"', '-1', '1.5', '99999999999', '[512]']) {
      assert.deepStrictEqual(declaredDisk(model(`kafka:\n  type: kafka:3.7\n  disk: ${bad}\n`), 'kafka'), { bytes: null, why: '.platform/services.yaml gives "kafka" a disk: that is not a size in MB' }, bad);
    }
    assert.strictEqual(declaredDisk(modelOf('services:\n  kafka:\n    type: kafka:4.1\n'), 'kafka'), undefined, 'Upsun: the disk is a resource');
  });
});

describe('service disk: Upsun resources:get', function () {
  this.timeout(30_000);
  let standIn: StandIn;
  let restore: () => void;
  const start = (options: Parameters<typeof createStandIn>[0] = {}) => {
    standIn = createStandIn(options);
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: undefined });
  };
  afterEach(() => restore?.());
  const read = (environment = 'staging', service = 'kafka') => serviceDiskMb(CLI, environment, service, { cwd: standIn.projectDir, timeoutMs: 20_000 });

  it('reads the service row of the CSV, running exactly the arguments documented', async () => {
    start({ services: { kafka: { type: 'kafka:4.1', disk: 2048 }, 'kafka-2': { type: 'kafka:4.1', disk: 512 } } });
    assert.strictEqual(await read(), 2048);
    assert.deepStrictEqual(standIn.calls().at(-1), resourcesGetArgs('staging', 'kafka'));
    assert.deepStrictEqual(resourcesGetArgs('staging', 'kafka'), ['resources:get', '--environment=staging', '--service=kafka', '--format', 'csv', '--columns', 'service,disk', '--no-header', '--no-interaction']);
  });

  it('a disk not set yet is null; no flexible resources, an inactive environment, a missing service, not logged in: each says why', async () => {
    start({ services: { kafka: { type: 'kafka:4.1', disk: null } } });
    assert.strictEqual(await read(), null);
    await assert.rejects(read('old-idea'), (e: unknown) => e instanceof UpsunError && e.kind === 'environment-inactive' && /not active, so upsun cannot read its resources/.test(e.message));
    await assert.rejects(read('staging', 'queue'), (e: unknown) => e instanceof UpsunError && /no service named "queue"/.test(e.message));
    restore();
    start({ sizing: false });
    await assert.rejects(read(), (e: unknown) => e instanceof UpsunError && /no flexible resources \(a Platform\.sh project\)/.test(e.message));
    restore();
    start();
    restore = useEnv({ ...standIn.env, UPSUN_STANDIN_FAIL: 'not-logged-in' });
    await assert.rejects(read(), (e: unknown) => e instanceof UpsunError && e.kind === 'not-logged-in');
  });

  it('refuses a disk cell that is not a size, and output without the row', () => {
    const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
    for (const cell of ['abc', '-5', '0', '1e9', '99999999999']) {
      assert.throws(() => parseServiceDisk('upsun', 'kafka', ok(`kafka,${cell}\n`)), /not a size in MB/, cell);
    }
    assert.throws(() => parseServiceDisk('upsun', 'kafka', ok('backend,\n')), /no row for the service "kafka"/);
    assert.throws(() => parseServiceDisk('upsun', 'kafka', ok('"kafka,512\n')), /something other than CSV/);
  });
});

describe('service disk: the row', () => {
  it('says used of size with a whole percent, and warns at 80% and 95% (or the thresholds given)', () => {
    assert.strictEqual(diskText(312 * MIB, { bytes: 512 * MIB, source: 'x' }), 'disk 312 MiB of 512 MiB (61%)');
    assert.strictEqual(diskText(511.9 * MIB, { bytes: 512 * MIB, source: 'x' }), 'disk 511 MiB of 512 MiB (99%)');
    assert.strictEqual(diskText(312 * MIB, { bytes: null, why: 'x' }), 'disk 312 MiB used (size unknown)');
    assert.deepStrictEqual([79, 80, 94.9, 95].map((p) => diskLevel(p, 100)), ['ok', 'warning', 'warning', 'critical']);
    assert.strictEqual(diskLevel(70, 100, { warnPercent: 70, criticalPercent: 90 }), 'warning');
  });
});
