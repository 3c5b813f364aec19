// Imported first by extension.ts, before any module that says something at load time (service
// descriptors, option labels): from then on core code's `t` is VS Code's `vscode.l10n.t`.
import * as vscode from 'vscode';
import { useTranslator } from './l10n';

useTranslator((message, args) => vscode.l10n.t(message, ...args));
