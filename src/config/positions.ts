// Offsets to lines and columns: the one place that does it, for the editor glue (0-based, made
// `Position`s in src/vscode/language/positions.ts), the CLI and the explorer (1-based, as people
// number lines). Each file's own line table is used, so a span maps onto exactly the text that
// was validated.

import type { ConfigFile } from './model';

/** 0-based line and character, as editors count; 0:0 when the file is unknown. */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export function positionOf(file: Pick<ConfigFile, 'lineCounter'> | undefined, offset: number): LinePosition {
  const pos = file?.lineCounter.linePos(offset);
  return pos ? { line: pos.line - 1, character: pos.col - 1 } : { line: 0, character: 0 };
}
