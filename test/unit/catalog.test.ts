import * as assert from 'assert';
import { defaultEndpoint, endpointsOf, findImage, findVersion, images, isDeployable, newestSupported, recommendedVersions } from '../../src/catalog/catalog';
import { compareVersionsDescending } from '../../scripts/generate-catalog';

describe('catalog', () => {
  it('knows Kafka: a service with disk, endpoint kafka on 9092, 4.3 and 4.1 supported', () => {
    const kafka = findImage('kafka');
    assert.ok(kafka);
    assert.strictEqual(kafka.kind, 'service');
    assert.strictEqual(kafka.needDisk, true);
    assert.deepStrictEqual(recommendedVersions('kafka').map((v) => v.version), ['4.3', '4.1']);
    assert.deepStrictEqual(endpointsOf('kafka', '4.1'), { kafka: { port: 9092, scheme: 'kafka' } });
    assert.strictEqual(defaultEndpoint('kafka'), 'kafka');
    assert.strictEqual(findVersion('kafka', '3.7')?.status, 'retired');
    assert.strictEqual(isDeployable(findVersion('kafka', '3.7')!), true, 'retired images are frozen but still deploy');
    assert.strictEqual(isDeployable(findVersion('elasticsearch', '5.4')!), false);
    assert.strictEqual(findVersion('kafka', '4.3')?.minDiskMb, 512);
  });

  it('orders versions newest first, numerically', () => {
    assert.deepStrictEqual(['9.4', '10.0', '9.10', '9.9'].sort(compareVersionsDescending), ['10.0', '9.10', '9.9', '9.4']);
    assert.strictEqual(newestSupported('solr')?.version, '10.0');
  });

  it('separates runtimes from services and marks the default endpoint', () => {
    assert.ok(images('runtime').some((i) => i.type === 'nodejs'));
    assert.ok(!images('service').some((i) => i.type === 'nodejs'));
    assert.strictEqual(defaultEndpoint('mariadb', '11.4'), 'mysql');
    assert.strictEqual(findImage('no-such-image'), undefined);
    assert.deepStrictEqual(endpointsOf('no-such-image'), {});
  });
});
