// Mounts as Platform.sh reads them. Platform.sh still takes the older string form
// `"shared:files/<path>"`, which its CLI expands to `{ source: local, source_path: <path> }` and
// refuses in any other form (platformsh/legacy-cli `Mount::normalizeDefinition`), so it is
// accepted with a note that names the mapping form. A `local` mount needs the application's
// `disk:`: "If set as a local source, disk is required" (Platform.sh, now Upsun Fixed, docs:
// create-apps/image-properties/mounts). Upsun has no string form: the shape check rejects it.

import { isMap, Document } from 'yaml';
import type { ApplicationDecl, ConfigFile, Problem, ProjectModel, SourceSpan } from '../config/model';
import { entries, Entry, get, nodeRange, scalarString } from '../config/yamlNodes';
import { CODES } from './codes';
import { problem } from './problem';

const STRING_MOUNT_PREFIX = 'shared:files';

/** `shared:files/cache` → `cache`, as the CLI does (prefix removed, slashes trimmed). */
export function stringMountPath(value: string): string | undefined {
  if (!value.includes(STRING_MOUNT_PREFIX)) return undefined;
  return value.replace(STRING_MOUNT_PREFIX, '').replace(/^\/+|\/+$/g, '');
}

interface MountAt {
  readonly entry: Entry;
  /** `mounts` or `workers.queue.mounts`, for messages. */
  readonly where: string;
}

function mountsOf(doc: Document, node: unknown, where: string): MountAt[] {
  return entries(doc, get(doc, node, 'mounts')?.value).map((entry) => ({ entry, where: `${where}mounts` }));
}

function checkApp(app: ApplicationDecl, file: ConfigFile): Problem[] {
  const doc = file.document;
  const mounts = mountsOf(doc, app.node, '');
  for (const worker of entries(doc, get(doc, app.node, 'workers')?.value)) mounts.push(...mountsOf(doc, worker.value, `workers.${worker.key}.`));
  const problems: Problem[] = [];
  const span = (range: { start: number; end: number }): SourceSpan => ({ file: file.path, start: range.start, end: range.end });
  const hasDisk = get(doc, app.node, 'disk') !== undefined;
  const who = app.name ? `Application \`${app.name}\`` : 'This application';
  for (const { entry, where } of mounts) {
    const text = scalarString(entry.value);
    const valueSpan = span(nodeRange(entry.value) ?? entry.keyRange);
    let local = false;
    if (text !== undefined) {
      const sourcePath = stringMountPath(text);
      if (sourcePath === undefined) {
        problems.push(problem(valueSpan, 'error', CODES.mountInvalid, `Mount \`${where}.${entry.key}\` is the string "${text}": Platform.sh reads a string mount only as "shared:files/<path>". Write it as \`{ source: local, source_path: <path> }\`.`));
        continue;
      }
      const replacement = `{ source: local, source_path: ${sourcePath || '""'} }`;
      problems.push(problem(valueSpan, 'information', CODES.mountStringForm, `Mount \`${where}.${entry.key}\` uses the older string form, which Platform.sh reads as \`${replacement}\`. Write that mapping instead; it is the form the docs use today.`, { replacement }));
      local = true;
    } else if (isMap(entry.value)) {
      local = scalarString(get(doc, entry.value, 'source')?.value) === 'local';
    }
    if (local && !hasDisk) {
      problems.push(problem(span(entry.keyRange), 'error', CODES.mountNeedsDisk, `${who} has the local mount \`${where}.${entry.key}\` but no \`disk:\`: Platform.sh needs the application's disk size for local mounts. Add \`disk:\` (MB, at least 256) to the application.`, { replacement: '256' }));
    }
  }
  return problems;
}

export function checkMounts(model: ProjectModel): Problem[] {
  const files = new Map(model.files.map((f) => [f.path, f]));
  const problems: Problem[] = [];
  for (const app of model.applications) {
    const file = files.get(app.span.file);
    if (!file || file.kind === 'upsun' || !app.node) continue;
    problems.push(...checkApp(app, file));
  }
  return problems;
}
