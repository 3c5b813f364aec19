// Opening a web link from anything Threadline shows: only after a scheme check, http and https
// (mailto for mail links), never a command: or file: URI.
import * as vscode from 'vscode';
import type { Logger } from '../logger';

export type ExternalOpener = (uri: vscode.Uri) => Thenable<boolean>;

export async function openWebLink(
  url: string,
  log: Pick<Logger, 'info'>,
  allowMailto = false,
  open: ExternalOpener = (uri) => vscode.env.openExternal(uri),
): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const allowed = parsed.protocol === 'https:' || parsed.protocol === 'http:' || (allowMailto && parsed.protocol === 'mailto:');
  if (!allowed) {
    log.info(`Refused to open a ${parsed.protocol} link`);
    return false;
  }
  return open(vscode.Uri.parse(parsed.toString(), true));
}
