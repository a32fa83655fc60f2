// Where things are, from compiled code in `out/test/harness/`.

import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Screenshots and other artefacts a test run leaves for people to look at (gitignored). */
export const TEST_RESULTS = path.join(REPO_ROOT, 'test-results');

export const SAMPLE_PROJECT = path.join(REPO_ROOT, 'test', 'fixtures', 'sample-project');
