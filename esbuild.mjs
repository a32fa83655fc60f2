// Bundles the extension and the CLI into dist/. `--production` minifies for the VSIX;
// otherwise source maps point back at src/ for debugging.
import * as esbuild from 'esbuild';
import { createHash } from 'crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'fs';

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

/**
 * dist/cli.js names its code cache by the sha1 of dist/cli-main.js (src/cli/launch.ts): written
 * into it after each build, so the CLI never loads `crypto` to hash its bundle at start.
 */
const cliBundleKey = {
  name: 'cli-bundle-key',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const key = createHash('sha1').update(readFileSync('dist/cli-main.js')).digest('hex');
      const launcher = readFileSync('dist/cli.js', 'utf8');
      const keyed = launcher.replace(/upsun-kafka-cli-main:[0-9a-f]{40}/, `upsun-kafka-cli-main:${key}`);
      if (keyed === launcher && !launcher.includes(key)) throw new Error('dist/cli.js has no BUNDLE_KEY to write the bundle key into');
      writeFileSync('dist/cli.js', keyed);
    });
  },
};

/**
 * commander requires `child_process` at load, for subcommands run as separate executables,
 * which this CLI has none of: loading it on first use keeps it off `lint`'s start.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_target, name) => (loaded ??= require('node:child_process'))[name] });",
      loader: 'js',
    }));
  },
};

const node = {
  // dist/cli.js starts dist/cli-main.js with a code cache (src/cli/launch.ts). A search, from
  // the extension or the CLI alike, matches records in a thread running dist/matchWorker.js.
  entryPoints: {
    extension: 'src/extension.ts',
    cli: 'src/cli/launch.ts',
    'cli-main': 'src/cli/main.ts',
    'cli-kafka': 'src/cli/kafka/index.ts',
    matchWorker: 'src/kafka/matchWorker.ts',
  },
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
  plugins: [...(watch ? [problemMatcherLog] : []), cliKafkaApart, lazyChildProcess, cliBundleKey],
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

/**
 * The message view's icons are VS Code's own font (@vscode/codicons, CC BY 4.0: its licence
 * ships beside it), copied as they are into dist/codicons for the VSIX and the webview.
 */
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['dist/codicon.css', 'dist/codicon.ttf', 'LICENSE']) copyFileSync(`node_modules/@vscode/codicons/${file}`, `dist/codicons/${file.replace(/^dist\//, '')}`);
}
copyCodicons();

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
