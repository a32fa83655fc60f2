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

  it('a version no list of the platform names is an error that says so, not that it does not exist', () => {
    const app = check('name: app\ntype: nodejs:13\ndisk: 256\n', 'platform-app');
    assert.deepStrictEqual(app.map((f) => [f.code, f.severity, f.text]), [[CODES.unsupportedVersion, 'error', 'nodejs:13']]);
    assert.match(app[0].problem.message, /^`nodejs:13` is not in Platform\.sh's registry: it cannot be deployed as a new service\. Use a version the registry lists: `26`, `24` or `22`\.$/);
  });

  // platformsh-image-registry.json lists mariadb 12.3/11.8/11.4, java 25/21/17, php 8.5/8.4
  // (deprecated 8.3/8.2): not mariadb:10.4, java:8 or php:8.1, which upsun-image-registry.json
  // lists as `retired`. elasticsearch:5.4 is `decommissioned` there; nodejs:14 is in neither.
  it('a version Platform.sh no longer lists but Upsun\'s registry keeps is a retired-version warning', () => {
    const db = check('db:\n  type: mariadb:10.4\n  disk: 512\n', 'platform-services').filter((f) => f.code !== CODES.unusedService);
    assert.deepStrictEqual(db.map((f) => [f.code, f.severity, f.text]), [[CODES.retiredVersion, 'warning', 'mariadb:10.4']]);
    assert.match(db[0].problem.message, /^`mariadb:10\.4` \(MariaDB\/MySQL\) is no longer in Platform\.sh's registry \(Upsun's registry, for the same images, still keeps it as retired\): existing services keep running, but it is no longer supported and cannot be chosen for a new service\. Upgrade to `mariadb:12\.3`;/);
    assert.deepStrictEqual(db[0].problem.data, { replacement: 'mariadb:12.3' });
    const java = check('name: app\ntype: java:8\ndisk: 256\n', 'platform-app');
    assert.deepStrictEqual(java.map((f) => [f.code, f.severity, f.text]), [[CODES.retiredVersion, 'warning', 'java:8']]);
    assert.match(java[0].problem.message, /Upgrade to `java:25`/);
    const php = check('name: app\ntype: php:8.1\ndisk: 256\n', 'platform-app');
    assert.deepStrictEqual(php.map((f) => [f.code, f.severity, f.text]), [[CODES.retiredVersion, 'warning', 'php:8.1']]);
    assert.match(php[0].problem.message, /Upgrade to `php:8\.5`/);
  });

  it('a Platform.sh version that Upsun lists as decommissioned, or does not know, stays an error', () => {
    const es = check('search:\n  type: elasticsearch:5.4\n  disk: 256\n', 'platform-services').filter((f) => f.code !== CODES.unusedService);
    assert.deepStrictEqual(es.map((f) => [f.code, f.severity, f.text]), [[CODES.unsupportedVersion, 'error', 'elasticsearch:5.4']]);
    assert.match(es[0].problem.message, /not in Platform\.sh's registry, and Upsun's registry, for the same images, lists it as decommissioned: it no longer deploys/);
    const kafka = check('queue:\n  type: kafka:9.9\n  disk: 512\n', 'platform-services').filter((f) => f.code !== CODES.unusedService);
    assert.deepStrictEqual(kafka.map((f) => [f.code, f.severity]), [[CODES.unsupportedVersion, 'error']]);
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
