// The folders a `.gitmodules` file lists (git-config syntax: `path = <folder>` under each
// `[submodule "<name>"]` section; git's gitmodules(5)).

/** Each submodule's `path`, as written (relative to the repository root), in file order. */
export function submodulePaths(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*path\s*=\s*(.*?)\s*$/.exec(line);
    if (match && match[1] !== '') paths.push(match[1].replace(/^"(.*)"$/, '$1'));
  }
  return paths;
}
