// `npm run test:package`: what users install, checked as they get it: the npm tarball in an
// empty prefix and through npx, the VSIX's file list, and the pre-commit hook run by pre-commit.
import { runMochaLevel } from '../mochaRun';

runMochaLevel({ level: 'package', dir: 'out/test/package', timeoutMs: 15 * 60_000 }).then(
  (failures) => (process.exitCode = failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
