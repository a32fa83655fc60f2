// An `!include` in `.upsun/` of a YAML file that sits in `.upsun/` too. Upsun reads every
// `.upsun/*.yaml` and `.upsun/*.yml` as a configuration file of its own and merges them (the
// Upsun CLI globs both and merges each one's `applications`, `services` and `routes`: upsun/cli
// internal/lint/merge.go findUpsunConfigFiles, mergeConfigFiles), whether or not another file
// includes it; an included application body there fails the deploy with "Contents should be a
// YAML map" (platformsh/platformsh-docs#4239). So the include works, but the file is read twice.

import { isMap, isPair, isSeq } from 'yaml';
import { configFileKind } from '../config/fileKinds';
import { includeTarget } from '../config/includes';
import type { Problem, ProjectModel } from '../config/model';
import { nodeRange } from '../config/yamlNodes';
import { CODES } from './codes';
import { problem } from './problem';

/** Hostile nesting stops here, as in checkShapes. */
const MAX_DEPTH = 64;

export function checkIncludes(model: ProjectModel): Problem[] {
  const problems: Problem[] = [];
  for (const file of model.files) {
    if (file.kind !== 'upsun') continue;
    const stack: { node: unknown; depth: number }[] = [{ node: file.document.contents, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      const target = includeTarget(node, file.path);
      if (target) {
        const range = nodeRange(node);
        if (range && configFileKind(target.path) === 'upsun') {
          const name = target.path.replace(/\\/g, '/').split('/').slice(-2).join('/');
          // The node's range leaves out its tag: mark from `!include` on.
          const tag = file.text.lastIndexOf('!include', range.start);
          const start = tag >= 0 && file.text.slice(tag + '!include'.length, range.start).trim() === '' ? tag : range.start;
          problems.push(
            problem({ file: file.path, start, end: range.end }, 'error', CODES.includeInConfigFolder, `\`${name}\` is in \`.upsun/\`, where Upsun reads every YAML file as configuration of its own: besides this \`!include\`, it is merged as a top-level config file, and the deploy fails unless its top level is \`applications:\`, \`services:\` or \`routes:\`. Move it out of \`.upsun/\` (next to the application's code, for example) and include it from there.`),
          );
        }
        continue;
      }
      if (depth >= MAX_DEPTH) continue;
      if (isMap(node)) for (const pair of node.items) if (isPair(pair)) stack.push({ node: pair.value, depth: depth + 1 });
      if (isSeq(node)) for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return problems;
}
