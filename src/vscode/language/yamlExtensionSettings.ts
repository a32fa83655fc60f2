// Offers the YAML extension settings that leave one set of problems on the platform's files
// (src/language/yamlExtension.ts says why): a command, proposed once when the official Upsun
// extension, whose schemas report problems too, is installed beside Red Hat's YAML extension.

import * as vscode from 'vscode';
import { isOwnSchemaElsewhere, withOurYamlSchemas, withPlatformCustomTags, yamlSchemasSetting, type YamlValidationEntry } from '../../language/yamlExtension';

export const USE_OWN_YAML_SCHEMAS = 'upsunKafka.useOwnYamlSchemas';
const YAML_EXTENSION = 'redhat.vscode-yaml';
/** upsun/vscode-upsun's id (publisher `upsun-vscode`, name `upsun`). */
const OFFICIAL_UPSUN_EXTENSION = 'upsun-vscode.upsun';
/** Set once the user has answered the proposal, or applied the settings. */
const ASKED = 'upsunKafka.yamlSchemasAsked';
const APPLIED = 'upsunKafka.yamlSchemasApplied';

async function apply(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  if (!vscode.extensions.getExtension(YAML_EXTENSION)) {
    void vscode.window.showInformationMessage("Red Hat's YAML extension is not installed, so there is nothing to set: Upsun Kafka Tools reports every problem itself.");
    return;
  }
  const contributions = (context.extension.packageJSON as { contributes: { yamlValidation: YamlValidationEntry[] } }).contributes.yamlValidation;
  const ours = yamlSchemasSetting(context.extensionUri.toString(), contributions);
  const yaml = vscode.workspace.getConfiguration('yaml');
  const stale = (uri: string) => isOwnSchemaElsewhere(uri, context.extension.id, contributions);
  await yaml.update('schemas', withOurYamlSchemas(yaml.get('schemas'), ours, stale), vscode.ConfigurationTarget.Global);
  await yaml.update('customTags', withPlatformCustomTags(yaml.get('customTags')), vscode.ConfigurationTarget.Global);
  await context.globalState.update(APPLIED, true);
  log.info('Set yaml.schemas and yaml.customTags: the YAML extension now uses only this extension\'s descriptive schemas for Upsun and Platform.sh files.');
}

/** Registers the command; proposes it once when both other extensions are installed; keeps applied settings pointing at this version. */
export function registerYamlExtensionSettings(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const failed = (error: Error) => log.error(`Could not set the YAML extension's settings: ${error.message}`);
  const run = () => apply(context, log).catch(failed);
  context.subscriptions.push(vscode.commands.registerCommand(USE_OWN_YAML_SCHEMAS, run));
  if (!vscode.extensions.getExtension(YAML_EXTENSION)) return;
  // An update moves the extension to a new folder: settings applied before follow it.
  if (context.globalState.get(APPLIED)) {
    apply(context, log).catch(failed);
    return;
  }
  if (!vscode.extensions.getExtension(OFFICIAL_UPSUN_EXTENSION) || context.globalState.get(ASKED)) return;
  const choice = 'Use Upsun Kafka\'s Schemas';
  void vscode.window
    .showInformationMessage("The Upsun extension's schemas and Upsun Kafka Tools both report problems in Upsun files, so one mistake can show twice. Set yaml.schemas so that the YAML extension uses only Upsun Kafka's descriptive schemas?", choice, 'Not Now')
    .then(async (answer) => {
      await context.globalState.update(ASKED, true);
      if (answer === choice) await run();
    });
}
