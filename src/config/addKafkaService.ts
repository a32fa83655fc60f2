// Plans "Add Kafka Service": a new Kafka service in the project's config and a relationship
// from the chosen app, as text insertions into the files as written, so comments, quoting
// and layout stay untouched and the editor can undo them as one step. A new file is
// planned when the project has none to hold the service.

import * as path from 'path';
import { isMap, isScalar, YAMLMap } from 'yaml';
import { buildProjectModel } from './buildModel';
import type { ApplicationDecl, ConfigFile, ProjectModel } from './model';
import { get } from './yamlNodes';

/** Replaces `length` characters at `offset` (0 for a pure insertion) with `text`. */
export interface TextChange {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface FileChange {
  readonly file: string;
  /** The file does not exist yet; `changes` holds its whole text at offset 0. */
  readonly create: boolean;
  /** Offsets into the text as it is now, not overlapping. */
  readonly changes: readonly TextChange[];
}

export interface AddKafkaPlan {
  readonly serviceName: string;
  /** Absent when the project has no application to bind. */
  readonly relationshipName?: string;
  readonly app?: string;
  readonly changes: readonly FileChange[];
}

export interface AddKafkaRequest {
  /** The project to extend; undefined when the workspace has no config yet. */
  readonly project?: ProjectModel;
  /** Where `.upsun/config.yaml` goes when there is no project. */
  readonly folder: string;
  /** `4.3`: the newest supported version, from the catalog. */
  readonly version: string;
  /** The application that gets the relationship; the only one when there is one. */
  readonly app?: string;
}

/** A nested YAML mapping to write in block style; `null` writes `key:` with no value. */
type Body = readonly (readonly [string, string | null | Body])[];

const NEW_FILE_HEADER = `# Upsun configuration: https://docs.upsun.com/create-apps.html
# An application reaches the service through a relationship, for example:
#   applications:
#     app:
#       relationships:
#         kafka:
`;

/** Platform.sh wants a disk for Kafka; 512 MB is the image's minimum. */
const PLATFORM_DISK_MB = '512';

export function planAddKafka(request: AddKafkaRequest): AddKafkaPlan | { readonly error: string } {
  const { project, version } = request;
  const type = `kafka:${version}`;
  if (!project) {
    const file = path.join(request.folder, '.upsun', 'config.yaml');
    const text = `${NEW_FILE_HEADER}${render([['services', [['kafka', [['type', type]]]]]], 0)}`;
    return { serviceName: 'kafka', changes: [{ file, create: true, changes: [{ offset: 0, length: 0, text }] }] };
  }
  const serviceName = freeName('kafka', new Set(project.services.map((s) => s.name)));
  const platform = !project.files.some((f) => f.kind === 'upsun');
  const serviceBody: Body = platform ? [['type', type], ['disk', PLATFORM_DISK_MB]] : [['type', type]];
  const edits = new Edits();
  const serviceError = platform
    ? addPlatformService(project, edits, serviceName, serviceBody)
    : addUpsunService(project, edits, serviceName, serviceBody);
  if (serviceError) return { error: serviceError };

  const app = request.app === undefined ? (project.applications.length === 1 ? project.applications[0] : undefined) : project.applications.find((a) => a.name === request.app);
  if (request.app !== undefined && !app) return { error: `No application named "${request.app}" in ${project.root}.` };
  let relationshipName: string | undefined;
  if (app) {
    const taken = new Set(app.relationships.map((r) => r.name));
    relationshipName = taken.has(serviceName) ? freeName('kafka', taken) : serviceName;
    const value = relationshipName === serviceName ? null : `{ service: ${serviceName}, endpoint: kafka }`;
    const error = addRelationship(project, edits, app, relationshipName, value);
    if (error) return { error };
  }
  const plan: AddKafkaPlan = { serviceName, relationshipName, app: app?.name, changes: edits.changes() };
  return check(project, plan, type) ?? plan;
}

/** `kafka`, else `kafka2`, `kafka3`…: the first name not taken. */
function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function addUpsunService(project: ProjectModel, edits: Edits, name: string, body: Body): string | undefined {
  const upsunFiles = project.files.filter((f) => f.kind === 'upsun');
  const target =
    upsunFiles.find((f) => get(f.document, f.document.contents, 'services')) ??
    upsunFiles.find((f) => get(f.document, f.document.contents, 'applications')) ??
    upsunFiles[0];
  return addEntry(target, target.document.contents, ['services'], name, body, edits);
}

function addPlatformService(project: ProjectModel, edits: Edits, name: string, body: Body): string | undefined {
  const file = project.files.find((f) => f.kind === 'platform-services');
  if (!file) {
    edits.create(path.join(project.root, '.platform', 'services.yaml'), render([[name, body]], 0));
    return undefined;
  }
  return addEntry(file, file.document.contents, [], name, body, edits);
}

function addRelationship(project: ProjectModel, edits: Edits, app: ApplicationDecl, name: string, value: string | null): string | undefined {
  const file = project.files.find((f) => f.path === app.nameSpan.file);
  if (!file || !isMap(app.node)) return `The application "${app.name}" is not written as a mapping; add the relationship \`${name}:\` by hand.`;
  return addEntry(file, app.node, ['relationships'], name, value, edits);
}

/**
 * Adds `name: body` to the mapping reached from `map` through `keys`, creating the missing
 * keys on the way. Returns why it cannot when the YAML is written in a form it does not edit.
 */
function addEntry(file: ConfigFile, map: unknown, keys: readonly string[], name: string, body: string | null | Body, edits: Edits): string | undefined {
  const doc = file.document;
  if (map === null || map === undefined || (isScalar(map) && map.value === null)) {
    // An empty document: the new keys go at its end.
    edits.insert(file, file.text.length, render(nestedBody(keys, name, body), 0), file.text.length > 0 && !file.text.endsWith('\n'));
    return undefined;
  }
  if (!isMap(map)) return `${path.basename(file.path)} is not a mapping where "${[...keys, name].join('.')}" should go; add it by hand.`;
  if (keys.length === 0) return insertIntoMap(file, map, [[name, body]], edits);
  const entry = get(doc, map, keys[0]);
  if (!entry) return insertIntoMap(file, map, [[keys[0], nestedBody(keys.slice(1), name, body)]], edits);
  if (entry.value === null || (isScalar(entry.value) && entry.value.value === null)) {
    // `services:` with nothing under it: the entries go on the lines after the key.
    const indent = columnOf(file.text, entry.keyRange.start) + 2;
    const lineEnd = file.text.indexOf('\n', entry.keyRange.end);
    const offset = lineEnd < 0 ? file.text.length : lineEnd + 1;
    edits.insert(file, offset, render(nestedBody(keys.slice(1), name, body), indent), lineEnd < 0);
    return undefined;
  }
  if (isMap(entry.value) && entry.value.flow && entry.value.items.length === 0 && entry.value.range) {
    // `services: {}` becomes a block mapping.
    const indent = columnOf(file.text, entry.keyRange.start) + 2;
    const start = file.text.indexOf(':', entry.keyRange.end) + 1;
    edits.replace(file, start, entry.value.range[1], `\n${render(nestedBody(keys.slice(1), name, body), indent).replace(/\n$/, '')}`);
    return undefined;
  }
  return addEntry(file, entry.value, keys.slice(1), name, body, edits);
}

function insertIntoMap(file: ConfigFile, map: YAMLMap, body: Body, edits: Edits): string | undefined {
  if (map.flow || !map.range || map.items.length === 0) {
    return `${path.basename(file.path)} writes this mapping on one line ({ … }); add ${body.map(([k]) => `\`${k}\``).join(', ')} by hand.`;
  }
  const firstKey = map.items[0].key as { range?: [number, number, number] } | null;
  const indent = firstKey?.range ? columnOf(file.text, firstKey.range[0]) : 0;
  // A block mapping's range ends after its last line break; at the end of a file without
  // one, the new line needs its own.
  const end = map.range[1];
  const atLineStart = end > 0 && file.text[end - 1] === '\n';
  const lineEnd = file.text.indexOf('\n', end);
  const offset = atLineStart ? end : lineEnd < 0 ? file.text.length : lineEnd + 1;
  edits.insert(file, offset, render(body, indent), !atLineStart && lineEnd < 0);
  return undefined;
}

function nestedBody(keys: readonly string[], name: string, body: string | null | Body): Body {
  return keys.reduceRight<Body>((inner, key) => [[key, inner]], [[name, body]]);
}

function render(body: Body, indent: number): string {
  const pad = ' '.repeat(indent);
  return body
    .map(([key, value]) => (value === null ? `${pad}${key}:\n` : typeof value === 'string' ? `${pad}${key}: ${value}\n` : `${pad}${key}:\n${render(value, indent + 2)}`))
    .join('');
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Re-reads the changed files and refuses a plan that does not declare what it promised. */
function check(project: ProjectModel, plan: AddKafkaPlan, type: string): { error: string } | undefined {
  const texts = new Map(project.files.map((f) => [f.path, { kind: f.kind, text: f.text }]));
  for (const change of plan.changes) {
    if (change.create) continue;
    const current = texts.get(change.file);
    if (current) texts.set(change.file, { ...current, text: applyChanges(current.text, change.changes) });
  }
  const after = buildProjectModel(project.root, [...texts].map(([p, t]) => ({ path: p, ...t })));
  const serviceOk = plan.changes.some((c) => c.create) || after.services.some((s) => s.name === plan.serviceName && s.type?.value === type);
  const relationshipOk = !plan.app || after.applications.some((a) => a.name === plan.app && a.relationships.some((r) => r.name === plan.relationshipName && r.service === plan.serviceName));
  const syntaxOk = after.problems.length <= project.problems.length;
  if (serviceOk && relationshipOk && syntaxOk) return undefined;
  return { error: `Could not add the service to this config automatically. Add it by hand:\n\nservices:\n  ${plan.serviceName}:\n    type: ${type}` };
}

/** Applies changes given as offsets into the original text, as the editor does. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, change.offset) + change.text + result.slice(change.offset + change.length);
  }
  return result;
}

/**
 * Collects the changes per file. Two insertions at one offset (both at the end of the
 * file) are joined with the deeper-indented text first: it continues the block above.
 */
class Edits {
  private readonly files = new Map<string, { create: boolean; changes: TextChange[] }>();

  create(file: string, text: string): void {
    this.files.set(file, { create: true, changes: [{ offset: 0, length: 0, text }] });
  }

  insert(file: ConfigFile, offset: number, text: string, newlineFirst: boolean): void {
    const entry = this.entry(file);
    const full = newlineFirst ? `\n${text}` : text;
    const same = entry.changes.findIndex((c) => c.offset === offset && c.length === 0);
    if (same < 0) {
      entry.changes.push({ offset, length: 0, text: full });
      return;
    }
    const [a, b] = [entry.changes[same].text, full].sort((x, y) => indentOf(y) - indentOf(x));
    entry.changes[same] = { offset, length: 0, text: a + b };
  }

  replace(file: ConfigFile, start: number, end: number, text: string): void {
    this.entry(file).changes.push({ offset: start, length: end - start, text });
  }

  changes(): FileChange[] {
    return [...this.files].map(([file, e]) => ({ file, create: e.create, changes: e.changes }));
  }

  private entry(file: ConfigFile): { create: boolean; changes: TextChange[] } {
    let entry = this.files.get(file.path);
    if (!entry) this.files.set(file.path, (entry = { create: false, changes: [] }));
    return entry;
  }
}

function indentOf(text: string): number {
  return /^\n?( *)/.exec(text)?.[1].length ?? 0;
}
