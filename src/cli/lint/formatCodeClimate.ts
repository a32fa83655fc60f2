// GitLab Code Quality reports (`artifacts: reports: codequality:`): a JSON array in the subset of
// the Code Climate spec that GitLab reads. The fields and severities are those GitLab documents
// under "Implement a custom tool" (docs.gitlab.com/ci/testing/code_quality/): description,
// check_name, fingerprint, severity (info, minor, major, critical, blocker), location.path and
// location.lines.begin.

import { createHash } from 'crypto';
import type { Severity } from '../../config/model';
import { terminalJson } from '../terminalText';
import type { Finding } from './findings';

/** Errors stop a deploy or break the app; GitLab's scale keeps critical and blocker for worse. */
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/**
 * The fingerprint identifies a finding across pipelines, which is how GitLab tells new problems
 * from fixed ones in a merge request: file, code and message, not the line, so that an edit
 * above a problem does not make it look new. Repeats of the same finding in a file are
 * numbered so that each keeps a fingerprint of its own.
 */
export function formatCodeClimate(findings: readonly Finding[]): string {
  const seen = new Map<string, number>();
  const issues = findings.map((f) => {
    const identity = `${f.file}\0${f.code}\0${f.message}`;
    const repeat = seen.get(identity) ?? 0;
    seen.set(identity, repeat + 1);
    return {
      type: 'issue',
      description: f.message,
      check_name: f.code,
      fingerprint: createHash('md5').update(`${identity}\0${repeat}`).digest('hex'),
      severity: SEVERITY[f.severity],
      location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
    };
  });
  return terminalJson(issues, 2) + '\n';
}
