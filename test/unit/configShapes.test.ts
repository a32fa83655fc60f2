import * as assert from 'assert';
import { findImage } from '../../src/catalog/catalog';
import { GENERATED_SHAPES as generated, platformApplication, platformService, rootShape } from '../../src/catalog/configShapes';
import { generateShapes, referenceSources, undecided } from '../../scripts/generate-config-shapes';
import { referenceCandidates, referenceDir } from '../../scripts/referenceDir';

const { application, service } = generated;

describe('config shapes from the platforms\' OpenAPI specs and the JSON Schema', () => {
  // No skip: without shared/reference the generated tables cannot be checked, and that is a failure.
  it('finds the reference data beside the repository', () => {
    assert.doesNotThrow(() => referenceDir(), `shared/reference missing; looked in ${referenceCandidates().join(', ')}`);
  });

  it('are what the generator makes of the reference copies (regenerate with npm run catalog)', () => {
    const { shapes, differences } = generateShapes(referenceSources());
    assert.deepStrictEqual(undecided(differences), [], 'every key difference between the sources is decided');
    for (const [name, shape] of Object.entries(shapes)) assert.deepStrictEqual((generated as Record<string, unknown>)[name], shape, `${name} is stale`);
  });

  it('take web.commands.post_start from the OpenAPI specs, which the JSON Schema lacks', () => {
    const post = (app: typeof application) => app.properties?.web?.properties?.commands?.properties?.post_start;
    assert.deepStrictEqual(post(application)?.types, ['string', 'null']);
    assert.ok(post(generated.platformshApplication));
  });

  it('accept `source: local` on mounts on both platforms, as both OpenAPI specs do', () => {
    for (const app of [application, generated.platformshApplication]) assert.ok((app.properties?.mounts?.additional || undefined)?.properties?.source?.enum?.includes('local'));
  });

  it('close services and applications to the keys the sources list, with `type` required', () => {
    assert.strictEqual(service.additional, false);
    assert.deepStrictEqual(service.required, ['type']);
    assert.ok(service.properties?.configuration);
    assert.ok(!service.properties?.disk, 'Upsun services have no disk key');
    assert.ok(!application.properties?.tree_id, 'computed deployment keys are not config keys');
    assert.deepStrictEqual(application.required, ['type']);
    const relationship = application.properties?.relationships?.additional;
    assert.deepStrictEqual(relationship && relationship.types, ['string', 'null', 'object']);
  });

  it('give the Platform.sh keys to the .platform forms only', () => {
    assert.ok(platformService.properties?.disk);
    assert.ok(platformApplication.properties?.name && platformApplication.required?.includes('name'));
    assert.ok(!application.properties?.name && !application.properties?.disk);
    assert.deepStrictEqual(rootShape('platform-applications').items, platformApplication);
    assert.strictEqual(rootShape('upsun').required, undefined, 'merged files each hold part of the config');
  });
});

describe('catalog extras', () => {
  it('knows persistent variants and composable images', () => {
    assert.strictEqual(findImage('redis-persistent')?.needDisk, true);
    assert.strictEqual(findImage('valkey-persistent')?.kind, 'service');
    assert.deepStrictEqual(findImage('composable')?.versions.map((v) => [v.version, v.status]).slice(0, 2), [['26.05', 'supported'], ['25.11', 'retired']]);
    assert.strictEqual(findImage('composable', 'platformsh')?.anyVersion, true);
  });
});
