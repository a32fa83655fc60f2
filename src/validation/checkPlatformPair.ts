// A folder holding both `.upsun/` and `.platform/` config is two projects: Upsun reads only
// `.upsun/`, Platform.sh only `.platform/` and `.platform.app.yaml`, and neither merges the
// other's files. Each set is checked on its own; one warning, on the Upsun side, says so.

import * as path from 'path';
import type { Problem, ProjectModel } from '../config/model';
import { CODES } from './codes';
import { problem } from './problem';

export function checkPlatformPair(model: ProjectModel): Problem[] {
  if (model.platform !== 'upsun' || model.otherPlatformFiles.length === 0) return [];
  const first = model.files[0];
  if (!first) return [];
  const lineEnd = first.text.indexOf('\n');
  const span = { file: first.path, start: 0, end: lineEnd < 0 ? first.text.length : lineEnd };
  const others = model.otherPlatformFiles.map((f) => path.relative(model.root, f).split(path.sep).join('/'));
  return [
    problem(
      span,
      'warning',
      CODES.twoPlatforms,
      `This folder holds config for both platforms: Upsun reads only \`.upsun/\`, Platform.sh only \`.platform/\` and \`.platform.app.yaml\` (${others.map((o) => `\`${o}\``).join(', ')}). Each set is checked on its own, as the platform that reads it would. Remove the set your project no longer deploys with.`,
      { related: model.otherPlatformFiles.map((file) => ({ span: { file, start: 0, end: 0 }, message: 'Read by Platform.sh only' })) },
    ),
  ];
}
