// Quick fixes for problems, keyed on their stable code and reading the facts the validator
// put in `data` (see src/validation/codes.ts). Each fix is a set of text edits in offsets,
// possibly in another file of the project (a new service goes where services are declared).

import * as path from 'path';
import { images, newestSupported } from '../catalog/catalog';
import type { ImageInfo } from '../catalog/types';
import { splitColonPair } from '../config/colonPair';
import type { ConfigFile, OffsetRange, Platform, Problem, ProjectModel, RelationshipDecl } from '../config/model';
import { get, nodeRange } from '../config/yamlNodes';
import { CODES } from '../validation/codes';

export interface TextEdit {
  readonly file: string;
  readonly range: OffsetRange;
  readonly newText: string;
  /** The file does not exist yet: create it, then insert `newText` (range 0–0). */
  readonly createFile?: boolean;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix to apply with one key press (VS Code's "preferred" fix). */
  readonly preferred: boolean;
}

/** Codes whose fix swaps the version for the newest supported one. */
const VERSION_CODES: ReadonlySet<string> = new Set([CODES.unsupportedVersion, CODES.deprecatedVersion, CODES.retiredVersion]);

/** Codes whose fix replaces the problem's span with `data.replacement`, and the fix's title. */
const REPLACEMENTS: Readonly<Record<string, (replacement: string) => string>> = {
  [CODES.mountStringForm]: (r) => `Write the mount as ${r}`,
  [CODES.routeUnknownUpstream]: (r) => `Change to "${r}"`,
  [CODES.unknownKey]: (r) => `Rename to "${r}"`,
  [CODES.unknownType]: (r) => `Change to ${r}`,
  [CODES.unsupportedVersion]: (r) => `Change to ${r} (newest supported)`,
  [CODES.deprecatedVersion]: (r) => `Change to ${r} (newest supported)`,
  [CODES.retiredVersion]: (r) => `Change to ${r} (newest supported)`,
  [CODES.relationshipUnknownEndpoint]: (r) => `Change endpoint to "${r}"`,
  [CODES.relationshipLegacy]: (r) => `Convert to ${r}`,
  [CODES.diskTooSmall]: (r) => `Set disk to ${r} MB`,
  [CODES.stackUnknownVersion]: (r) => `Change to ${r}`,
};

export function quickFixesFor(project: ProjectModel, problem: Problem): QuickFix[] {
  if (problem.code === CODES.relationshipUnknownService) {
    // A close declared name ("Did you mean `kafka`?") is the likelier intent than a new
    // service named after the typo: that fix comes first and is the preferred one.
    const replacement = problem.data?.replacement;
    const change: QuickFix[] = replacement ? [{ title: `Change to "${replacement}"`, edits: [{ file: problem.span.file, range: problem.span, newText: replacement }], preferred: true }] : [];
    const create = createServiceFix(project, problem);
    return [...change, ...(create ? [{ ...create, preferred: change.length === 0 }] : [])];
  }
  if (problem.code === CODES.diskMissing) {
    const fix = addDiskFix(project, problem);
    return fix ? [fix] : [];
  }
  const title = REPLACEMENTS[problem.code];
  const replacement = problem.data?.replacement ?? fallbackReplacement(project, problem);
  if (!title || replacement === undefined) return [];
  const newText = fitReplacement(project, problem, replacement);
  return [{ title: title(replacement), edits: [{ file: problem.span.file, range: problem.span, newText }], preferred: true }];
}

function textOf(project: ProjectModel, file: string, range: OffsetRange): string {
  return project.files.find((f) => f.path === file)?.text.slice(range.start, range.end) ?? '';
}

/**
 * A version fix names the whole `image:version`; when the problem's span covers only the
 * version, only the version is replaced, so either span shape gives a valid `type:`.
 */
function fitReplacement(project: ProjectModel, problem: Problem, replacement: string): string {
  const isVersion = VERSION_CODES.has(problem.code);
  const current = textOf(project, problem.span.file, problem.span).replace(/^["']|["']$/g, '');
  const fix = splitColonPair(replacement);
  if (isVersion && splitColonPair(current).rest === undefined && fix.rest !== undefined) return fix.rest;
  return replacement;
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function relationshipAt(project: ProjectModel, problem: Problem): RelationshipDecl | undefined {
  return project.applications
    .flatMap((a) => a.relationships)
    .find((r) => r.span.file === problem.span.file && overlaps(r.span, problem.span));
}

/** What the fix needs when a problem came without data (older engines, parse-level checks). */
function fallbackReplacement(project: ProjectModel, problem: Problem): string | undefined {
  if (problem.code === CODES.relationshipLegacy) {
    const r = relationshipAt(project, problem);
    return r?.form === 'legacy' ? `{ service: ${r.service}, endpoint: ${r.endpoint} }` : undefined;
  }
  if (VERSION_CODES.has(problem.code)) {
    const decl = [...project.services, ...project.applications].find((d) => d.type && d.type.span.file === problem.span.file && overlaps(d.type.span, problem.span));
    const newest = decl?.typeName ? newestSupported(decl.typeName, project.platform) : undefined;
    return newest ? `${decl!.typeName}:${newest.version}` : undefined;
  }
  return undefined;
}

/** The image a missing service most likely is, from the names the relationship uses; Kafka when nothing says otherwise. */
function guessServiceImage(hints: readonly (string | undefined)[], platform: Platform): ImageInfo | undefined {
  const words = hints.filter((h): h is string => !!h).map((h) => h.toLowerCase());
  const candidates = images('service', platform).filter((i) => newestSupported(i.type, platform));
  const byName = candidates
    .filter((i) => words.some((w) => w.includes(i.type)))
    .sort((a, b) => b.type.length - a.type.length)[0];
  if (byName) return byName;
  const byEndpoint = candidates.find((i) => words.some((w) => Object.keys(newestSupported(i.type, platform)!.endpoints).includes(w)));
  return byEndpoint ?? candidates.find((i) => i.type === 'kafka');
}

function createServiceFix(project: ProjectModel, problem: Problem): QuickFix | undefined {
  const relationship = relationshipAt(project, problem);
  const name = problem.data?.missingService ?? relationship?.service;
  if (!name) return undefined;
  const image = guessServiceImage([name, relationship?.name, relationship?.endpoint], project.platform);
  const newest = image && newestSupported(image.type, project.platform);
  if (!image || !newest) return undefined;
  const problemFile = project.files.find((f) => f.path === problem.span.file);
  const isUpsun = problemFile?.kind === 'upsun';
  const entry = { name, type: `${image.type}:${newest.version}`, disk: !isUpsun && image.needDisk ? newest.minDiskMb ?? 1024 : undefined };
  const edit = isUpsun ? upsunServiceEdit(project, problemFile, entry) : platformServiceEdit(project, entry);
  if (!edit) return undefined;
  return { title: `Create service "${name}" (${entry.type}) in ${path.basename(edit.file)}`, edits: [edit], preferred: true };
}

interface NewService {
  readonly name: string;
  readonly type: string;
  readonly disk?: number;
}

function entryLines(service: NewService, indent: string, unit: string): string {
  const lines = [`${indent}${service.name}:`, `${indent}${unit}type: ${service.type}`];
  if (service.disk !== undefined) lines.push(`${indent}${unit}disk: ${service.disk}`);
  return lines.join('\n');
}

/** The indentation a file uses per level: its first indented line's, else two spaces. */
function indentUnit(text: string): string {
  return /\n( +)\S/.exec(text)?.[1] ?? '  ';
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function endOfLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** Appends at the end of a file, on a line of its own. */
function appendEdit(file: ConfigFile, block: string): TextEdit {
  const text = file.text;
  const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { file: file.path, range: { start: text.length, end: text.length }, newText: `${lead}${block}\n` };
}

/** Into the `services:` of the first `.upsun` file that has one (the problem's own first), else a new `services:` in the problem's file. */
function upsunServiceEdit(project: ProjectModel, problemFile: ConfigFile, service: NewService): TextEdit | undefined {
  const upsunFiles = [problemFile, ...project.files.filter((f) => f.kind === 'upsun' && f !== problemFile)];
  for (const file of upsunFiles) {
    const services = get(file.document, file.document.contents, 'services');
    if (!services) continue;
    const value = services.value;
    const items = (value as { items?: { key?: unknown; value?: unknown }[] } | null)?.items;
    if (value !== null && (!items || (value as { flow?: boolean }).flow)) return undefined;
    const firstKey = nodeRange(items?.[0]?.key);
    const innerKey = nodeRange((items?.[0]?.value as { items?: { key?: unknown }[] } | undefined)?.items?.[0]?.key);
    const indent = firstKey ? ' '.repeat(columnOf(file.text, firstKey.start)) : indentUnit(file.text);
    // Indent the new entry's keys as the first service's are, else by the file's unit.
    const unit = innerKey && firstKey ? ' '.repeat(Math.max(1, columnOf(file.text, innerKey.start) - indent.length)) : indentUnit(file.text);
    const last = items?.[items.length - 1];
    // A block value's range may run to the next line's start: step back before finding its line end.
    let at = nodeRange(last?.value)?.end ?? nodeRange(last?.key)?.end ?? services.keyRange.end;
    while (at > 0 && /\s/.test(file.text[at - 1])) at--;
    at = endOfLine(file.text, at);
    return { file: file.path, range: { start: at, end: at }, newText: `\n${entryLines(service, indent, unit)}` };
  }
  return appendEdit(problemFile, `services:\n${entryLines(service, indentUnit(problemFile.text), indentUnit(problemFile.text))}`);
}

/**
 * Platform.sh keeps services in `.platform/services.yaml`: a top-level map of names. Without
 * that file the fix creates it; an empty map written `{}` is replaced, since a block entry
 * cannot follow it.
 */
function platformServiceEdit(project: ProjectModel, service: NewService): TextEdit | undefined {
  const file = project.files.find((f) => f.kind === 'platform-services');
  if (!file) return { file: path.join(project.root, '.platform', 'services.yaml'), range: { start: 0, end: 0 }, newText: `${entryLines(service, '', '  ')}\n`, createFile: true };
  const top = file.document.contents as { flow?: boolean; items?: unknown[] } | null;
  const range = nodeRange(top);
  if (top && top.flow && range && (top.items?.length ?? 0) === 0) return { file: file.path, range, newText: entryLines(service, '', indentUnit(file.text)) };
  return appendEdit(file, entryLines(service, '', indentUnit(file.text)));
}

/** `disk: <minimum>` as the service's last key, indented like its other keys. */
function addDiskFix(project: ProjectModel, problem: Problem): QuickFix | undefined {
  const service = project.services.find((s) => s.nameSpan.file === problem.span.file && s.nameSpan.start === problem.span.start);
  const file = project.files.find((f) => f.path === problem.span.file);
  const items = (service?.node as { items?: { key?: unknown }[]; flow?: boolean } | undefined)?.items;
  const firstKey = nodeRange(items?.[0]?.key);
  if (!service || !file || !items || !firstKey || (service.node as { flow?: boolean }).flow) return undefined;
  const disk = problem.data?.replacement ?? '256';
  let at = service.span.end;
  while (at > 0 && /\s/.test(file.text[at - 1])) at--;
  at = endOfLine(file.text, at);
  const indent = ' '.repeat(columnOf(file.text, firstKey.start));
  return { title: `Add disk: ${disk} (MB)`, edits: [{ file: file.path, range: { start: at, end: at }, newText: `\n${indent}disk: ${disk}` }], preferred: true };
}
