// Builds the ProjectModel from parsed files: reads each file's top level the way its kind
// prescribes and merges everything, keeping every declaration (even duplicates) so that
// validation can point at both places.

import * as path from 'path';
import { isMap, isScalar, isSeq, Document, Node as YamlNode } from 'yaml';
import { entries, Entry, get, nodeRange, resolve, scalarString } from './yamlNodes';
import { platformOf } from './fileKinds';
import type { FileRefusal } from './asyncFs';
import { includeNodes, includeRange, includeTarget } from './includes';
import { parseConfigFile, withoutBom } from './parseFile';
import { colonPairSpans, splitColonPair, splitType } from './colonPair';
import {
  ApplicationDecl,
  IncludedEntryKind,
  ConfigFile,
  ContainerDecl,
  Field,
  OffsetRange,
  Problem,
  ProjectModel,
  RelationshipDecl,
  RouteDecl,
  ServiceDecl,
  SourceSpan,
  SourceText,
} from './model';
import { bytesText } from '../text/bytes';

/**
 * The most bytes of one config file, or of a file it includes, that the loader reads (16 MiB).
 * A 5 MB `.upsun/config.yaml` of 150,000 routes in plain block YAML is checked by
 * `upsun-kafka lint` in under a second (bench/validate.ts); a file past this is not config a
 * person wrote, and one in YAML's rarer styles (which `yaml` itself parses, at about 0.6 s of
 * CPU and 90 MB per MB) would only stall.
 */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;

/**
 * The most bytes of one config file the editor checks (1 MiB): the check runs in the extension
 * host, where a 3 MB file re-checked after each edit held hovers and completion in every other
 * file for a second or more; past it the file says so and `upsun-kafka lint` checks it.
 */
export const EDITOR_MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/**
 * Whether `text` is over `maxBytes` (MAX_CONFIG_FILE_BYTES, or the editor's) in UTF-8. The limit holds for an editor's
 * unsaved text as for the disk: a 3 MB buffer parsed on every keystroke would hold the
 * extension host for seconds each time.
 */
export function exceedsConfigLimit(text: string, maxBytes: number = MAX_CONFIG_FILE_BYTES): boolean {
  // A UTF-16 unit is at least one UTF-8 byte and at most three: most texts are decided without encoding them.
  if (text.length > maxBytes) return true;
  return text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes;
}

/** Parses (once per project) the file an `!include` names; undefined when its text is not at hand. */
type IncludeParser = (target: string, includedAs: IncludedEntryKind) => ConfigFile | undefined;

/**
 * Parses and merges a project's config files; never throws on bad input. `sources` are one
 * platform's files (see `loadProjects`, which splits a folder holding both); the first names
 * the platform. `otherPlatformFiles` are the other platform's files in the same folder;
 * `maxFileBytes` is the size past which the loader did not read a file (for the messages).
 */
export function buildProjectModel(root: string, sources: readonly SourceText[], otherPlatformFiles: readonly string[] = [], maxFileBytes: number = MAX_CONFIG_FILE_BYTES): ProjectModel {
  const files: ConfigFile[] = [];
  const services: ServiceDecl[] = [];
  const applications: ApplicationDecl[] = [];
  const routes: RouteDecl[] = [];
  const problems = [];
  const included = new Map<string, ConfigFile>();
  for (const source of sources) {
    const parsed = parsedSource(source);
    files.push(parsed.file);
    problems.push(...parsed.problems);
    if (source.tooLarge) problems.push(tooLargeProblem(source.path, maxFileBytes));
    if (source.refusedIncludes?.size) problems.push(...refusedIncludeProblems(parsed.file, source.refusedIncludes, maxFileBytes));
    const parseIncluded: IncludeParser = (target, includedAs) => {
      const text = source.includes?.get(target);
      if (included.has(target) || text === undefined) return included.get(target);
      const inner = parseConfigFile(target, source.kind, text);
      const file: ConfigFile = { ...inner.file, includedAs };
      included.set(target, file);
      files.push(file);
      problems.push(...inner.problems);
      return file;
    };
    const reader = new FileReader(parsed.file, root, parseIncluded);
    reader.read();
    services.push(...reader.services);
    applications.push(...reader.applications);
    routes.push(...reader.routes);
  }
  const platform = platformOf(sources[0]?.kind ?? 'upsun');
  const missing = new Set(sources.flatMap((s) => [...(s.missingIncludes ?? [])]));
  return { root, platform, otherPlatformFiles, sources, files, services, applications, routes, problems, ...(missing.size ? { missingIncludes: missing } : {}), ...(maxFileBytes !== MAX_CONFIG_FILE_BYTES ? { maxFileBytes } : {}) };
}

