import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { findImage } from '../../src/catalog/catalog';
import { platformApplication, platformService, rootShape } from '../../src/catalog/configShapes';
import { application, service } from '../../src/catalog/configShapes.generated';
import { generateShapes } from '../../scripts/generate-config-shapes';

const OFFICIAL = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference', 'upsun-config.schema.json');

describe('config shapes from the official schema', () => {
  it('are what the generator makes of the reference copy (regenerate with npm run catalog)', function () {
    let schema: Parameters<typeof generateShapes>[0] | undefined;
    try {
      schema = JSON.parse(readFileSync(OFFICIAL, 'utf8')) as Parameters<typeof generateShapes>[0];
    } catch {
      this.skip(); // the reference copy lives outside the repository
    }
    const shapes = generateShapes(schema);
    assert.deepStrictEqual(shapes.service, service);
    assert.deepStrictEqual(shapes.application, application);
  });

  it('close services and applications to the keys the schema lists, with `type` required', () => {
    assert.strictEqual(service.additional, false);
    assert.deepStrictEqual(service.required, ['type']);
    assert.ok(service.properties?.configuration);
    assert.ok(!service.properties?.disk, 'Upsun services have no disk key');
    assert.deepStrictEqual(application.required, ['type']);
    const relationship = application.properties?.relationships?.additional;
    assert.deepStrictEqual(relationship && relationship.types, ['string', 'null', 'object']);
  });

  it('add the Platform.sh keys to the .platform forms only', () => {
    assert.ok(platformService.properties?.disk);
    assert.ok(platformApplication.properties?.name && platformApplication.required?.includes('name'));
    assert.deepStrictEqual(rootShape('platform-applications').items, platformApplication);
    assert.strictEqual(rootShape('upsun').required, undefined, 'merged files each hold part of the config');
  });
});

describe('catalog extras', () => {
  it('knows persistent variants and composable images', () => {
    assert.strictEqual(findImage('redis-persistent')?.needDisk, true);
    assert.strictEqual(findImage('valkey-persistent')?.kind, 'service');
    assert.strictEqual(findImage('composable')?.anyVersion, true);
  });
});
