// Bundles the extension and the CLI into dist/. `--production` minifies for the VSIX;
// otherwise source maps point back at src/ for debugging.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the form VS Code's $esbuild-watch problem matcher reads. */
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * `lint` must start fast (bench/lint.ts), so the CLI's Kafka side (src/cli/kafka, with kafkajs)
 * is a bundle of its own: the dynamic `import('./kafka')` of the Kafka commands loads it from
 * dist/cli-kafka.js when one runs, and dist/cli.js holds only what every command needs.
 */
const cliKafkaApart = {
  name: 'cli-kafka-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/kafka$/ }, (args) =>
      args.kind === 'dynamic-import' && /src[\\/]cli$/.test(args.resolveDir) ? { path: './cli-kafka.js', external: true } : undefined,
    );
  },
};

const node = {
  // dist/cli.js starts dist/cli-main.js with a code cache (src/cli/launch.ts).
  entryPoints: { extension: 'src/extension.ts', cli: 'src/cli/launch.ts', 'cli-main': 'src/cli/main.ts', 'cli-kafka': 'src/cli/kafka/index.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() as require(): the CLI bundle runs as a vm.Script (src/cli/launch.ts), where a
  // native import() has no loader to call.
  supported: { 'dynamic-import': false },
  outdir: 'dist',
  external: ['vscode'],
  // jsonc-parser's main build is UMD with requires esbuild cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // In watch mode VS Code's problem matcher reads the plugin's lines; a one-off build just
  // prints its warnings and errors.
  logLevel: watch ? 'silent' : 'warning',
  metafile: true,
  plugins: watch ? [problemMatcherLog, cliKafkaApart] : [cliKafkaApart],
};

/**
 * The webviews' scripts (src/webview, type-checked by its own tsconfig with the DOM's types):
 * browser code loaded by a nonce'd <script> under each view's CSP. Source maps only in
 * development, and never listed in package.json `files`.
 */
const webview = {
  entryPoints: { peek: 'src/webview/peek/main.ts' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/webview',
  // jsonc-parser's main build is UMD with requires esbuild cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [problemMatcherLog] : [],
};

const contexts = [await esbuild.context(node), await esbuild.context(webview)];

if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const [{ metafile }] = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  // What went into each bundle, for the test that keeps the Kafka client out of dist/cli.js.
  mkdirSync('out', { recursive: true });
  writeFileSync('out/esbuild-meta.json', JSON.stringify(metafile));
}
