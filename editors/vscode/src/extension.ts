// The rakeplan extension: starts `rakeplan lsp` for a county repository's plan files
// (regions/<county>/region.yaml, plan.yaml, sections/*.yaml) and lets it say what
// `rakeplan check` says, as the planner types. The YAML extension's own validation is off
// for YAML by this extension's configuration defaults, so nothing is said twice; syntax
// colouring stays.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let previewCommand: vscode.Disposable | undefined;

/** The plan files of a county, in a repository of counties or in a county folder. */
const PLAN_FILES = [
  "**/regions/*/region.yaml",
  "**/regions/*/plan.yaml",
  "**/regions/*/sections/*.{yaml,yml}",
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("rakeplan");
  const command = config.get<string>("path") || "rakeplan";
  const lang = config.get<string>("lang") || "";
  const args = lang ? ["--lang", lang, "lsp"] : ["lsp"];
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: PLAN_FILES.map((pattern) => ({
      scheme: "file",
      language: "yaml",
      pattern,
    })),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/regions/**/*.{yaml,yml}"),
    },
  };
  client = new LanguageClient("rakeplan", "rakeplan", serverOptions, clientOptions);
  // "rakeplan: Open preview": the server starts `rakeplan serve` for the county of the file
  // being edited and asks VS Code to open the page in the browser, at the file's section.
  if (!previewCommand) {
    previewCommand = vscode.commands.registerCommand("rakeplan.preview", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) {
        return;
      }
      await client.sendRequest("workspace/executeCommand", {
        command: "rakeplan.openPreview",
        arguments: [editor.document.uri.toString(), editor.selection.active],
      });
    });
    context.subscriptions.push(previewCommand);
  }
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("rakeplan.path") || e.affectsConfiguration("rakeplan.lang")) {
        await client?.stop();
        await activate(context);
      }
    }),
  );
  try {
    await client.start();
  } catch (err) {
    const message = vscode.env.language.startsWith("fi")
      ? `rakeplania ei voitu käynnistää (${command}): tarkista asetus rakeplan.path. ${err}`
      : vscode.env.language.startsWith("sv")
        ? `rakeplan kunde inte startas (${command}): kontrollera inställningen rakeplan.path. ${err}`
        : `rakeplan could not be started (${command}): check the setting rakeplan.path. ${err}`;
    vscode.window.showErrorMessage(message);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
