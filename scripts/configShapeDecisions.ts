// Each key the Upsun JSON Schema and a platform's OpenAPI deployment schema disagree on, decided
// with its evidence. Read by scripts/generate-config-shapes.ts, which fails on a difference
// missing here. Paths: `application.web.commands.post_start`; `*` is any map key.
//
// The deployment schema is what the platform made of the YAML, so it also lists what the
// platform computes (ids, paths, counts) or copies into each worker from its application. Those
// are not keys a user writes: rejected. Keys a user writes that the JSON Schema lacks: accepted.

import type { KeyDecision } from './generate-config-shapes';

const BOTH: Pick<KeyDecision, 'upsun' | 'platformsh'> = { upsun: 'accept', platformsh: 'accept' };
const NEITHER: Pick<KeyDecision, 'upsun' | 'platformsh'> = { upsun: 'reject', platformsh: 'reject' };
const PLATFORMSH_ONLY: Pick<KeyDecision, 'upsun' | 'platformsh'> = { upsun: 'reject', platformsh: 'accept' };

const computed = (what: string): KeyDecision => ({ ...NEITHER, why: `computed by the platform (${what}); absent from the app reference of both platforms' docs` });
const inherited: KeyDecision = { ...NEITHER, why: 'the deployment copies it into each worker from its application; the docs list a worker\'s own keys as commands, size, disk, mounts, relationships, variables, access, firewall, container_profile' };
const resourcesOutput: KeyDecision = { ...NEITHER, why: 'resources as the platform computed them; `resources` itself is deprecated in the JSON Schema, and resources are set with `upsun resources:set`' };
const notWeb: KeyDecision = { ...NEITHER, why: 'not a key of `web` in either deployment schema, nor in the web reference of the docs (commands, upstream, locations and the legacy document_root, passthru, index_files, whitelist, blacklist, expires, move_to_root)' };

export const KEY_DECISIONS: Readonly<Record<string, KeyDecision>> = {
  'application.web.commands.post_start': { ...BOTH, why: 'in both OpenAPI specs; documented by both platforms ("web.commands.post_start" in the single-runtime image reference)' },
  'application.build.caches': { ...BOTH, why: 'in both OpenAPI specs as user input (named build caches), not a computed value' },
  'application.operations.*.timeout': { ...BOTH, why: 'in both OpenAPI specs: the runtime operation\'s timeout, written by the user' },
  'application.disk': { ...PLATFORMSH_ONLY, why: 'Platform.sh: documented `disk` of .platform.app.yaml (MB) and in its OpenAPI spec; Upsun sets disk per environment with `upsun resources:set`, and its deployment\'s value is computed' },
  'application.size': { ...PLATFORMSH_ONLY, why: 'Platform.sh: documented `size` (S…4XL, AUTO); on Upsun resources are set with the CLI' },
  'application.name': { ...PLATFORMSH_ONLY, why: 'Platform.sh: `name` is how .platform.app.yaml names its app (required); on Upsun the key under `applications:` is the name' },
  'service.disk': { ...PLATFORMSH_ONLY, why: 'Platform.sh: `disk` of .platform/services.yaml sizes the service\'s volume; on Upsun it is set with `upsun resources:set`' },
  'application.workers.*.disk': { ...PLATFORMSH_ONLY, why: 'Platform.sh: a worker may have its own `disk`; Upsun sets it with the CLI' },
  'application.workers.*.container_profile': { ...BOTH, why: 'a worker runs in its own container, whose profile can differ from its application\'s' },
  'application.workers.*.commands': { ...BOTH, why: 'documented `workers.<name>.commands.start`; the deployment calls it `worker.commands`' },
  'application.workers.*.worker': { ...NEITHER, why: 'the deployment\'s name for the worker\'s `commands`, not a YAML key' },
  'application.workers.*.app': computed('the application a worker belongs to'),
  'application.workers.*.name': computed('the worker\'s name, which is its key under `workers:`'),
  'application.workers.*.type': inherited,
  'application.workers.*.runtime': inherited,
  'application.workers.*.stack': inherited,
  'application.workers.*.preflight': inherited,
  'application.workers.*.operations': inherited,
  'application.workers.*.additional_hosts': inherited,
  'application.app_dir': computed('the app\'s folder in the build'),
  'application.config_id': computed('an id of the parsed config'),
  'application.tree_id': computed('the git tree hash'),
  'application.slug_id': computed('the build\'s id'),
  'application.instance_count': computed('instances, set per environment'),
  'application.is_across_submodule': computed('whether the source is in a git submodule'),
  'application.supports_horizontal_scaling': computed('whether the app can scale out'),
  'application.endpoints': computed('the app\'s endpoints'),
  'application.image': computed('the resolved image'),
  'application.authorizations': computed('access rights'),
  'application.egress': computed('outbound network state'),
  'application.workers.*.app_dir': computed('the app\'s folder in the build'),
  'application.workers.*.tree_id': computed('the git tree hash'),
  'application.workers.*.slug_id': computed('the build\'s id'),
  'application.workers.*.instance_count': computed('instances, set per environment'),
  'application.workers.*.supports_horizontal_scaling': computed('whether the worker can scale out'),
  'application.workers.*.endpoints': computed('endpoints'),
  'application.workers.*.image': computed('the resolved image'),
  'application.workers.*.authorizations': computed('access rights'),
  'application.workers.*.egress': computed('outbound network state'),
  'service.endpoints': computed('the service\'s endpoints as configured; users write them under `configuration.endpoints`'),
  'service.instance_count': computed('instances'),
  'service.supports_horizontal_scaling': computed('whether the service can scale out'),
  'route.production_url': computed('the route\'s URL on the production environment'),
  'route.sticky': computed('session stickiness the router derives; not in either platform\'s routes reference'),
  'application.resources.default': resourcesOutput,
  'application.resources.disk': resourcesOutput,
  'application.resources.minimum': resourcesOutput,
  'application.resources.profile_size': resourcesOutput,
  'application.workers.*.resources.default': resourcesOutput,
  'application.workers.*.resources.disk': resourcesOutput,
  'application.workers.*.resources.minimum': resourcesOutput,
  'application.workers.*.resources.profile_size': resourcesOutput,
  'service.resources.default': resourcesOutput,
  'service.resources.disk': resourcesOutput,
  'service.resources.minimum': resourcesOutput,
  'service.resources.profile_size': resourcesOutput,
  'application.web.access': notWeb,
  'application.web.mounts': notWeb,
  'application.web.relationships': notWeb,
  'application.web.resources': notWeb,
  'application.web.size': notWeb,
  'application.web.timezone': notWeb,
  'application.web.variables': notWeb,
};
