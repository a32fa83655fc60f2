// What each diagnostic code means, for SARIF rules, the README table and help text. One entry
// per code in codes.ts; the compiler keeps the two in step.

import type { Severity } from '../config/model';
import type { ProblemCode } from './codes';

export interface CodeDoc {
  /** The severity this code is usually reported with. */
  readonly severity: Severity;
  readonly summary: string;
  /** What to do about it. */
  readonly help: string;
}

export const CODE_DOCS: Readonly<Record<ProblemCode, CodeDoc>> = {
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.', help: 'Fix the YAML at the marked place; the message says what the parser expected.' },
  'yaml-tab-indent': { severity: 'error', summary: 'A tab is used for indentation.', help: 'YAML indents with spaces only: replace the tab with spaces.' },
  'yaml-unknown-alias': { severity: 'error', summary: 'An alias names no anchor.', help: 'Define the anchor (`&name`) on a node above the alias, or remove the alias.' },
  'duplicate-key': { severity: 'error', summary: 'A key appears twice in one mapping.', help: 'Remove one of the keys or merge their contents.' },
  'multiple-documents': { severity: 'warning', summary: 'The file holds more than one YAML document.', help: 'The platform reads only the first document; move the rest into it or into another file.' },
  'yaml-too-deep': { severity: 'warning', summary: 'A value nests more deeply than the checker can follow (thousands of levels); the YAML may be valid, but nothing inside it is checked.', help: 'Flatten the value: real config is a few levels deep.' },
  'include-not-found': { severity: 'error', summary: 'An `!include` names a file that does not exist (a warning for `string` and `binary` includes, which a checkout of only the config lacks).', help: 'Fix the path, relative to the including file, or add the file.' },
  'include-in-config-folder': { severity: 'error', summary: 'An `!include` in `.upsun/` names a YAML file in `.upsun/`, which Upsun also merges as a configuration file of its own (the deploy fails unless its top level is `applications:`, `services:` or `routes:`).', help: 'Move the included file out of `.upsun/` and include it from there.' },
  'include-refused': { severity: 'error', summary: 'An `!include` names a file outside the project folder (by `..`, an absolute path or a symbolic link), a device, pipe or folder, or a file over 16 MiB (over 1 MiB in the editor, a warning there); it was not read and the entry it stands for is not checked.', help: 'Include a YAML file inside the project; the platform builds from the repository and can include nothing outside it.' },
  'file-too-large': { severity: 'error', summary: 'A config file over 16 MiB (a warning over 1 MiB in the editor, which stays responsive, where `upsun-kafka lint` still checks it): it was not read and nothing in it is checked.', help: 'Split it, or check that it is the file you meant; run `upsun-kafka lint` for a file between 1 and 16 MiB.' },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type (a list where a mapping goes, text where a number goes…).', help: 'Change the value to the type the message names (from the official Upsun schema).' },
  'unknown-key': { severity: 'error', summary: 'A key the official schema does not allow at this place (warning in .platform files; disk and size in .upsun files are resources).', help: 'Use the suggested key, or remove it. On Upsun, set disk and size with `upsun resources:set`.' },
  'missing-key': { severity: 'error', summary: 'A required key is missing (`type`, an application\'s `name` on Platform.sh…).', help: 'Add the key the message names.' },
  'unknown-type': { severity: 'error', summary: '`type:` names no image of the right kind.', help: 'Use the suggested type, or one of the runtimes or services the platform offers.' },
  'unsupported-version': { severity: 'error', summary: 'A version the platform is known to refuse: decommissioned, in no list of the platform (on Platform.sh: not its grid registry, not Upsun\'s registry short of decommissioned, not its Dedicated lists), or no version at all.', help: 'Change to one of the supported versions the message lists.' },
  'retired-version': { severity: 'warning', summary: 'A retired version: it still deploys, but the image is frozen (no security updates) and is decommissioned 180 days after retirement. On Platform.sh, a version its grid registry no longer lists but that Upsun\'s registry still keeps (short of decommissioned) or its Dedicated lists name: existing ones keep running, but it is no longer supported and cannot be chosen for a new one.', help: 'Upgrade to the newest supported version soon.' },
  'deprecated-version': { severity: 'warning', summary: 'A version that deploys but is deprecated.', help: 'Move to the newest supported version.' },
  'relationship-unknown-service': { severity: 'error', summary: 'A relationship names a service (or application) that is not declared.', help: 'Fix the name, or declare the service under `services`.' },
  'relationship-unknown-endpoint': { severity: 'error', summary: 'A relationship names an endpoint the service does not offer.', help: 'Use one of the endpoints the message lists, or define it under the service\'s `configuration.endpoints`.' },
  'relationship-legacy': { severity: 'information', summary: 'A relationship in the legacy "service:endpoint" string form.', help: 'Write it as `{ service: <name>, endpoint: <endpoint> }`.' },
  'relationship-invalid': { severity: 'error', summary: 'A relationship value in none of the accepted forms.', help: 'Leave it empty, or write `{ service: <name>, endpoint: <endpoint> }`.' },
  'duplicate-service': { severity: 'error', summary: 'The same service is declared in two merged files.', help: 'Rename one, or keep a single declaration.' },
  'duplicate-application': { severity: 'error', summary: 'The same application name is declared twice.', help: 'Rename one, or keep a single declaration.' },
  'unused-service': { severity: 'hint', summary: 'No application, worker, service, mount or route uses the service.', help: 'Add a relationship to it, or remove it to save resources.' },
  'disk-missing': { severity: 'error', summary: 'Platform.sh: a service that keeps data (Kafka, databases…) has no `disk:`.', help: 'Add `disk:` with at least the minimum the message names (MB).' },
  'disk-too-small': { severity: 'error', summary: 'Platform.sh: `disk:` is below the image\'s minimum (Kafka: 512 MB).', help: 'Raise `disk:` to at least the minimum.' },
  'route-unknown-upstream': { severity: 'error', summary: 'A route\'s `upstream` names an application that is not declared in the same set of files (or the files declare none), or an endpoint other than `http`.', help: 'Use `<app>:http` with a declared application (or a service\'s endpoint, such as Varnish\'s).' },
  'two-platforms': { severity: 'warning', summary: 'A folder holds both `.upsun/` and `.platform/` config; Upsun reads only the first, Platform.sh only the second, and each set is checked on its own.', help: 'Remove the set the project no longer deploys with.' },
  'mount-string-form': { severity: 'information', summary: 'Platform.sh: a mount in the older string form `"shared:files/<path>"`, which still deploys.', help: 'Write it as `{ source: local, source_path: <path> }`.' },
  'mount-invalid': { severity: 'error', summary: 'Platform.sh: a mount written as a string other than `"shared:files/<path>"`.', help: 'Write it as `{ source: local, source_path: <path> }`.' },
  'mount-needs-disk': { severity: 'error', summary: 'Platform.sh: a `local` mount on an application without `disk:`.', help: 'Add `disk:` (MB) to the application.' },
  'stack-unknown-version': { severity: 'error', summary: 'A `stack:` runtime (`php@8.9`) at a version the composable channel does not offer (Upsun\'s composable catalogue).', help: 'Use a version the message lists, or another channel.' },
  'stack-without-composable': { severity: 'warning', summary: 'Upsun: an application has a `stack:` but no `type:`, or a runtime `type:` (`php:8.4`) beside it; `stack` belongs with a composable image.', help: 'Write `type: composable:<channel>` and list the runtime in the stack (`php@8.4`), or remove `stack`.' },
  'composable-without-stack': { severity: 'warning', summary: 'Upsun: an application on a composable image (`composable:<channel>`) lists no packages under `stack:`.', help: 'List the runtimes and packages under `stack:`, such as `stack: [ "php@8.4" ]`.' },
  'kafka-service-renamed': { severity: 'warning', summary: 'Reserved: a Kafka service renamed against git HEAD. Not reported yet.', help: 'Renaming a service creates a new, empty one; keep the old name to keep its data.' },
};
