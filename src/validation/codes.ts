// Stable diagnostic codes. Users filter on them, the CLI prints them and quick fixes key on
// them, so a code never changes meaning once released. `data` lists the ProblemData fields
// a code sets for its fix.

export const CODES = {
  /** From the parser (src/config/parseFile.ts). */
  yamlSyntax: 'yaml-syntax',
  yamlTabIndent: 'yaml-tab-indent',
  yamlUnknownAlias: 'yaml-unknown-alias',
  duplicateKey: 'duplicate-key',
  multipleDocuments: 'multiple-documents',
  /** Valid YAML nested too deeply for the parser to follow (`yaml`'s RESOURCE_EXHAUSTION); nothing inside is checked. */
  yamlTooDeep: 'yaml-too-deep',
  /** An `!include` of a file that does not exist (an error for `yaml`, a warning for `string`/`binary`). */
  includeNotFound: 'include-not-found',
  /** An `!include` in `.upsun/` of a file in `.upsun/`, which Upsun also merges as config of its own. */
  includeInConfigFolder: 'include-in-config-folder',
  /** From the loader (src/config/discover.ts): an `!include` whose file is outside the project, not a regular file, or over 16 MiB; not read. */
  includeRefused: 'include-refused',
  /** From the loader: a config file over 16 MiB, not read. */
  fileTooLarge: 'file-too-large',
  /** A value of the wrong YAML type (map expected, got a string…). */
  wrongType: 'wrong-type',
  /** A key the schema does not allow; data.replacement = closest valid key, when one is close. */
  unknownKey: 'unknown-key',
  /** A required key is missing (`type`). */
  missingKey: 'missing-key',
  /** `type:` names no image of the right kind. data.replacement = closest type, when close. */
  unknownType: 'unknown-type',
  /** A version that does not deploy (decommissioned, unknown, missing). data.replacement = newest supported `type:version`. */
  unsupportedVersion: 'unsupported-version',
  /** A retired version: deploys, frozen, decommissioned within 180 days. data.replacement = newest supported `type:version`. */
  retiredVersion: 'retired-version',
  /** A version that deploys but is deprecated. data.replacement = newest supported `type:version`. */
  deprecatedVersion: 'deprecated-version',
  /** A relationship naming a service that is not declared. data.missingService = the name; data.replacement = the closest declared name, when one is close. */
  relationshipUnknownService: 'relationship-unknown-service',
  /** A relationship naming an endpoint the service does not have. data.replacement = a valid endpoint, when one is close. */
  relationshipUnknownEndpoint: 'relationship-unknown-endpoint',
  /** The legacy `"service:endpoint"` string. data.replacement = `{ service: x, endpoint: y }`. */
  relationshipLegacy: 'relationship-legacy',
  /** A relationship value that is none of the accepted forms. */
  relationshipInvalid: 'relationship-invalid',
  /** Same service declared twice across merged files. data.related = the other declaration. */
  duplicateService: 'duplicate-service',
  duplicateApplication: 'duplicate-application',
  /** A service that no application has a relationship to. */
  unusedService: 'unused-service',
  /** Platform.sh: a service that keeps data has no `disk:`, or less than the minimum. data.replacement = minimum disk. */
  diskMissing: 'disk-missing',
  diskTooSmall: 'disk-too-small',
  /** A route's `upstream` names no declared application, or an endpoint it lacks. data.replacement = closest name or endpoint, or `http`. */
  routeUnknownUpstream: 'route-unknown-upstream',
  /** A folder with both `.upsun/` and `.platform/` config: two projects. data.related = the Platform.sh files. */
  twoPlatforms: 'two-platforms',
  /** Platform.sh: a mount written as `"shared:files/<path>"`. data.replacement = the mapping form. */
  mountStringForm: 'mount-string-form',
  /** Platform.sh: a string mount that is not `"shared:files/<path>"`. */
  mountInvalid: 'mount-invalid',
  /** Platform.sh: a `local` mount on an application without `disk:`. data.replacement = 256. */
  mountNeedsDisk: 'mount-needs-disk',
  /** A `stack:` runtime at a version its composable channel does not offer. data.replacement = `name@newest`. */
  stackUnknownVersion: 'stack-unknown-version',
  /** Upsun: a `stack:` with no `type:`, or beside a runtime type (upsun/cli internal/lint CheckTypes). */
  stackWithoutComposable: 'stack-without-composable',
  /** Upsun: `type: composable:<channel>` with no (or an empty) `stack:` (upsun/cli internal/lint CheckTypes). */
  composableWithoutStack: 'composable-without-stack',
  /** A Kafka service whose name changed against git HEAD: its data stays behind. */
  kafkaServiceRenamed: 'kafka-service-renamed',
} as const;

export type ProblemCode = (typeof CODES)[keyof typeof CODES];

/** Shown as the diagnostic's source in the editor and in CLI output. */
export const DIAGNOSTIC_SOURCE = 'upsun-kafka';
