// Writing, and checking for staleness, the files `npm run catalog` generates. The tables are
// JSON, not TypeScript: ESLint's type-aware rules and the duplicate finder pass them by, and
// a regeneration shows as a diff of the lines that changed.

import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

/** One file a generator makes: its path from the repository root, and its whole text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/** Widest line `compactJson` keeps on one line, indent included (characters). */
const LINE_WIDTH = 120;

/**
 * JSON text, each value on one line when it fits in `LINE_WIDTH` characters, else one member
 * a line: one image version or one short key a line, so a regeneration's diff names what
 * changed. Keys keep the order the generator gave them: the catalog relies on it (the first
 * endpoint stands in for a default).
 */
export function compactJson(value: unknown, indent = '', prefix = ''): string {
  const flat = JSON.stringify(value);
  // `<`: one character is kept for the comma after a member.
  if (value === null || typeof value !== 'object' || indent.length + prefix.length + flat.length < LINE_WIDTH) return flat;
  const inner = `${indent} `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const members = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${members.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner, `${JSON.stringify(k)}: `)}`).join(',\n')}\n${indent}}`;
}

/** A generated JSON file: `compactJson` and a final newline. */
export function jsonFile(file: string, value: unknown): GeneratedFile {
  return { path: file, text: `${compactJson(value)}\n` };
}

/** The file's text under `repo`, or undefined when there is none. */
function onDisk(file: GeneratedFile, repo: string): string | undefined {
  const full = path.join(repo, file.path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

/**
 * What differs between the generated files and the ones under `repo`: one message a stale or
 * missing file, naming it and what to run. Empty when all are current.
 */
export function staleFiles(files: readonly GeneratedFile[], repo: string): string[] {
  return files.flatMap((file) => {
    const text = onDisk(file, repo);
    if (text === undefined) return [`${file.path} is missing: run \`npm run catalog\` and commit it.`];
    return text === file.text ? [] : [`${file.path} is stale: it differs from what its generator makes of shared/reference. Run \`npm run catalog\` and commit the result.`];
  });
}

/** Writes each file whose text changed under `repo`; returns the paths written. */
export function writeFiles(files: readonly GeneratedFile[], repo: string): string[] {
  const changed = files.filter((file) => onDisk(file, repo) !== file.text);
  for (const file of changed) writeFileSync(path.join(repo, file.path), file.text);
  return changed.map((file) => file.path);
}
