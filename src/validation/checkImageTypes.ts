// `type: name:version` of services and applications against the image catalog: the name must
// be an image of the right kind, the version one that still deploys. Retired versions deploy
// (frozen until decommissioned), so they warn rather than fail: the platform accepts them.

import { findImage, findVersion, images, isDeployable, newestSupported, recommendedVersions } from '../catalog/catalog';
import type { ImageInfo } from '../catalog/types';
import type { Field, Problem, ProjectModel } from '../config/model';
import { closest } from './closest';
import { CODES } from './codes';
import { listOf, problem } from './problem';

type Kind = ImageInfo['kind'];

const KIND_WORD: Record<Kind, string> = { runtime: 'application runtime', service: 'service' };

/** `name:version`, keeping the written version when it is maintained for `name`, else the newest. */
function withVersion(name: string, version: string | undefined): string {
  const keep = version !== undefined && recommendedVersions(name).some((v) => v.version === version);
  const newest = newestSupported(name)?.version;
  return keep ? `${name}:${version}` : newest ? `${name}:${newest}` : name;
}

function checkType(type: Field<string>, typeName: string, version: string | undefined, kind: Kind): Problem[] {
  const image = findImage(typeName);
  if (!image || image.kind !== kind) {
    const candidates = images(kind).map((i) => i.type);
    const suggestion = closest(typeName, candidates);
    const otherKind = image ? ` \`${typeName}\` is a ${KIND_WORD[image.kind]}, not ${kind === 'runtime' ? 'an' : 'a'} ${KIND_WORD[kind]}.` : '';
    const advice = suggestion ? `Did you mean \`${suggestion}\`?` : `Use one of ${listOf(candidates)}.`;
    return [problem(type.span, 'error', CODES.unknownType, `Unknown ${KIND_WORD[kind]} type \`${typeName}\`.${otherKind} ${advice}`, suggestion ? { replacement: withVersion(suggestion, version) } : undefined)];
  }
  if (image.anyVersion) return [];
  const deployable = recommendedVersions(typeName).map((v) => v.version);
  const newest = newestSupported(typeName);
  const data = newest ? { replacement: `${typeName}:${newest.version}` } : undefined;
  const supportedList = deployable.length ? listOf(deployable) : 'none';
  if (version === undefined || version === '') {
    return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}\` needs a version: write \`${typeName}:<version>\`. Versions that deploy: ${supportedList}.`, data)];
  }
  const known = findVersion(typeName, version);
  if (!known || !isDeployable(known)) {
    const why = known ? `is ${known.status}` : 'does not exist';
    return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}:${version}\` ${why} and does not deploy. Use a supported version: ${supportedList}.`, data)];
  }
  if (known.status === 'retired') {
    return [problem(type.span, 'warning', CODES.retiredVersion, `\`${typeName}:${version}\` (${image.name}) is retired: it still deploys, but the image is frozen, gets no security updates and will be decommissioned. Upgrade to ${newest ? `\`${typeName}:${newest.version}\`` : 'a supported version'}; versions that are maintained: ${supportedList}.`, data)];
  }
  if (known.status === 'deprecated') {
    return [problem(type.span, 'warning', CODES.deprecatedVersion, `\`${typeName}:${version}\` (${image.name}) is deprecated: it still deploys but gets no more updates. Move to ${newest ? `\`${typeName}:${newest.version}\`` : 'a supported version'}.`, data)];
  }
  return [];
}

export function checkImageTypes(model: ProjectModel): Problem[] {
  const problems: Problem[] = [];
  for (const s of model.services) if (s.type && s.typeName !== undefined) problems.push(...checkType(s.type, s.typeName, s.version, 'service'));
  for (const a of model.applications) if (a.type && a.typeName !== undefined) problems.push(...checkType(a.type, a.typeName, a.version, 'runtime'));
  return problems;
}
