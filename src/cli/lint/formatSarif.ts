// SARIF 2.1.0 for code-scanning tools (GitHub uploads it with codeql-action/upload-sarif):
// one run, one rule per diagnostic code, locations relative to the source root.

import type { Severity } from '../../config/model';
import { CODE_DOCS } from '../../validation/codeDocs';
import type { ProblemCode } from '../../validation/codes';
import { terminalJson } from '../terminalText';
import type { Finding } from './findings';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function location(file: string, region: Record<string, number>) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region } };
}

export function formatSarif(findings: readonly Finding[], toolVersion: string): string {
  const ruleIds = Object.keys(CODE_DOCS) as ProblemCode[];
  const index = new Map(ruleIds.map((id, i) => [id as string, i]));
  const rules = ruleIds.map((id) => ({
    id,
    name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: CODE_DOCS[id].summary },
    help: { text: CODE_DOCS[id].help },
    defaultConfiguration: { level: LEVEL[CODE_DOCS[id].severity] },
  }));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn })],
    ...(f.related ? { relatedLocations: f.related.map((r, i) => ({ id: i, message: { text: r.message }, ...location(r.file, { startLine: r.line, startColumn: r.column }) })) } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'upsun-kafka', version: toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder the linter ran in.' } } },
        results,
      },
    ],
  };
  return terminalJson(log, 2) + '\n';
}
