// Living beside Red Hat's YAML extension (redhat-developer/vscode-yaml, engine
// yaml-language-server). That extension validates a file against the schemas of the highest
// priority that match it (yaml-language-server `yamlSchemaService.highestPrioritySchemas`:
// SchemaStore 1 < an extension's `yamlValidation` 2 < the `yaml.schemas` setting 3), and when
// several match at that priority it applies all of them (`allOf`). So a second extension that
// contributes an error-reporting schema for the same files (the official Upsun extension,
// upsun/vscode-upsun) adds its problems to ours; our own schemas only describe (see
// scripts/generate-yaml-schemas.ts). Setting `yaml.schemas` to our schemas for the platform's
// files lifts them to priority 3, alone: the YAML extension then reports nothing from schemas,
// and every problem comes from this extension, with source `upsun-kafka`.

/** One `contributes.yamlValidation` entry of package.json. */
export interface YamlValidationEntry {
  readonly fileMatch: string | readonly string[];
  /** Relative to the extension's folder, such as `./syntaxes/upsun-config.schema.json`. */
  readonly url: string;
}

/**
 * The platform's tags as `yaml.customTags` entries (tag and node kind), which stop the YAML
 * extension reporting "Unresolved tag: !include": `!include <path>` (scalar) or
 * `!include { type, path }` (mapping), and `!archive <folder>` (scalar). Same tags as
 * PLATFORM_TAGS in src/config/parseFile.ts; contributed as the setting's default in package.json
 * (`configurationDefaults`).
 */
export const PLATFORM_CUSTOM_TAGS: readonly string[] = ['!include scalar', '!include mapping', '!archive scalar'];

/**
 * The `yaml.schemas` value that makes our descriptive schemas the only ones the YAML extension
 * applies to the platform's files: schema URI (`extensionUri` joined with the entry's `url`) →
 * the entry's globs. `extensionUri` is the extension folder's URI, without a trailing slash.
 */
export function yamlSchemasSetting(extensionUri: string, contributions: readonly YamlValidationEntry[]): Record<string, string[]> {
  const setting: Record<string, string[]> = {};
  for (const entry of contributions) {
    const uri = `${extensionUri}/${entry.url.replace(/^\.\//, '')}`;
    setting[uri] = [...(setting[uri] ?? []), ...(typeof entry.fileMatch === 'string' ? [entry.fileMatch] : entry.fileMatch)];
  }
  return setting;
}

/**
 * `current` (the user's `yaml.schemas`, possibly unset or hand-edited) with our entries set:
 * other schemas the user mapped stay; our URIs get exactly our globs. An entry an earlier
 * version of this extension wrote (the extension's folder name holds its version) is
 * `staleOwn`, and is dropped.
 */
export function withOurYamlSchemas(current: unknown, ours: Readonly<Record<string, string[]>>, staleOwn: (uri: string) => boolean = () => false): Record<string, unknown> {
  const base = current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  const kept = Object.fromEntries(Object.entries(base).filter(([uri]) => !(uri in ours) && !staleOwn(uri)));
  return { ...kept, ...ours };
}

/**
 * Whether a `yaml.schemas` key is one of our schemas in another folder of this extension
 * (`<publisher>.<name>-<version>`): the folder of an older version, left behind by an update.
 */
export function isOwnSchemaElsewhere(uri: string, extensionId: string, contributions: readonly YamlValidationEntry[]): boolean {
  const files = contributions.map((c) => c.url.replace(/^\.\//, ''));
  const folder = uri.split('/').slice(-3, -2)[0] ?? '';
  return folder.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`) && files.some((f) => uri.endsWith(`/${f}`));
}

/** `current` (the user's `yaml.customTags`) with the platform's tags added once. */
export function withPlatformCustomTags(current: unknown): string[] {
  const list = Array.isArray(current) ? current.filter((t): t is string => typeof t === 'string') : [];
  return [...list, ...PLATFORM_CUSTOM_TAGS.filter((t) => !list.includes(t))];
}