/** The loader's parse of a source when it is of the source's text, else a new one. */
function parsedSource(source: SourceText): { readonly file: ConfigFile; readonly problems: readonly Problem[] } {
  const { parsed } = source;
  if (parsed && parsed.file.path === source.path && parsed.file.kind === source.kind && parsed.file.text === withoutBom(source.text)) return parsed;
  return parseConfigFile(source.path, source.kind, source.text);
}

/** Where a file past the editor's limit (below the command line's) is checked after all. */
function elsewhere(limit: number): string {
  return limit < MAX_CONFIG_FILE_BYTES ? ` The editor stops at ${bytesText(limit)} to stay responsive; \`upsun-kafka lint\` checks files up to ${bytesText(MAX_CONFIG_FILE_BYTES)}.` : '';
}

function tooLargeProblem(file: string, limit: number): Problem {
  return {
    span: { file, start: 0, end: 0 },
    // Past the command line's own limit nothing will ever check the file: CI must not pass it.
    severity: limit < MAX_CONFIG_FILE_BYTES ? 'warning' : 'error',
    code: 'file-too-large',
    message:
      limit < MAX_CONFIG_FILE_BYTES
        ? `This file is over ${bytesText(limit)}, so it was not read and nothing in it is checked.${elsewhere(limit)}`
        : `This file is over ${bytesText(limit)}, more than any platform config needs, so it was not read and nothing in it is checked. Split it, or check that it is the file you meant.`,
  };
}

function refusals(limit: number): Readonly<Record<FileRefusal, { severity: Problem['severity']; why: string }>> {
  return {
    outside: { severity: 'error', why: 'is outside the project folder (a symbolic link counts where it leads): the platform builds from the repository and cannot include it, and it was not read. Include a file inside the project.' },
    'not-regular': { severity: 'error', why: 'is not a regular file (a device, a pipe or a folder), so it was not read. Include a YAML file.' },
    'too-large': { severity: limit < MAX_CONFIG_FILE_BYTES ? 'warning' : 'error', why: `is over ${bytesText(limit)}, so it was not read and the entry it stands for is not checked.${elsewhere(limit)}` },
  };
}

/** One problem on each include of `file` (any type) whose file was refused, from the tag to the path. */
function refusedIncludeProblems(file: ConfigFile, refused: ReadonlyMap<string, FileRefusal>, limit: number): Problem[] {
  const why = refusals(limit);
  return includeNodes(file.document.contents, file.path).flatMap(({ node, target: { path: target, written } }) => {
    const refusal = refused.get(target);
    const range = refusal && includeRange(node, file.text);
    if (!refusal || !range) return [];
    const { severity, why: reason } = why[refusal];
    return [{ span: { file: file.path, ...range }, severity, code: 'include-refused', message: `The included file ${written} ${reason}` }];
  });
}

/** Reads the declarations of one file. */
class FileReader {
  readonly services: ServiceDecl[] = [];
  readonly applications: ApplicationDecl[] = [];
  readonly routes: RouteDecl[] = [];
  private readonly doc: Document;

  constructor(private readonly file: ConfigFile, private readonly root: string, private readonly parseIncluded: IncludeParser) {
    this.doc = file.document;
  }

