import * as assert from 'assert';
import { CODES } from '../../src/validation/codes';
import { check } from './helpers';

// Each platform against its own registry (shared/reference): platformsh-image-registry.json
// (platformsh/platformsh-docs shared/data/registry.json, grid `versions`) and
// upsun-image-registry.json (upsun/meta resources/image/registry.json).
describe('each platform against its own image registry', () => {
  const services = (text: string) => check(text, 'platform-services').filter((f) => f.code !== CODES.unusedService).map((f) => [f.code, f.severity, f.text]);
  const upsun = (text: string) => check(`services:\n${text.replace(/^/gm, '  ')}`).filter((f) => f.code !== CODES.unusedService).map((f) => [f.code, f.severity, f.text]);

  it('Kafka 3.7 and 3.6: supported on Platform.sh, retired on Upsun', () => {
    assert.deepStrictEqual(services('kafka:\n  type: kafka:3.7\n  disk: 512\nold:\n  type: kafka:3.6\n  disk: 512\n'), []);
    assert.deepStrictEqual(upsun('kafka:\n  type: kafka:3.7\n'), [[CODES.retiredVersion, 'warning', 'kafka:3.7']]);
  });

  it('Redis 7.2: supported on Platform.sh, deprecated on Upsun', () => {
    assert.deepStrictEqual(services('cache:\n  type: redis:7.2\n'), []);
    assert.deepStrictEqual(upsun('cache:\n  type: redis:7.2\n'), [[CODES.deprecatedVersion, 'warning', 'redis:7.2']]);
  });

  it('network-storage has no minimum disk on Platform.sh', () => {
    assert.deepStrictEqual(services('files:\n  type: network-storage:1.0\n  disk: 128\n'), []);
  });

  it('a version the registry does not list is an error that says so, not that it does not exist', () => {
    const app = check('name: app\ntype: nodejs:14\ndisk: 256\n', 'platform-app');
    assert.deepStrictEqual(app.map((f) => [f.code, f.severity, f.text]), [[CODES.unsupportedVersion, 'error', 'nodejs:14']]);
    assert.match(app[0].problem.message, /^`nodejs:14` is not in Platform\.sh's registry: it cannot be deployed as a new service\. Use a version the registry lists: `26`, `24` or `22`\.$/);
    const solr = check('search:\n  type: solr:8.6\n  disk: 256\n', 'platform-services');
    assert.deepStrictEqual(solr.map((f) => f.code), [CODES.unusedService, CODES.unsupportedVersion]);
    assert.match(solr[1].problem.message, /not in Platform\.sh's registry/);
  });

  it('an image the platform does not offer is unknown there (ClickHouse is excluded from Platform.sh)', () => {
    assert.deepStrictEqual(services('olap:\n  type: clickhouse:25.3\n  disk: 512\n').map(([code, , text]) => [code, text]), [[CODES.unknownType, 'clickhouse:25.3']]);
  });
});

// platformsh/platformsh-docs add-services/redis.md (and valkey, mysql, postgresql), "Restrict
// access to database replicas only": "Add the `-replica` suffix to the name of the endpoint".
// The Magento template relates to `redis-replica` in both its .upsun and .platform config.
describe('replica endpoints', () => {
  const upsun = (service: string, endpoint: string) =>
    check(`applications:\n  app:\n    type: php:8.4\n    relationships:\n      cache:\n        service: cache\n        endpoint: ${endpoint}\nservices:\n  cache:\n    type: ${service}\n`).map((f) => [f.code, f.text]);

  it('accepts `<endpoint>-replica` for Redis, Valkey, MariaDB and PostgreSQL on both platforms', () => {
    assert.deepStrictEqual(upsun('redis:8.0', 'redis-replica'), []);
    assert.deepStrictEqual(upsun('postgresql:16', 'postgresql-replica'), []);
    const platform = check('name: app\ntype: php:8.4\ndisk: 512\nrelationships:\n  cache:\n    service: cache\n    endpoint: redis-replica\n', 'platform-app');
    assert.deepStrictEqual(platform.map((f) => f.code), [CODES.relationshipUnknownService]);
  });

  it('still flags a replica of an endpoint the service lacks, and replicas of Kafka', () => {
    assert.deepStrictEqual(upsun('redis:8.0', 'cache-replica'), [[CODES.relationshipUnknownEndpoint, 'cache-replica']]);
    assert.deepStrictEqual(upsun('kafka:4.3', 'kafka-replica'), [[CODES.relationshipUnknownEndpoint, 'kafka-replica']]);
  });
});
