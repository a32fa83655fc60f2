// `type: name:version` of services and applications against the image registry of the
// platform that reads the file: the name must be an image of the right kind, the version one
// that still deploys there. Retired versions deploy (frozen until decommissioned), so they
// warn rather than fail.
//
// One rule for versions a platform dropped (docs/diagnostics.md, "Versions a platform dropped"):
// an error only where the platform is known to refuse, a warning wherever it is known to have
// offered the version. Platform.sh's registry lists only the grid's supported and deprecated
// versions, and drops a version the same way whatever the image (PHP 7.x and 8.1, Node.js 10 to
// 14, which its registry listed as deprecated until late 2025 and its Dedicated Gen 2 list still
// names). So on Platform.sh a version its grid list lacks is a `retired-version` warning when
// Upsun's registry (the same images) keeps it short of decommissioned, or a Dedicated list names
// it; an error when Upsun's registry has decommissioned it, or when no list names it at all.

import { findImage, findVersion, images, isDeployable, newestSupported, PLATFORM_NAMES, recommendedVersions } from '../catalog/catalog';
import type { ImageInfo } from '../catalog/types';
import type { ApplicationDecl, Field, Platform, Problem, ProjectModel, ServiceDecl } from '../config/model';
import { closest } from './closest';
import { CODES, type ProblemCode } from './codes';
import { inheritedUse, listOf, problem, quoted, withArticle } from './problem';

type Kind = ImageInfo['kind'];

const KIND_WORD: Record<Kind, string> = { runtime: 'application runtime', service: 'service' };

/** `name:version`, keeping the written version when it is maintained for `name`, else the newest. */
function withVersion(name: string, version: string | undefined, platform: Platform): string {
  const keep = version !== undefined && recommendedVersions(name, platform).some((v) => v.version === version);
  const newest = newestSupported(name, platform)?.version;
  return keep ? `${name}:${version}` : newest ? `${name}:${newest}` : name;
}

function checkType(type: Field<string>, typeName: string, version: string | undefined, kind: Kind, platform: Platform): Problem[] {
  const image = findImage(typeName, platform);
  const registry = `${PLATFORM_NAMES[platform]}'s registry`;
  if (!image || image.kind !== kind) {
    const candidates = images(kind, platform).map((i) => i.type);
    const suggestion = closest(typeName, candidates);
    const otherKind = image ? ` \`${typeName}\` is ${withArticle(KIND_WORD[image.kind])}, not ${withArticle(KIND_WORD[kind])}.` : ` It is not in ${registry}.`;
    const advice = suggestion ? `Did you mean \`${suggestion}\`?` : `Use one of ${listOf(candidates)}.`;
    return [problem(type.span, 'error', CODES.unknownType, `Unknown ${KIND_WORD[kind]} type \`${typeName}\`.${otherKind} ${advice}`, suggestion ? { replacement: withVersion(suggestion, version, platform) } : undefined)];
  }
  if (image.anyVersion) return [];
  const deployable = recommendedVersions(typeName, platform).map((v) => v.version);
  const newest = newestSupported(typeName, platform);
  const data = newest ? { replacement: `${typeName}:${newest.version}` } : undefined;
  const supportedList = deployable.length ? listOf(deployable) : 'none';
  if (version === undefined || version === '') {
    return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}\` needs a version: write \`${typeName}:<version>\`. Versions in ${registry}: ${supportedList}.`, data)];
  }
  const known = findVersion(typeName, version, platform);
  if (!known && platform === 'platformsh') {
    const upsunKnown = findVersion(typeName, version, 'upsun');
    const evidence = upsunKnown
      ? isDeployable(upsunKnown) ? `Upsun's registry, for the same images, still keeps it as ${upsunKnown.status}` : undefined
      : image.dedicatedVersions?.includes(version) ? 'Platform.sh Dedicated still lists it' : undefined;
    if (upsunKnown && !isDeployable(upsunKnown)) {
      return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}:${version}\` is not in ${registry}, and Upsun's registry, for the same images, lists it as ${upsunKnown.status}: it no longer deploys. Use a version the registry lists: ${supportedList}.`, data)];
    }
    if (evidence) {
      const users = kind === 'runtime' ? ['applications', 'application'] : ['services', 'service'];
      return [problem(type.span, 'warning', CODES.retiredVersion, `\`${typeName}:${version}\` (${image.name}) is no longer in ${registry} (${evidence}): existing ${users[0]} keep running, but it is no longer supported and cannot be chosen for a new ${users[1]}. Upgrade to ${newest ? `\`${typeName}:${newest.version}\`` : 'a supported version'}; versions in ${registry}: ${supportedList}.`, data)];
    }
  }
  if (!known) {
    return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}:${version}\` is not in ${registry}: it cannot be deployed as a new service. Use a version the registry lists: ${supportedList}.`, data)];
  }
  if (!isDeployable(known)) {
    return [problem(type.span, 'error', CODES.unsupportedVersion, `\`${typeName}:${version}\` is ${known.status} in ${registry} and no longer deploys. Use a supported version: ${supportedList}.`, data)];
  }
  if (known.status === 'retired') {
    return [problem(type.span, 'warning', CODES.retiredVersion, `\`${typeName}:${version}\` (${image.name}) is retired: it still deploys, but the image is frozen, gets no security updates and will be decommissioned. Upgrade to ${newest ? `\`${typeName}:${newest.version}\`` : 'a supported version'}; versions that are maintained: ${supportedList}.`, data)];
  }
  if (known.status === 'deprecated') {
    return [problem(type.span, 'warning', CODES.deprecatedVersion, `\`${typeName}:${version}\` (${image.name}) is deprecated: it still deploys but gets no more updates. Move to ${newest ? `\`${typeName}:${newest.version}\`` : 'a supported version'}.`, data)];
  }
  return [];
}

/**
 * The findings on one declaration's `type`. A type it inherits (through `<<: *anchor`, or as an
 * alias of another entry) is reported at that use and names the declaration, without the fix,
 * which belongs at the anchor: one finding per subject, where the subject is.
 */
function checkDecl(decl: ServiceDecl | ApplicationDecl, kind: Kind, model: ProjectModel): Problem[] {
  if (!decl.type || decl.typeName === undefined) return [];
  const found = checkType(decl.type, decl.typeName, decl.version, kind, model.platform);
  const text = model.files.find((f) => f.path === decl.span.file)?.text;
  const use = text === undefined ? undefined : inheritedUse(text, decl.span, decl.type.span);
  if (!use) return found;
  const subject = `${kind === 'runtime' ? 'Application' : 'Service'} ${quoted(decl.name)}`;
  const how = use.written.startsWith('<<') ? `inherits \`type: ${decl.type.value}\` through \`${use.written}\`` : `is \`${use.written}\`, so its type is \`${decl.type.value}\``;
  return found.map((p) => problem(use.span, p.severity, p.code as ProblemCode, `${subject} ${how}: ${p.message}`));
}

export function checkImageTypes(model: ProjectModel): Problem[] {
  const problems: Problem[] = [];
  for (const s of model.services) problems.push(...checkDecl(s, 'service', model));
  for (const a of model.applications) problems.push(...checkDecl(a, 'runtime', model));
  return problems;
}