  /**
   * An entry written `!include` (short, mapping or list-item form) stands for the file it
   * names: undefined when `node` is no include, else a reader of that file, or no reader when
   * the include is not `yaml` or its file cannot be read (the entry then has no body to check).
   */
  private included(node: unknown, includedAs: IncludedEntryKind): { reader?: FileReader } | undefined {
    const target = includeTarget(node, this.file.path);
    if (!target) return undefined;
    const file = target.type === 'yaml' ? this.parseIncluded(target.path, includedAs) : undefined;
    return { reader: file ? new FileReader(file, this.root, this.parseIncluded) : undefined };
  }

  /** The included file's whole document, for an entry whose body it is. */
  private wholeSpan(): SourceSpan {
    return this.spanOf(this.doc.contents, { start: 0, end: this.file.text.length });
  }

  read(): void {
    const top = this.doc.contents;
    switch (this.file.kind) {
      case 'upsun':
        this.readServices(get(this.doc, top, 'services')?.value);
        this.readApplicationMap(get(this.doc, top, 'applications')?.value);
        this.readRoutes(get(this.doc, top, 'routes')?.value);
        break;
      case 'platform-services':
        this.readServices(top);
        break;
      case 'platform-applications': {
        const list = resolve(this.doc, top);
        if (isSeq(list)) for (const item of list.items) this.readListedApplication(item);
        else this.readApplicationMap(list);
        break;
      }
      case 'platform-app':
        this.readNamedApplication(resolve(this.doc, top));
        break;
      case 'platform-routes':
        this.readRoutes(top);
        break;
    }
  }

  private span(range: OffsetRange): SourceSpan {
    return { file: this.file.path, start: range.start, end: range.end };
  }

  private spanOf(node: unknown, fallback: OffsetRange): SourceSpan {
    return this.span(nodeRange(node) ?? fallback);
  }

  private stringField(map: unknown, key: string): Field<string> | undefined {
    const entry = get(this.doc, map, key);
    const value = scalarString(entry?.value);
    if (entry === undefined || value === undefined) return undefined;
    return { value, span: this.spanOf(entry.value, entry.keyRange) };
  }

  private anyField(map: unknown, key: string): Field<unknown> | undefined {
    const entry = get(this.doc, map, key);
    if (entry === undefined) return undefined;
    const value = isScalar(entry.value) ? entry.value.value : entry.value;
    return { value, span: this.spanOf(entry.value, entry.keyRange) };
  }

  private readServices(node: unknown): void {
    for (const entry of entries(this.doc, node)) {
      const nameSpan = this.span(entry.keyRange);
      const include = this.included(entry.value, 'service');
      if (!include) this.services.push(this.service(entry.key, nameSpan, this.span(entry.range), entry.value ?? undefined));
      else if (include.reader) this.services.push(include.reader.service(entry.key, nameSpan, include.reader.wholeSpan(), include.reader.doc.contents ?? undefined));
      else this.services.push({ name: entry.key, nameSpan, span: this.span(entry.range) });
    }
  }

  /** What a service and an application both declare: name, spans, `type` split, the value node. */
  private container(name: string, nameSpan: SourceSpan, span: SourceSpan, value: YamlNode | undefined): ContainerDecl {
    const type = this.stringField(value, 'type');
    return { name, nameSpan, span, type, ...(type ? splitType(type.value) : {}), node: value };
  }

  private service(name: string, nameSpan: SourceSpan, span: SourceSpan, value: YamlNode | undefined): ServiceDecl {
    return {
      ...this.container(name, nameSpan, span, value),
      disk: this.anyField(value, 'disk'),
      size: this.anyField(value, 'size'),
      configuration: get(this.doc, value, 'configuration')?.value ?? undefined,
    };
  }

