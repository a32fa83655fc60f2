// Which declaration a cursor is on: the one whose span holds the offset, ends included so a
// cursor just after a name still counts.

import type { SourceSpan } from '../config/model';

export function spanContains(span: SourceSpan | undefined, filePath: string, offset: number): span is SourceSpan {
  return span !== undefined && span.file === filePath && span.start <= offset && offset <= span.end;
}
