// `stack:` of an application on a composable image (`type: composable:<channel>`). Each entry
// names a Nix package, `name` or `name@version`, written as a string or as the key of a map
// that configures it (`"php@8.3": { extensions: [...] }`). For the runtimes the channel lists
// in Upsun's composable catalogue (upsun/meta resources/image/composable.json
// `packages_versions`), a version the channel does not offer cannot be built: an error that
// lists the versions it does offer. Any other name is one of the channel's other Nix packages,
// which the catalogue does not list, so it is never flagged.
//
// And the pairing the Upsun CLI's own linter warns about (upsun/cli internal/lint/types.go,
// CheckTypes, Flex style only): a `stack` with no `type` (Upsun still builds it, "for backwards
// compatibility"), and a composable image with no `stack`. A `stack` beside a runtime type
// (`php:8.4`) is warned too: the docs describe `stack` only for composable images
// (create-apps/app-reference/composable-image).

import { isMap, isScalar, isSeq, Document } from 'yaml';
import { findImage, findVersion, newestSupported } from '../catalog/catalog';
import type { ApplicationDecl, ConfigFile, Problem, ProjectModel } from '../config/model';
import { get, nodeRange, resolve } from '../config/yamlNodes';
import { CODES } from './codes';
import { listOf, problem, quoted } from './problem';

/** The entry's package text and the node it is written in: a scalar, or a one-key map's key. */
function stackEntry(doc: Document, item: unknown): { text: string; node: unknown } | undefined {
  const node = resolve(doc, item);
  if (isScalar(node) && typeof node.value === 'string') return { text: node.value, node };
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key) && typeof node.items[0].key.value === 'string') {
    return { text: node.items[0].key.value, node: node.items[0].key };
  }
  return undefined;
}

function checkApp(app: ApplicationDecl, file: ConfigFile, channel: string, packages: Readonly<Record<string, readonly string[]>>): Problem[] {
  const doc = file.document;
  const stack = resolve(doc, get(doc, app.node, 'stack')?.value);
  if (!isSeq(stack)) return [];
  const problems: Problem[] = [];
  for (const item of stack.items) {
    const entry = stackEntry(doc, item);
    const at = entry?.text.lastIndexOf('@') ?? -1;
    if (!entry || at <= 0) continue;
    const name = entry.text.slice(0, at);
    const version = entry.text.slice(at + 1);
    const offered = packages[name];
    if (!offered || offered.includes(version)) continue;
    const range = nodeRange(entry.node);
    if (!range) continue;
    const newest = offered[offered.length - 1];
    problems.push(
      problem(
        { file: file.path, start: range.start, end: range.end },
        'error',
        CODES.stackUnknownVersion,
        `\`${entry.text}\`: the composable channel ${channel} offers ${name} ${listOf([...offered])}, not ${version}. Use one of those${newest ? `, such as \`${name}@${newest}\`` : ''}, or another channel.`,
        newest ? { replacement: `${name}@${newest}` } : undefined,
      ),
    );
  }
  return problems;
}

/** Whether `stack:` lists anything: the CLI counts an empty string, list or map as no stack. */
function hasStack(stack: unknown): boolean {
  if (isSeq(stack) || isMap(stack)) return stack.items.length > 0;
  return isScalar(stack) && stack.value !== null && stack.value !== '';
}

function checkPairing(app: ApplicationDecl, file: ConfigFile): Problem[] {
  const doc = file.document;
  const entry = get(doc, app.node, 'stack');
  const stacked = hasStack(entry?.value);
  const channel = newestSupported('composable', 'upsun')?.version ?? '<channel>';
  const composable = `composable:${channel}`;
  if (stacked && !app.type && entry) {
    const span = { file: file.path, start: entry.keyRange.start, end: entry.keyRange.end };
    return [problem(span, 'warning', CODES.stackWithoutComposable, `Application ${quoted(app.name)} has a \`stack\` but no \`type\`: Upsun still builds it, but a \`stack\` belongs with a composable image. Add \`type: ${composable}\`.`)];
  }
  if (!app.type || app.typeName === undefined) return [];
  if (stacked && app.typeName !== 'composable' && findImage(app.typeName, 'upsun')?.kind === 'runtime') {
    return [problem(app.type.span, 'warning', CODES.stackWithoutComposable, `Application ${quoted(app.name)} has a \`stack\`, but \`stack\` is read only with a composable image, not with \`${app.type.value}\`. Write \`type: ${composable}\` and list \`${app.typeName}@${app.version ?? '<version>'}\` in the stack, or remove \`stack\`.`)];
  }
  if (!stacked && app.typeName === 'composable') {
    return [problem(app.type.span, 'warning', CODES.composableWithoutStack, `Application ${quoted(app.name)} uses the composable image \`${app.type.value}\` but lists no packages under \`stack\`. Add them, such as \`stack: [ "php@8.4" ]\`.`)];
  }
  return [];
}

export function checkStack(model: ProjectModel): Problem[] {
  if (model.platform !== 'upsun') return [];
  const files = new Map(model.files.map((f) => [f.path, f]));
  const problems: Problem[] = [];
  for (const app of model.applications) {
    const file = files.get(app.span.file);
    if (!file || !app.node) continue;
    problems.push(...checkPairing(app, file));
    if (app.typeName !== 'composable' || !app.version) continue;
    const packages = findVersion('composable', app.version, 'upsun')?.packages;
    if (packages) problems.push(...checkApp(app, file, app.version, packages));
  }
  return problems;
}