  private readApplicationMap(node: unknown): void {
    for (const entry of entries(this.doc, node)) {
      // In the map form of `.platform/applications.yaml` a key starting with `.` holds shared
      // settings for anchors (`.common: &common`), not an application (upsun/cli
      // internal/lint/fixed.go skips such keys).
      if (this.file.kind === 'platform-applications' && entry.key.startsWith('.')) continue;
      const nameSpan = this.span(entry.keyRange);
      const include = this.included(entry.value, 'application');
      if (!include) this.applications.push(this.application(entry.key, nameSpan, this.span(entry.range), entry.value));
      else if (include.reader) this.applications.push(include.reader.application(entry.key, nameSpan, include.reader.wholeSpan(), include.reader.doc.contents));
      else this.applications.push({ name: entry.key, nameSpan, span: this.span(entry.range), relationships: [] });
    }
  }

  /** An item of the list form of `.platform/applications.yaml`, or the file it includes. */
  private readListedApplication(item: unknown): void {
    const include = this.included(item, 'listed-application');
    if (!include) return this.readNamedApplication(resolve(this.doc, item));
    if (!include.reader) return; // its name is in the file we cannot read
    include.reader.readNamedApplication(resolve(include.reader.doc, include.reader.doc.contents));
    this.applications.push(...include.reader.applications);
  }

  /** `.platform` forms: the application's name is its `name:` value. */
  private readNamedApplication(node: YamlNode | undefined): void {
    if (!isMap(node)) return;
    const whole = nodeRange(node) ?? { start: 0, end: 0 };
    const name = this.stringField(node, 'name');
    const app = this.application(name?.value ?? '', name?.span ?? this.span({ start: whole.start, end: whole.start }), this.span(whole), node);
    if (this.file.kind === 'platform-app' && app.sourceRoot === undefined) {
      const folder = path.relative(this.root, path.dirname(this.file.path)).split(path.sep).join('/');
      this.applications.push({ ...app, sourceRoot: folder === '' ? undefined : folder });
    } else {
      this.applications.push(app);
    }
  }

  private application(name: string, nameSpan: SourceSpan, span: SourceSpan, node: YamlNode | null): ApplicationDecl {
    const value = node ?? undefined;
    const source = get(this.doc, value, 'source')?.value;
    return {
      ...this.container(name, nameSpan, span, value),
      sourceRoot: scalarString(get(this.doc, source, 'root')?.value),
      relationships: entries(this.doc, get(this.doc, value, 'relationships')?.value).map((e) => this.relationship(name, e)),
    };
  }

  private relationship(app: string, entry: Entry): RelationshipDecl {
    const base = { app, name: entry.key, nameSpan: this.span(entry.keyRange), span: this.span(entry.range) };
    const value = entry.value;
    if (value === null || (isScalar(value) && value.value === null)) {
      return { ...base, form: 'default', service: entry.key };
    }
    const valueSpan = this.spanOf(value, entry.keyRange);
    const text = scalarString(value);
    if (text !== undefined) {
      const { name: service, rest: endpoint } = splitColonPair(text);
      if (endpoint === undefined) return { ...base, form: 'invalid', valueSpan };
      const spans = colonPairSpans(text, valueSpan, this.file.text);
      return { ...base, form: 'legacy', valueSpan, service, serviceSpan: spans.name, endpoint, endpointSpan: spans.rest };
    }
    if (isMap(value)) {
      const service = this.stringField(value, 'service');
      const endpoint = this.stringField(value, 'endpoint');
      return {
        ...base,
        form: 'explicit',
        valueSpan,
        service: service?.value ?? entry.key,
        serviceSpan: service?.span,
        endpoint: endpoint?.value,
        endpointSpan: endpoint?.span,
      };
    }
    return { ...base, form: 'invalid', valueSpan };
  }

  private readRoutes(node: unknown): void {
    for (const entry of entries(this.doc, node)) {
      const value = entry.value ?? undefined;
      this.routes.push({
        url: entry.key,
        urlSpan: this.span(entry.keyRange),
        span: this.span(entry.range),
        type: this.stringField(value, 'type'),
        upstream: this.stringField(value, 'upstream'),
        to: this.stringField(value, 'to'),
      });
    }
  }
}
