// The production guard's environment rule, the one both callers use: a change asks first, and
// connecting on open waits for Connect, on the same clusters.

import * as assert from 'assert';
import { buildProjectModel } from '../../src/config/buildModel';
import type { ServiceRef } from '../../src/config/model';
import { produceTarget, productionMatch } from '../../src/upsun/productionGuard';

const PATTERNS = ['*prod*', '*production*', '*live*', 'main'];

function refIn(root: string, service = 'kafka'): ServiceRef {
  const project = buildProjectModel(root, [{ path: `${root}/.upsun/config.yaml`, kind: 'upsun', text: `services:\n  ${service}:\n    type: kafka:4.3\n` }]);
  return { project, service: project.services[0] };
}

describe('production guard: what names a declared service\'s cluster', () => {
  it('names the service, the project folder, the environment this process runs in and the tunnel\'s environment', () => {
    const target = produceTarget(refIn('/work/shop'), ['127.0.0.1:30001'], { id: 'staging', type: 'staging' }, { PLATFORM_ENVIRONMENT: 'main-bvxea6i', PLATFORM_BRANCH: 'main' });
    assert.deepStrictEqual(target, {
      service: 'kafka',
      context: ['shop', 'main-bvxea6i', 'main', 'staging'],
      brokers: ['127.0.0.1:30001'],
      environment: { id: 'staging', type: 'staging' },
    });
  });

  it('finds production in the branch the editor runs on, the folder name, or the environment type, and nothing elsewhere', () => {
    const ref = refIn('/work/shop');
    assert.deepStrictEqual(productionMatch(ref, ['kafka.internal:9092'], PATTERNS, undefined, { PLATFORM_BRANCH: 'main' }), { pattern: 'main', matched: 'main' });
    assert.deepStrictEqual(productionMatch(refIn('/work/shop-prod'), ['127.0.0.1:9092'], PATTERNS, undefined, {}), { pattern: '*prod*', matched: 'shop-prod' });
    assert.deepStrictEqual(productionMatch(ref, ['127.0.0.1:30001'], [], { id: 'shop-eu', type: 'production' }, {}), { pattern: 'type: production', matched: 'shop-eu', byEnvironmentType: true });
    assert.strictEqual(productionMatch(ref, ['127.0.0.1:9092'], PATTERNS, { id: 'feature-x', type: 'development' }, { PLATFORM_BRANCH: 'feature-x' }), undefined);
  });
});
