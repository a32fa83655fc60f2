// Human-readable lint output: `file:line:column: severity code: message`, the form editors and
// CI logs turn into links, then a one-line summary. Names are in plain quotes, as in the
// Problems panel (a terminal shows no Markdown).

import { plainMessage } from '../../validation/problem';
import { terminalText } from '../terminalText';
import type { Finding } from './findings';

export function formatText(findings: readonly Finding[], fileCount: number): string {
  // Paths and messages quote a repository's file names and YAML.
  const lines = findings.map((f) => `${terminalText(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${terminalText(plainMessage(f.message))}`);
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const files = `${fileCount} config file${fileCount === 1 ? '' : 's'}`;
  lines.push(
    findings.length === 0
      ? `No problems in ${files}.`
      : `${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s) in ${files}.`,
  );
  return lines.join('\n') + '\n';
}
