// The ids a project and its services go by in the explorer, the live connections, the topic
// filters and the stored SASL passwords. One format, so each of those finds the same service.

import type { ProjectModel, ServiceDecl } from './model';

type ProjectRef = Pick<ProjectModel, 'root' | 'platform' | 'otherPlatformFiles'>;

/**
 * A project's id: its folder; for the Platform.sh project of a folder that also holds `.upsun/`,
 * the folder and `#platformsh`. Neither platform reads the other's files, so such a folder is two
 * projects, and a service both declare (often `kafka`) is two services.
 */
export function projectKey(project: ProjectRef): string {
  return project.platform === 'platformsh' && project.otherPlatformFiles.length > 0 ? `${project.root}#platformsh` : project.root;
}

/** `${projectKey}#${service name}`: one connection, topic filter and stored password per declared service. */
export function serviceKey(project: ProjectRef, service: Pick<ServiceDecl, 'name'>): string {
  return `${projectKey(project)}#${service.name}`;
}
