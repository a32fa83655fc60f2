// The typed model of a project's Upsun / Platform.sh configuration. Everything that reads
// config (validation, completion, the explorer, Kafka connection lookup) reads these types,
// never raw YAML. Ranges are character offsets into the text of `file`, so this module
// needs no editor; the VS Code layer turns them into positions at the edge.

import type { Document, Node as YamlNode, LineCounter } from 'yaml';
import type { FileRefusal } from './asyncFs';

/** A half-open span [start, end) of character offsets in one file's text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Where something was written: which file and which characters. */
export interface SourceSpan extends OffsetRange {
  readonly file: string;
}

/** How the platform reads a file, which decides the shape of its top level. */
export type ConfigFileKind =
  /** `.upsun/*.yaml`: top-level `applications`, `services`, `routes`, merged across files. */
  | 'upsun'
  /** `.platform/services.yaml`: a map of service name to service. */
  | 'platform-services'
  /** `.platform/applications.yaml`: a list of applications, each with a `name`, or a map of name to application. */
  | 'platform-applications'
  /** `.platform.app.yaml`: one application, in the folder that is its source root. */
  | 'platform-app'
  /** `.platform/routes.yaml`: a map of URL pattern to route. */
  | 'platform-routes';

/**
 * The product that reads a set of files. Upsun reads only `.upsun/`; Platform.sh only
 * `.platform/` and `.platform.app.yaml`. Neither merges the other's files, so a repository
 * holding both is two projects.
 */
export type Platform = 'upsun' | 'platformsh';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A finding about the config: a parse error here, a validation result later. */
export interface Problem {
  readonly span: SourceSpan;
  readonly severity: Severity;
  /** Stable identifier (`yaml-syntax`, `duplicate-key`, …) for filtering and quick fixes. */
  readonly code: string;
  readonly message: string;
  /** Facts a quick fix needs (the suggested key, the newest version…), keyed per code. */
  readonly data?: ProblemData;
}

/** What a fix for a problem needs to know; each code documents which fields it sets. */
export interface ProblemData {
  /** Replacement text for the problem's span (misspelled key, newest version, current relationship form). */
  readonly replacement?: string;
  /** Name of a service that does not exist yet (`relationship-unknown-service`). */
  readonly missingService?: string;
  /** Other spans involved (the first declaration of a duplicate). */
  readonly related?: readonly { readonly span: SourceSpan; readonly message: string }[];
}

/** One parsed config file, kept so later passes can walk nodes the model does not type. */
export interface ConfigFile {
  /** Path as given to the parser (absolute on disk, or as the caller named it). */
  readonly path: string;
  readonly kind: ConfigFileKind;
  readonly text: string;
  /** The first YAML document; the platform reads no other. */
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /**
   * Set on a file pulled in with `!include` as the body of one entry of a file of `kind`:
   * an application named by the including key, a `listed-application` (an item of the list
   * form, named by its own `name:`), or a service.
   */
  readonly includedAs?: IncludedEntryKind;
}

export type IncludedEntryKind = 'application' | 'listed-application' | 'service';

/** A scalar the user wrote, with the span of its value. */
export interface Field<T> {
  readonly value: T;
  readonly span: SourceSpan;
}

/** What a service and an application both declare: a named entry whose `type` picks an image and version. */
export interface ContainerDecl {
  readonly name: string;
  /** Span of the name: the map key, or an application's `name:` value in the list form of `.platform` files. */
  readonly nameSpan: SourceSpan;
  /** The whole `name: {…}` entry, key to end of value. */
  readonly span: SourceSpan;
  /** `type` exactly as written, e.g. `kafka:4.1`. */
  readonly type?: Field<string>;
  /** The image name before the colon (`kafka`). */
  readonly typeName?: string;
  /** The version after the colon (`4.1`), when one was written. */
  readonly version?: string;
  /** The entry's own value node, for checks of keys the model does not type. */
  readonly node?: YamlNode;
}

export interface ServiceDecl extends ContainerDecl {
  readonly disk?: Field<unknown>;
  readonly size?: Field<unknown>;
  /** The `configuration:` node, untyped because it differs per service. */
  readonly configuration?: YamlNode;
}

