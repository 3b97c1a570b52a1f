// Linter: keeps the parser and rule catalogue loaded across calls (the programmatic front door).
import path from 'node:path';
import { resolveConfig, type UserConfig } from '../config/config.js';
import { loadParser } from '../source/parser.js';
import type { Finding, LintReport, Notification } from '../types.js';
import { lintFiles, type LintFilesOptions } from './lint-files.js';
import { lintProject, type FixMode } from './lint-project.js';
import { moduleInfoFor } from './module-name.js';
import type { Rule } from './rule.js';

export interface LintTextOptions {
  /** Path used in findings and for the module name; default `<text>.py`. */
  readonly filePath?: string;
  readonly config?: UserConfig;
  /** Return fixed text: `true` applies safe fixes, `'unsafe'` unsafe ones too. Never touches disk. */
  readonly fix?: boolean | 'unsafe';
}

export interface LintTextResult {
  readonly findings: readonly Finding[];
  readonly notifications: readonly Notification[];
  /** The text after fixes (same as the input when none applied). */
  readonly output: string;
  readonly fixesApplied: number;
}

export class Linter {
  readonly rules: readonly Rule[];

  constructor(rules: readonly Rule[]) {
    this.rules = rules;
  }

  /** Lint one text as a one-file project. */
  async lintText(source: string, options: LintTextOptions = {}): Promise<LintTextResult> {
    const parser = await loadParser();
    const filePath = options.filePath ?? '<text>.py';
    const absolutePath = path.resolve(filePath);
    const relative = path.basename(filePath);
    const config = resolveConfig(this.rules, options.config ?? {});
    const fix: FixMode = options.fix === 'unsafe' ? 'unsafe' : options.fix ? 'safe' : 'none';
    const { report } = lintProject(parser, [{
      path: relative,
      absolutePath,
      content: source,
      module: moduleInfoFor(absolutePath, relative, () => false),
    }], { root: path.dirname(absolutePath), config, fix });
    const file = report.files[0];
    return {
      findings: file?.findings ?? [],
      notifications: report.notifications,
      output: file?.fixedSource ?? source,
      fixesApplied: file?.fixesApplied ?? 0,
    };
  }

  /** Lint files and folders (globbing `*.py`/`*.pyi`), with the project-wide link step. */
  lintFiles(paths: readonly string[], options: Omit<LintFilesOptions, 'catalogue'> = {}): Promise<LintReport> {
    return lintFiles(paths, { ...options, catalogue: this.rules });
  }
}
