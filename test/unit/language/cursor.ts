// Test texts mark the cursor with `|`, as yaml-language-server's tests do.

import type { ConfigFileKind, ProjectModel } from '../../../src/config/model';
import { buildProjectModel } from '../../../src/config/buildModel';

export const CONFIG = '/p/.upsun/config.yaml';

export interface AtCursor {
  readonly project: ProjectModel;
  readonly file: string;
  readonly offset: number;
}

/** A one-file project from text with a `|` where the cursor is (the `|` is removed). */
export function atCursor(marked: string, kind: ConfigFileKind = 'upsun', file = CONFIG): AtCursor {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('test text has no | cursor');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { project: buildProjectModel('/p', [{ path: file, kind, text }]), file, offset };
}

/** The offset of the n-th (0-based) occurrence of `needle`, plus `within` characters. */
export function offsetOf(text: string, needle: string, within = 0, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not in test text`);
  return at + within;
}
