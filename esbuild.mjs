// Bundles the extension and the CLI into dist/. `--production` minifies for the VSIX;
// otherwise source maps point back at src/ for debugging.
import * as esbuild from 'esbuild';

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

const ctx = await esbuild.context({
  entryPoints: { extension: 'src/extension.ts', cli: 'src/cli/main.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
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
  plugins: watch ? [problemMatcherLog] : [],
});

if (watch) {
  await ctx.watch();
} else {
  await ctx.rebuild();
  await ctx.dispose();
}
