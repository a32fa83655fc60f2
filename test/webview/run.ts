// `npm run test:webview`: the webviews' built scripts (dist/webview) in Debian's Chromium,
// each page against a fake host that answers its protocol; no VS Code.
import { runMochaLevel } from '../mochaRun';

runMochaLevel({ level: 'webview', dir: 'out/test/webview', timeoutMs: 60_000 }).then(
  (failures) => (process.exitCode = failures > 0 ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
