// A fresh copy of the sample Upsun project, so tests and demos may edit it without touching
// the fixture in git.

import { cpSync, mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SAMPLE_PROJECT } from './paths';

export function copySampleProject(into?: string): string {
  const target = into ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'upsun-kafka-sample-')), 'sample-project');
  cpSync(SAMPLE_PROJECT, target, { recursive: true });
  return target;
}
