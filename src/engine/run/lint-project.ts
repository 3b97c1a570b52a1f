// One run over a project: per-file tier, link step, project rules, suppressions, fix passes.
import { readFileSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { ignoredCodesFor, type ResolvedConfig } from '../config/config.js';
import type { FileFacts } from '../facts/types.js';
import { applyEdits, chooseCompatibleFixes, editsByFile } from '../fix/apply.js';
import { linkProject } from '../link/link.js';
import { decodeSource } from '../source/decode.js';
import type { Finding, Fix, FileResult, LintReport, Notification } from '../types.js';
import { analyzeFile, ruleCrash, type FileAnalysis, type FileInput } from './analyze-file.js';
import { hashContent } from './cache.js';
import { createRuleContext } from './report.js';
import type { FileRule, ProjectRule } from './rule.js';
import { isSuppressed, unusedNoqaFindings } from './suppressions.js';

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

/** A project whose files are already analysed (in worker threads, from the cache, or from shards). */
export interface AnalyzedProject {
  /** The first analysis of every file, in path order. */
  readonly analyses: ReadonlyMap<string, FileAnalysis>;
  /** Analyse a file's fixed text (fix passes run on this thread); required when fixing. */
  readonly reanalyze?: (path: string, text: string) => FileAnalysis;
  /**
   * The text of a file whose analysis left it out, re-read and checked against its content hash
   * (undefined when it changed or vanished since). Default: `readCheckedSource`.
   */
  readonly readSource?: (analysis: FileAnalysis) => string | undefined;
}

/** Lint files in this thread: the per-file tier, then the project tier and fix passes. */
export function lintProject(parser: Parser, inputs: readonly FileInput[], options: LintProjectOptions): ProjectLintResult {
  const fileRules = options.config.rules.filter((r): r is FileRule => r.tier === 'file');
  const analyze = (input: FileInput) =>
    analyzeFile(parser, input, { rules: fileRules, settings: options.config.settings, maxFileBytes: options.maxFileBytes });
  const inputsByPath = new Map(inputs.map((i) => [i.path, i]));
  const startTime = new Date();
  return lintAnalyzed({
    analyses: new Map(inputs.map((i) => [i.path, analyze(i)])),
    reanalyze: (path, text) => analyze({ ...inputsByPath.get(path)!, content: text }),
  }, options, startTime);
}

/**
 * The project tier over analysed files: link, project rules, suppressions, then the fix passes
 * (re-analysing only the files fixes change). Output depends only on the analyses, never on
 * which thread made them or in what order.
 */
export function lintAnalyzed(project: AnalyzedProject, options: LintProjectOptions, startTime = new Date()): ProjectLintResult {
  const projectRules = options.config.rules.filter((r): r is ProjectRule => r.tier === 'project');
  const original = project.analyses;
  const readSource = project.readSource ?? readCheckedSource;
  const fixNotifications: Notification[] = [];
  // Texts left out of analyses, read back once when a finding or a fix needs them.
  const reread = new Map<string, string | undefined>();
  const originalText = (path: string): string | undefined => {
    const analysis = original.get(path);
    if (!analysis) return undefined;
    if (analysis.source !== undefined) return analysis.source;
    if (!reread.has(path)) {
      const text = analysis.facts || analysis.findings.length > 0 ? readSource(analysis) : undefined;
      reread.set(path, text);
      if (text === undefined && analysis.contentHash) {
        fixNotifications.push({
          level: 'warning', code: 'source-changed', file: path,
          message: `${path} changed on disk during the run: its findings are shown without source lines, and it is not fixed`,
        });
      }
    }
    return reread.get(path);
  };

  let current = new Map(original);
  const fixesApplied = new Map<string, number>();
  let pass = runProjectTier(current, projectRules, options.config);

  const mode = options.fix ?? 'none';
  for (let passes = 0; mode !== 'none' && project.reanalyze && passes < MAX_FIX_PASSES; passes++) {
    const candidates = pass.findings
      .map((f) => f.fix)
      .filter((fix): fix is Fix => !!fix && (fix.safety === 'safe' || mode === 'unsafe'));
    let chosen = chooseCompatibleFixes(candidates);
    // Apply; a file whose parse gets worse drops every fix touching it, then the rest re-apply.
    let next = new Map(current);
    for (;;) {
      next = new Map(current);
      const broken = new Set<string>();
      const unavailable = new Set<string>();
      for (const [file, edits] of editsByFile(chosen)) {
        const before = current.get(file);
        const text = before ? (before.source ?? originalText(file)) : undefined;
        if (!before || text === undefined) {
          unavailable.add(file); // changed on disk since it was read: `source-changed` says so
          continue;
        }
        const after = project.reanalyze(file, applyEdits(text, edits));
        if (after.syntaxErrorCount > before.syntaxErrorCount) broken.add(file);
        else next.set(file, { ...after, ...(before.encoding ? { encoding: before.encoding } : {}) });
      }
      if (broken.size === 0 && unavailable.size === 0) break;
      chosen = chosen.filter((fix) => !fix.edits.some((e) => unavailable.has(e.file)));
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

  // A file's text goes into the report when it was kept anyway (runs in this thread), or when a
  // finding, a related location, an edit or a fix needs it: snippets, fingerprints, diffs.
  const needed = new Set<string>();
  for (const f of pass.findings) {
    needed.add(f.file);
    for (const r of f.related) needed.add(r.file);
    for (const e of f.fix?.edits ?? []) needed.add(e.file);
    for (const s of f.suggestions) for (const e of s.edits) needed.add(e.file);
  }
  const files: FileResult[] = [...current.values()]
    .sort((a, b) => compare(a.path, b.path))
    .map((analysis) => {
      const before = original.get(analysis.path)!;
      const fixed = analysis !== before && analysis.source !== undefined;
      const source = before.source ?? (fixed || needed.has(analysis.path) ? originalText(analysis.path) : undefined);
      const changed = fixed && analysis.source !== source;
      return {
        file: analysis.path,
        absolutePath: analysis.absolutePath,
        ...(source !== undefined ? { source } : {}),
        ...(before.encoding?.bom ? { bom: true } : {}),
        findings: pass.findingsByFile.get(analysis.path) ?? [],
        ...(changed ? { fixedSource: analysis.source } : {}),
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

/** A file's text read again from disk, if its bytes still hash to what was analysed. */
export function readCheckedSource(analysis: FileAnalysis): string | undefined {
  if (!analysis.contentHash) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(analysis.absolutePath);
  } catch {
    return undefined;
  }
  if (hashContent(bytes) !== analysis.contentHash) return undefined;
  const decoded = decodeSource(bytes);
  return decoded.ok ? decoded.value.text : undefined;
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
  all.push(...unusedNoqaFindings(analyses, all, config)); // PSL001, when selected
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
