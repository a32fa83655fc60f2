// Platform.sh's `!include` tag (docs.platform.sh/learn/overview/yaml/platform-yaml-tags.html):
// `!include <path>` (short form) or `!include { type: yaml|string|binary, path: <path> }`,
// `type` defaulting to `yaml`, the path relative to the including file. A `yaml` include
// stands for the parsed file; `string` and `binary` for the file's bytes as a value.

import * as path from 'path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';

export interface IncludeTarget {
  /** `yaml`, `string` or `binary` as written; another word is left for the platform to refuse. */
  readonly type: string;
  /** Absolute, resolved against the including file's folder. */
  readonly path: string;
}

/** What an `!include`-tagged node pulls in, or undefined when the node is no include or names no path. */
export function includeTarget(node: unknown, includingFile: string): IncludeTarget | undefined {
  if ((node as { tag?: string } | null)?.tag !== '!include') return undefined;
  let type: unknown = 'yaml';
  let target: unknown;
  if (isScalar(node)) target = node.value;
  else if (isMap(node)) {
    target = node.get('path');
    type = node.get('type') ?? 'yaml';
  }
  if (typeof target !== 'string' || target === '' || typeof type !== 'string') return undefined;
  return { type, path: path.resolve(path.dirname(includingFile), target) };
}

/** Every `yaml` include in a document, at any depth: the files a project build must read. */
export function yamlIncludes(root: YamlNode | null, includingFile: string): string[] {
  const found: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    const target = includeTarget(node, includingFile);
    if (target) {
      if (target.type === 'yaml') found.push(target.path);
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found;
}

/** Nesting deeper than this is hostile (see checkShapes); includes below it are not looked for. */
const MAX_INCLUDE_DEPTH = 64;

/**
 * Every `!include`-tagged node of a document, at any depth, with what it pulls in (any `type`),
 * in no particular order: the files a build must find, and where each is named.
 */
export function includeNodes(root: YamlNode | null, includingFile: string): { node: YamlNode; target: IncludeTarget }[] {
  const found: { node: YamlNode; target: IncludeTarget }[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const target = includeTarget(node, includingFile);
    if (target) found.push({ node: node as YamlNode, target });
    else if (depth < MAX_INCLUDE_DEPTH && isMap(node)) for (const pair of node.items) stack.push({ node: pair.value, depth: depth + 1 });
    else if (depth < MAX_INCLUDE_DEPTH && isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
  }
  return found;
}
