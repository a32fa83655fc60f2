// `npm run test:unit`: the pure modules on plain Node.
import { runMochaLevel } from '../mochaRun';

runMochaLevel({ level: 'unit', dir: 'out/test/unit', timeoutMs: 30_000 }).then(
  (failures) => (process.exitCode = failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
