// Lets a test inside the editor ask the browser-driving runner for a screenshot at the moment
// the window shows what the test set up.

import { existsSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { eventually } from '../../harness/eventually';
import { SCREENSHOT_DIR_ENV } from '../protocol';

const TIMEOUT_MS = 30_000;

export interface ScreenshotOptions {
  /** Collapsed tree rows, by label, that the runner clicks open first, as a person would. */
  readonly expand?: readonly string[];
  /** The window's width in px for this picture (the runner's is 1400); the height stays. */
  readonly width?: number;
}

/** Saves `test-results/NAME.png`; does nothing where no runner takes screenshots. */
export async function screenshot(name: string, options: ScreenshotOptions = {}): Promise<void> {
  const dir = process.env[SCREENSHOT_DIR_ENV];
  if (!dir) return;
  const done = path.join(dir, `${name}.done`);
  // A second screenshot of the same name must wait for its own picture, not the first one's.
  rmSync(done, { force: true });
  // Renamed into place: the runner must never read a request half written.
  writeFileSync(path.join(dir, `${name}.partial`), JSON.stringify(options));
  renameSync(path.join(dir, `${name}.partial`), path.join(dir, `${name}.request`));
  await eventually(`screenshot "${name}"`, async () => existsSync(done) || undefined, TIMEOUT_MS);
}

/** `NAME.png` in the theme the window has, then `NAME-dark.png` in VS Code's default dark theme, and the theme back. */
export async function screenshotInBothThemes(name: string): Promise<void> {
  const workbench = vscode.workspace.getConfiguration('workbench');
  await screenshot(name);
  await workbench.update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
  try {
    await screenshot(`${name}-dark`);
  } finally {
    await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  }
}
