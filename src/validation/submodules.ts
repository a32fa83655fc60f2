// Platform.sh reads an application's `.platform.app.yaml` wherever it sits, git submodules
// included (docs.platform.sh create-apps/multi-app: project structure with submodules), and a
// checkout without the submodules cannot see those applications. So in a Platform.sh project
// whose root has a `.gitmodules`, a name that is not declared may be such an application:
// checks that rely on absence report it as information, or not at all. Upsun declares every
// application in `.upsun/` at the root, so there absence stays proof.

import type { ProjectModel } from '../config/model';
import { listOf } from './problem';

/** The submodule folders that may hold undeclared applications, or undefined when none can. */
export function hiddenApplicationFolders(model: ProjectModel): readonly string[] | undefined {
  return model.platform === 'platformsh' && model.submodules?.length ? model.submodules : undefined;
}

/** The sentence a downgraded finding ends with: why it is only information. */
export function submoduleCaveat(folders: readonly string[]): string {
  return `It may be an application in a git submodule (\`.gitmodules\` lists ${listOf(folders)}), which this checkout cannot see, so this is information, not an error.`;
}
