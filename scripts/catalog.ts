// `npm run catalog`: regenerates the image catalog, the config key tables (both JSON under
// src/catalog) and the YAML extension's schemas (syntaxes/) from the copies in
// ../shared/reference, in one run. `npm run catalog -- --check` writes nothing: it regenerates
// them in memory and exits 1, naming each committed file that differs and what to run; the unit
// level runs it (test/unit/generatedFiles.test.ts). A missing reference folder fails either.

import { catalogFiles } from './generate-catalog';
import { configShapeFiles, describeDifference, undecided, type KeyDifference } from './generate-config-shapes';
import { yamlSchemaFiles } from './generate-yaml-schemas';
import { type GeneratedFile, staleFiles, writeFiles } from './generatedFiles';
import { REPO_ROOT } from './referenceDir';

/** Every generated file from the reference copies under `repo`, and the key differences found on the way. */
export function generateAll(repo = REPO_ROOT): { files: GeneratedFile[]; differences: readonly KeyDifference[] } {
  const shapes = configShapeFiles(repo);
  return { files: [...catalogFiles(repo), ...shapes.files, ...yamlSchemaFiles(shapes.shapes)], differences: shapes.differences };
}

/** Why the key tables cannot be written: key differences between the sources with no decision. */
function undecidedMessage(differences: readonly KeyDifference[]): string[] {
  const open = undecided(differences);
  if (open.length === 0) return [];
  const list = open.map((d) => `${d.platform} ${d.path} (only in ${d.onlyIn})`).join(', ');
  return [`${open.length} key difference(s) between the JSON Schema and the OpenAPI specs have no decision: ${list}. Add them to scripts/configShapeDecisions.ts.`];
}

/**
 * What `--check` reports for the repository at `repo`: undecided key differences, then each
 * generated file that is missing or differs. Empty when everything is current. Throws, naming
 * where it looked, when the reference folder is missing.
 */
export function checkGenerated(repo = REPO_ROOT): string[] {
  const { files, differences } = generateAll(repo);
  return [...undecidedMessage(differences), ...staleFiles(files, repo)];
}

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: npm run catalog [-- --check]`);
    return 2;
  }
  const check = args.includes('--check');
  try {
    if (check) {
      const problems = checkGenerated();
      for (const problem of problems) console.error(problem);
      if (problems.length === 0) console.log('The generated catalog, key tables and YAML schemas are current.');
      return problems.length > 0 ? 1 : 0;
    }
    const { files, differences } = generateAll();
    for (const d of differences) console.log(describeDifference(d));
    const open = undecidedMessage(differences);
    if (open.length > 0) {
      console.error(open[0]);
      return 1;
    }
    const written = writeFiles(files, REPO_ROOT);
    console.log(written.length > 0 ? `Wrote ${written.join(', ')}.` : `All ${files.length} generated files were already current.`);
    return 0;
  } catch (error) {
    console.error(`npm run catalog${check ? ' -- --check' : ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
