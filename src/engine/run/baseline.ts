// Baselines: record today's findings (--write-baseline) and report only new ones (--baseline).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { SourceText } from '../source/source-text.js';
import type { Finding, LintReport } from '../types.js';
import { toPosix } from './discover.js';
import { fingerprintFindings } from './fingerprint.js';
import { isRuleCode } from './rule.js';

export const BASELINE_VERSION = 1;

/**
 * Findings known when the baseline was written: file (relative to the baseline file's folder,
 * `/`-separated) → rule code → fingerprints. A fingerprint hashes the rule, the file, the
 * flagged line's text without whitespace and which occurrence of that line it is, so lines
 * moving up or down keep it; editing the flagged line makes the finding new.
 */
export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly tool: 'pysparse-lint';
  readonly files: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface BaselineApplied {
  /** The report without the findings the baseline knows. */
  readonly report: LintReport;
  /** How many findings the baseline hid. */
  readonly suppressed: number;
  /** Baseline entries of the linted files that matched no finding (fixed since, or not selected). */
  readonly stale: number;
}


/** The fingerprint of each finding of `report` (null for engine diagnostics), keyed by the finding. */
function fingerprints(report: LintReport, baselineDir: string): Map<Finding, { file: string; code: string; fingerprint: string }> {
  const out = new Map<Finding, { file: string; code: string; fingerprint: string }>();
  for (const result of report.files) {
    const text = result.fixedSource ?? result.source;
    const source = text !== undefined ? new SourceText(text) : null;
    const file = toPosix(path.relative(baselineDir, result.absolutePath));
    const findings = result.findings.filter((f) => isRuleCode(f.ruleId));
    const prints = fingerprintFindings(findings, () => file, (f) => source?.lineText(f.span.startLine));
    findings.forEach((finding, i) => out.set(finding, { file, code: finding.ruleId, fingerprint: prints[i]! }));
  }
  return out;
}

/** A baseline of every rule finding in `report`; paths are made relative to `baselineDir`. */
export function createBaseline(report: LintReport, baselineDir: string): Baseline {
  const files: Record<string, Record<string, string[]>> = {};
  for (const { file, code, fingerprint } of fingerprints(report, baselineDir).values()) {
    ((files[file] ??= {})[code] ??= []).push(fingerprint);
  }
  return { version: BASELINE_VERSION, tool: 'pysparse-lint', files: sortedFiles(files) };
}

/** Drop the findings the baseline already knows; each baseline entry hides one finding at most. */
export function applyBaseline(report: LintReport, baseline: Baseline, baselineDir: string): BaselineApplied {
  const remaining = new Map<string, number>();
  const linted = new Set(report.files.map((f) => toPosix(path.relative(baselineDir, f.absolutePath))));
  for (const [file, codes] of Object.entries(baseline.files)) {
    if (!linted.has(file)) continue;
    for (const [code, list] of Object.entries(codes)) {
      for (const fingerprint of list) {
        const key = `${file}\u0000${code}\u0000${fingerprint}`;
        remaining.set(key, (remaining.get(key) ?? 0) + 1);
      }
    }
  }
  const prints = fingerprints(report, baselineDir);
  let suppressed = 0;
  const files = report.files.map((result) => ({
    ...result,
    findings: result.findings.filter((finding) => {
      const print = prints.get(finding);
      if (!print) return true;
      const key = `${print.file}\u0000${print.code}\u0000${print.fingerprint}`;
      const left = remaining.get(key) ?? 0;
      if (left === 0) return true;
      remaining.set(key, left - 1);
      suppressed++;
      return false;
    }),
  }));
  const stale = [...remaining.values()].reduce((n, left) => n + left, 0);
  return { report: { ...report, files }, suppressed, stale };
}

/** Read and check a baseline file. */
export function readBaseline(file: string): Baseline {
  if (!existsSync(file)) {
    throw new UsageError(`baseline file ${file} does not exist`, 'create it with --write-baseline FILE');
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`baseline file ${file} is not valid JSON: ${(error as Error).message}`, 'write it again with --write-baseline');
  }
  const record = data as Partial<Baseline> | null;
  if (typeof record !== 'object' || record === null || record.version !== BASELINE_VERSION || typeof record.files !== 'object' || record.files === null
    || !Object.values(record.files).every((codes) => typeof codes === 'object' && codes !== null
      && Object.values(codes).every((list) => Array.isArray(list) && list.every((x) => typeof x === 'string')))) {
    throw new ConfigError(`baseline file ${file} is not a pysparse-lint baseline (version ${BASELINE_VERSION})`, 'write it again with --write-baseline');
  }
  return { version: BASELINE_VERSION, tool: 'pysparse-lint', files: record.files };
}

/** Write a baseline as stable, diff-friendly JSON (sorted keys, one fingerprint a line). */
export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify({ ...baseline, files: sortedFiles(baseline.files) }, null, 2)}\n`);
}

function sortedFiles(files: Baseline['files']): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const file of Object.keys(files).sort()) {
    const codes = files[file]!;
    out[file] = {};
    for (const code of Object.keys(codes).sort()) out[file][code] = [...codes[code]!].sort();
  }
  return out;
}
