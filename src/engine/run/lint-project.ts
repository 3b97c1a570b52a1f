// One run over a project: per-file tier, link step, project rules, suppressions, fix passes.
import type { Parser } from 'web-tree-sitter';
import { ignoredCodesFor, type ResolvedConfig } from '../config/config.js';
import type { FileFacts } from '../facts/types.js';
import { applyEdits, chooseCompatibleFixes, editsByFile } from '../fix/apply.js';
import { linkProject } from '../link/link.js';
import type { Finding, Fix, FileResult, LintReport, Notification } from '../types.js';
import { analyzeFile, ruleCrash, type FileAnalysis, type FileInput } from './analyze-file.js';
import { createRuleContext } from './report.js';
import type { FileRule, ProjectRule } from './rule.js';
import { isSuppressed } from './suppressions.js';

export type FixMode = 'none' | 'safe' | 'unsafe';

export interface LintProjectOptions {
  readonly root: string;
  readonly config: ResolvedConfig;
  readonly fix?: FixMode;
  readonly maxFileBytes?: number;
}

/** ESLint and Ruff stop here too: more passes than this means fixes that undo each other. */
export const MAX_FIX_PASSES = 10;

export interface ProjectLintResult {
  readonly report: LintReport;
  /** The final analysis of each file (with its encoding), for writing fixed files back. */
  readonly analyses: ReadonlyMap<string, FileAnalysis>;
}

export function lintProject(parser: Parser, inputs: readonly FileInput[], options: LintProjectOptions): ProjectLintResult {
  const startTime = new Date();
  const fileRules = options.config.rules.filter((r): r is FileRule => r.tier === 'file');
  const projectRules = options.config.rules.filter((r): r is ProjectRule => r.tier === 'project');
  const analyze = (input: FileInput) =>
    analyzeFile(parser, input, { rules: fileRules, settings: options.config.settings, maxFileBytes: options.maxFileBytes });

  const inputsByPath = new Map(inputs.map((i) => [i.path, i]));
  const original = new Map(inputs.map((i) => [i.path, analyze(i)]));
  let current = new Map(original);
  const fixesApplied = new Map<string, number>();
  const fixNotifications: Notification[] = [];
  let pass = runProjectTier(current, projectRules, options.config);

  const mode = options.fix ?? 'none';
  for (let passes = 0; mode !== 'none' && passes < MAX_FIX_PASSES; passes++) {
    const candidates = pass.findings
      .map((f) => f.fix)
      .filter((fix): fix is Fix => !!fix && (fix.safety === 'safe' || mode === 'unsafe'));
    let chosen = chooseCompatibleFixes(candidates);
    // Apply; a file whose parse gets worse drops every fix touching it, then the rest re-apply.
    let next = new Map(current);
    for (;;) {
      next = new Map(current);
      const broken = new Set<string>();
      for (const [file, edits] of editsByFile(chosen)) {
        const before = current.get(file);
        const input = inputsByPath.get(file);
        if (!before?.source || !input) {
          broken.add(file);
          continue;
        }
        const text = applyEdits(before.source, edits);
        const after = analyze({ ...input, content: text });
        if (after.syntaxErrorCount > before.syntaxErrorCount) broken.add(file);
        else next.set(file, { ...after, ...(before.encoding ? { encoding: before.encoding } : {}) });
      }
      if (broken.size === 0) break;
      const dropped = chosen.filter((fix) => fix.edits.some((e) => broken.has(e.file)));
      for (const fix of dropped) {
        fixNotifications.push({
          level: 'warning', code: 'fix-dropped', file: fix.edits[0]!.file,
          message: `fix "${fix.title}" was not applied: it would have introduced a syntax error in ${[...new Set(fix.edits.map((e) => e.file))].join(', ')}`,
        });
      }
      chosen = chosen.filter((fix) => !dropped.includes(fix));
    }
    if (chosen.length === 0) break;
    for (const fix of chosen) {
      for (const file of new Set(fix.edits.map((e) => e.file))) fixesApplied.set(file, (fixesApplied.get(file) ?? 0) + 1);
    }
    const changed = [...next].some(([file, a]) => a.source !== current.get(file)?.source);
    current = next;
    pass = runProjectTier(current, projectRules, options.config);
    if (!changed) break;
  }

  const files: FileResult[] = [...current.values()]
    .sort((a, b) => compare(a.path, b.path))
    .map((analysis) => {
      const before = original.get(analysis.path)!;
      const changed = analysis.source !== before.source;
      return {
        file: analysis.path,
        absolutePath: analysis.absolutePath,
        ...(before.source !== undefined ? { source: before.source } : {}),
        ...(before.encoding?.bom ? { bom: true } : {}),
        findings: pass.findingsByFile.get(analysis.path) ?? [],
        ...(changed && analysis.source !== undefined ? { fixedSource: analysis.source } : {}),
        fixesApplied: changed ? (fixesApplied.get(analysis.path) ?? 0) : 0,
      };
    });
  const notifications = [
    ...[...current.values()].flatMap((a) => a.notifications),
    ...pass.notifications,
    ...dedupe(fixNotifications),
  ];
  return {
    report: { root: options.root, files, notifications, startTime, endTime: new Date() },
    analyses: current,
  };
}

interface PassResult {
  readonly findings: readonly Finding[];
  readonly findingsByFile: ReadonlyMap<string, Finding[]>;
  readonly notifications: readonly Notification[];
}

/** Link the current facts, run project rules, and filter every finding through suppressions. */
function runProjectTier(
  analyses: ReadonlyMap<string, FileAnalysis>,
  projectRules: readonly ProjectRule[],
  config: ResolvedConfig,
): PassResult {
  const facts = new Map<string, FileFacts>();
  for (const [path, a] of analyses) if (a.facts) facts.set(path, a.facts);
  const all: Finding[] = [...analyses.values()].flatMap((a) => a.findings);
  const notifications: Notification[] = [];
  if (projectRules.length > 0) {
    const graph = linkProject(facts);
    for (const rule of projectRules) {
      const sink: Finding[] = [];
      try {
        rule.check(graph, createRuleContext(rule, null, config.settings, sink));
        all.push(...sink);
      } catch (error) {
        notifications.push(ruleCrash(rule.code, '(project)', error));
      }
    }
  }
  const kept = all.filter((f) => {
    const analysis = analyses.get(f.file);
    if (analysis && isSuppressed(analysis.suppressions, f.ruleId, f.span.startLine)) return false;
    return !ignoredCodesFor(config, f.file).some((c) => f.ruleId.startsWith(c));
  });
  kept.sort(compareFindings);
  const findingsByFile = new Map<string, Finding[]>();
  for (const f of kept) {
    const list = findingsByFile.get(f.file) ?? [];
    list.push(f);
    findingsByFile.set(f.file, list);
  }
  return { findings: kept, findingsByFile, notifications };
}

export function compareFindings(a: Finding, b: Finding): number {
  return compare(a.file, b.file) || a.span.startLine - b.span.startLine || a.span.startColumn - b.span.startColumn
    || compare(a.ruleId, b.ruleId) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe(list: readonly Notification[]): Notification[] {
  const seen = new Set<string>();
  return list.filter((n) => !seen.has(n.message) && !!seen.add(n.message));
}