/** How a relationship was written, which matters for hints and fixes. */
export type RelationshipForm =
  /** `kafka:` with no value: service named like the relationship, its default endpoint. */
  | 'default'
  /** `{ service: kafka, endpoint: kafka }`, endpoint optional. */
  | 'explicit'
  /** The legacy string `"kafka:kafka"`. */
  | 'legacy'
  /** Anything else (a number, a list…): kept so validation can point at it. */
  | 'invalid';

export interface RelationshipDecl {
  /** The application that declares it. */
  readonly app: string;
  readonly name: string;
  readonly nameSpan: SourceSpan;
  readonly span: SourceSpan;
  readonly form: RelationshipForm;
  /** Target service name; for `default`, the relationship's own name. */
  readonly service?: string;
  readonly serviceSpan?: SourceSpan;
  /** Endpoint name when written; undefined means the service's default endpoint. */
  readonly endpoint?: string;
  readonly endpointSpan?: SourceSpan;
  /** Span of the value as written (absent for the `default` form). */
  readonly valueSpan?: SourceSpan;
}

export interface ApplicationDecl extends ContainerDecl {
  /** `source.root` as written, or the folder of a `.platform.app.yaml` relative to the project. */
  readonly sourceRoot?: string;
  readonly relationships: readonly RelationshipDecl[];
}

export interface RouteDecl {
  readonly url: string;
  readonly urlSpan: SourceSpan;
  readonly span: SourceSpan;
  readonly type?: Field<string>;
  readonly upstream?: Field<string>;
  readonly to?: Field<string>;
}

/** A config file's text as the loader read it, with what it includes: the input of a ProjectModel. */
export interface SourceText {
  readonly path: string;
  readonly kind: ConfigFileKind;
  readonly text: string;
  /** Set when the file was over the loader's limit (MAX_CONFIG_FILE_BYTES) and not read; `text` is then empty. */
  readonly tooLarge?: true;
  /**
   * The parse of `text` the loader made while it looked for `!include`s, so buildProjectModel
   * does not parse the file a second time; ignored unless its text is `text` (BOM dropped).
   */
  readonly parsed?: { readonly file: ConfigFile; readonly problems: readonly Problem[] };
  /** Text of the files this one pulls in with a `yaml` `!include`, by absolute path (see loadProjects). */
  readonly includes?: ReadonlyMap<string, string>;
  /** Files this one includes that were not read, by absolute path, and why (see loadProjects). */
  readonly refusedIncludes?: ReadonlyMap<string, FileRefusal>;
  /** The paths its `!include`s name (any type) that do not exist, by absolute path (see loadProjects). */
  readonly missingIncludes?: ReadonlySet<string>;
}

/** The whole project: every config file of one platform merged the way that platform merges them. */
export interface ProjectModel {
  /** Folder that holds `.upsun/` or `.platform/`. */
  readonly root: string;
  /** Which platform reads these files; decides the image registry and key tables. */
  readonly platform: Platform;
  /** Config files of the other platform in the same folder: checked as their own project. */
  readonly otherPlatformFiles: readonly string[];
  /** What the model was built from, so an edit can rebuild it without the disk (withFileText). */
  readonly sources: readonly SourceText[];
  readonly files: readonly ConfigFile[];
  readonly services: readonly ServiceDecl[];
  readonly applications: readonly ApplicationDecl[];
  readonly routes: readonly RouteDecl[];
  /**
   * Folders of git submodules (the `path` entries of the root's `.gitmodules`, relative to
   * `root`). On Platform.sh an application can live in one (its `.platform.app.yaml` is in
   * the submodule), out of sight of a checkout without it.
   */
  readonly submodules?: readonly string[];
  /**
   * Absolute paths that an `!include` names and that do not exist (or cannot be read) where the
   * project was loaded from disk; unset when nothing was looked up.
   */
  readonly missingIncludes?: ReadonlySet<string>;
  /** Parse-level problems (syntax, duplicate keys, wrong top-level shape); never thrown. */
  readonly problems: readonly Problem[];
  /** The loader's size limit per file (bytes) when it is not MAX_CONFIG_FILE_BYTES: the editor's, kept for edits. */
  readonly maxFileBytes?: number;
}

/** One declared service together with the project that declares it: what live features act on. */
export interface ServiceRef {
  readonly project: ProjectModel;
  readonly service: ServiceDecl;
}
