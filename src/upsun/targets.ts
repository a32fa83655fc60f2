// Which app and relationship a tunnel to a Kafka service goes through, from the project's
// config: `tunnel:single` needs `--app` and `--relationship`, and only an app that declares a
// relationship to the service can reach it.

import type { ProjectModel } from '../config/model';

export interface TunnelTarget {
  readonly app: string;
  readonly relationship: string;
}

/** Every (app, relationship) that leads to `serviceName`, in declaration order. */
export function relationshipsTo(project: Pick<ProjectModel, 'applications'>, serviceName: string): TunnelTarget[] {
  return project.applications.flatMap((app) =>
    app.relationships.filter((r) => r.form !== 'invalid' && r.service === serviceName).map((r) => ({ app: app.name, relationship: r.name })),
  );
}

/** `backend:kafka`, the form `--relationship` takes on our command line and the pick shows. */
export function formatTarget(target: TunnelTarget): string {
  return `${target.app}:${target.relationship}`;
}
