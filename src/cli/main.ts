#!/usr/bin/env node
// The command line: argv → options → engine → formatter → exit code. No analysis here.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { createTwoFilesPatch } from 'diff';
import { builtinRules, explainRule, FORMAT_NAMES, isFormatName, Linter, PysparseError, renderReport, UsageError } from '../index.js';
import type { FormatName, LintReport, Rule } from '../index.js';
import { addNoqaComments, applyBaseline, createBaseline, readBaseline, writeBaseline } from '../index.js';
import { linkShards, parseShardSpec, ProgressBar, writeShard } from '../index.js';

const packageJson = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'), 'utf8'),
) as { version: string };

export async function main(argv: readonly string[]): Promise<number> {
  const args = await yargs(argv)
    .scriptName('pysparse-lint')
    .usage('$0 [paths..]\n\nFind and fix the Python code patterns that leave a process holding far more memory than its data needs.\nWith no path, lints the current folder.')
    .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${FORMAT_NAMES.join(', ')}` })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout' })
    .option('select', { type: 'string', array: true, describe: 'Only these rule codes or prefixes (PSL2, PSL202)' })
    .option('extend-select', { type: 'string', array: true, describe: 'Rule codes or prefixes to add to the selection' })
    .option('ignore', { type: 'string', array: true, describe: 'Rule codes or prefixes to leave out' })
    .option('config', { alias: 'c', type: 'string', describe: 'A TOML or JSON config file (default: [tool.pysparse-lint] in the nearest pyproject.toml)' })
    .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes in place' })
    .option('unsafe-fixes', { type: 'boolean', default: false, describe: 'With --fix or --diff, apply unsafe fixes too' })
    .option('diff', { type: 'boolean', default: false, describe: 'Print the fixes as a unified diff; write nothing' })
    .option('fix-dry-run', { type: 'boolean', default: false, hidden: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
    .option('exit-zero', { type: 'boolean', default: false, describe: 'Exit 0 even when there are error-level findings' })
    .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
    .option('statistics', { type: 'boolean', default: false, describe: 'Print the count of findings per rule' })
    .option('sarif-category', { type: 'string', describe: 'SARIF automationDetails.id (code-scanning category)' })
    .option('color', { type: 'boolean', describe: 'Force colour on or off (default: on a TTY, unless NO_COLOR)' })
    .option('max-file-size', { type: 'number', describe: 'Skip files larger than this many bytes (default 10 MB)' })
    .option('explain', { type: 'string', describe: 'Print the documentation of a rule and exit' })
    .option('list-rules', { type: 'boolean', default: false, describe: 'List the rules and exit' })
    .option('write-baseline', { type: 'string', conflicts: ['baseline', 'add-noqa'], describe: 'Record the current findings in this file (JSON) and exit 0' })
    .option('baseline', { type: 'string', describe: 'Report only findings that are not in this baseline file' })
    .option('add-noqa', { type: 'boolean', describe: 'Add `# noqa: CODE` to the line of each finding, then exit 0' })
    .command('link <facts..>', 'Merge the facts files of --shard runs, run the project step, and report once (any --format)',
      (command) => command.positional('facts', { type: 'string', array: true, describe: 'Facts files written by --shard K/N --facts-out FILE' }))
    .option('jobs', { alias: 'j', type: 'number', describe: 'Worker threads for the per-file step (default: the available cores)' })
    .option('cache', { type: 'boolean', default: false, describe: 'Reuse per-file results of earlier runs for unchanged files' })
    .option('cache-location', { type: 'string', describe: 'The cache folder (default: .pysparse-cache/)' })
    .option('file-timeout', { type: 'number', describe: 'Skip and report a file that takes longer than this many seconds (default 30)' })
    .option('shard', { type: 'string', describe: 'Run the per-file step on shard K/N of the files only (CI matrices); needs --facts-out' })
    .option('facts-out', { type: 'string', describe: "Write the per-file step's results to this file for `link`, and report nothing" })
    .option('progress', { type: 'boolean', default: true, describe: 'Show a progress bar on a terminal (--no-progress: never)' })
    .version(packageJson.version)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .strictOptions()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .parseAsync();

  const rules: readonly Rule[] = await new Linter(builtinRules).catalogue(args.config ? { configFile: args.config } : {}); // plugins too
  if (args.explain !== undefined) {
    const text = explainRule(rules, args.explain);
    if (text === null) throw new UsageError(`unknown rule code '${args.explain}'`, 'run `pysparse-lint --list-rules`');
    process.stdout.write(text);
    return 0;
  }
  if (args['list-rules']) {
    for (const r of rules) process.stdout.write(`${r.code}  ${r.name.padEnd(34)} ${r.family.padEnd(16)} ${r.fixable === 'never' ? ' ' : '*'} ${r.summary}\n`);
    return 0;
  }
  if (!isFormatName(args.format)) throw new UsageError(`unknown format '${args.format}'`, `use one of: ${FORMAT_NAMES.join(', ')}`);
  const format: FormatName = args.format;
  const dryRun = args.diff || args['fix-dry-run'];
  const fixMode = args.fix || dryRun ? (args['unsafe-fixes'] ? 'unsafe' : 'safe') : 'none';
  const paths = (args._ as (string | number)[]).map(String);
  const linking = paths[0] === 'link';

  const started = performance.now();
  const runOptions = {
    ...(args.config ? { configFile: args.config } : {}),
    ...(args.select ? { select: args.select.flatMap(splitList) } : {}),
    ...(args.ignore ? { ignore: args.ignore.flatMap(splitList) } : {}),
    ...(args['extend-select'] ? { extendSelect: args['extend-select'].flatMap(splitList) } : {}),
    ...(args['max-file-size'] ? { maxFileBytes: args['max-file-size'] } : {}),
  };
  const progress = args.progress && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  const scale = scaleOptions(args, fixMode !== 'none' || linking, progress ? (done, total) => progress.update(done, total) : undefined);
  if (scale.factsOut !== undefined) {
    if (args.baseline !== undefined || args['write-baseline'] !== undefined || args['add-noqa']) {
      throw new UsageError('--facts-out cannot be combined with --baseline, --write-baseline or --add-noqa', 'use them on the `link` run');
    }
    const shard = scale.shard ?? { index: 1, count: 1 };
    const written = await writeShard(paths, shard, scale.factsOut, { ...runOptions, ...scale.engine, catalogue: rules });
    progress?.finish();
    for (const n of written.notifications) process.stderr.write(`pysparse-lint: ${n.level}: ${n.message}\n`);
    process.stderr.write(`shard ${shard.index}/${shard.count}: ${written.files} file${written.files === 1 ? '' : 's'} analysed in ${((performance.now() - started) / 1000).toFixed(2)}s, facts written to ${scale.factsOut}\n`);
    return 0;
  }
  let report: LintReport = linking
    ? linkShards((args.facts as string[] | undefined) ?? paths.slice(1), { ...runOptions, catalogue: rules })
    : await new Linter(rules).lintFiles(paths, { ...runOptions, ...scale.engine, fix: fixMode, writeFixes: args.fix && !dryRun });
  progress?.finish();
  const elapsed = (performance.now() - started) / 1000;
  const adopted = await adoptionStep(args, report);
  if (typeof adopted === 'number') return adopted;
  report = adopted;

  if (dryRun) {
    process.stdout.write(unifiedDiff(report));
    const changes = report.files.filter((f) => f.fixedSource !== undefined).length;
    process.stderr.write(`${changes} file${changes === 1 ? '' : 's'} would be changed.\n`);
    return changes > 0 ? 1 : 0;
  }
  if (args.quiet) report = onlyErrors(report);

  const color = args.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  const output = renderReport(report, rules, format, {
    color: args.output ? false : color,
    toolVersion: packageJson.version,
    ...(args['sarif-category'] !== undefined ? { sarifCategory: args['sarif-category'] } : {}),
  });
  if (args.output) writeFileSync(path.resolve(args.output), output.text);
  else process.stdout.write(output.text);
  for (const warning of output.warnings) process.stderr.write(`pysparse-lint: ${warning}\n`);
  // Machine formats hold the notifications too, but a person watching the run should see them.
  if (format === 'json' || format === 'sarif' || format === 'junit') {
    for (const n of report.notifications) process.stderr.write(`pysparse-lint: ${n.level}: ${n.message}\n`);
  }
  if (args.statistics) process.stderr.write(statistics(report, rules));
  process.stderr.write(summaryLine(report, elapsed));

  const findings = report.files.flatMap((f) => f.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (args['exit-zero']) return 0;
  if (errors > 0) return 1;
  if (args['max-warnings'] !== undefined && warnings > args['max-warnings']) return 1;
  return 0;
}

/** --jobs, --cache, --cache-location, --file-timeout, --shard, --facts-out: checked and turned into engine options. */
function scaleOptions(
  args: { readonly jobs?: number | undefined; readonly cache: boolean; readonly 'cache-location'?: string | undefined; readonly 'file-timeout'?: number | undefined; readonly shard?: string | undefined; readonly 'facts-out'?: string | undefined },
  fixingOrLinking: boolean,
  onProgress: ((done: number, total: number) => void) | undefined,
): {
  engine: { jobs?: number; cache?: boolean; cacheLocation?: string; fileTimeoutMs?: number; onProgress?: (done: number, total: number) => void };
  shard?: ReturnType<typeof parseShardSpec>;
  factsOut?: string;
} {
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError(`--jobs must be a whole number of at least 1, not ${args.jobs}`);
  if (args['file-timeout'] !== undefined && !(args['file-timeout'] > 0)) throw new UsageError(`--file-timeout must be a number of seconds above 0, not ${args['file-timeout']}`);
  if (args.shard !== undefined && args['facts-out'] === undefined) {
    throw new UsageError('--shard needs --facts-out FILE', 'each shard writes its facts; `pysparse-lint link FILE...` then reports on all of them');
  }
  if (args['facts-out'] !== undefined && fixingOrLinking) throw new UsageError('--facts-out cannot be combined with --fix, --diff or link');
  const engine: ReturnType<typeof scaleOptions>['engine'] = {
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
    ...(args.cache ? { cache: true } : {}),
    ...(args['cache-location'] !== undefined ? { cacheLocation: args['cache-location'] } : {}),
    ...(args['file-timeout'] !== undefined ? { fileTimeoutMs: args['file-timeout'] * 1000 } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
  return {
    engine,
    ...(args.shard !== undefined ? { shard: parseShardSpec(args.shard) } : {}),
    ...(args['facts-out'] !== undefined ? { factsOut: args['facts-out'] } : {}),
  };
}

/** --write-baseline, --baseline and --add-noqa: a report to go on with, or the exit code. */
async function adoptionStep(
  args: { readonly 'write-baseline'?: string | undefined; readonly baseline?: string | undefined; readonly 'add-noqa'?: boolean | undefined; readonly diff: boolean },
  report: LintReport,
): Promise<LintReport | number> {
  if (args.diff && (args['add-noqa'] || args['write-baseline'] !== undefined)) {
    throw new UsageError(`--${args['add-noqa'] ? 'add-noqa' : 'write-baseline'} cannot be combined with --diff`, 'it records the code on disk, which --diff leaves unfixed');
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (args['write-baseline'] !== undefined) {
    const file = path.resolve(args['write-baseline']);
    const baseline = createBaseline(report, path.dirname(file));
    writeBaseline(file, baseline);
    const count = Object.values(baseline.files).flatMap((codes) => Object.values(codes)).reduce((n, list) => n + list.length, 0);
    process.stderr.write(`pysparse-lint: wrote ${plural(count, 'finding')} to the baseline ${args['write-baseline']}\n`);
    return 0;
  }
  if (args.baseline !== undefined) {
    const file = path.resolve(args.baseline);
    const applied = applyBaseline(report, readBaseline(file), path.dirname(file));
    report = applied.report;
    if (applied.suppressed > 0) process.stderr.write(`pysparse-lint: ${plural(applied.suppressed, 'finding')} hidden by the baseline ${args.baseline}\n`);
    if (applied.stale > 0) {
      const entries = applied.stale === 1 ? '1 baseline entry' : `${applied.stale} baseline entries`;
      process.stderr.write(`pysparse-lint: ${entries} no longer found; re-run with --write-baseline to drop them\n`);
    }
  }
  if (args['add-noqa']) {
    const added = await addNoqaComments(report);
    for (const n of added.notifications) process.stderr.write(`pysparse-lint: ${n.level}: ${n.message}\n`);
    process.stderr.write(`pysparse-lint: added ${plural(added.codesAdded, 'noqa code')} to ${plural(added.filesChanged, 'file')}\n`);
    return 0;
  }
  return report;
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function onlyErrors(report: LintReport): LintReport {
  return {
    ...report,
    files: report.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })),
  };
}

function unifiedDiff(report: LintReport): string {
  return report.files
    .filter((f) => f.fixedSource !== undefined && f.source !== undefined)
    .map((f) => createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.source!, f.fixedSource!, undefined, undefined, { context: 3 })
      // git's shape: no `===` banner, no tab after the file names.
      .replace(/^=+\n/, '').replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2'))
    .join('');
}

function statistics(report: LintReport, rules: readonly Rule[]): string {
  const counts = new Map<string, { count: number; fixable: boolean }>();
  for (const f of report.files.flatMap((x) => x.findings)) {
    const entry = counts.get(f.ruleId) ?? { count: 0, fixable: false };
    entry.count++;
    entry.fixable ||= f.fix !== undefined;
    counts.set(f.ruleId, entry);
  }
  const names = new Map(rules.map((r) => [r.code, r.name]));
  return [...counts]
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1))
    .map(([code, { count, fixable }]) => `${String(count).padStart(6)}  ${code.padEnd(13)} ${fixable ? '[*]' : '   '} ${names.get(code) ?? code}\n`)
    .join('');
}

function summaryLine(report: LintReport, seconds: number): string {
  const findings = report.files.flatMap((f) => f.findings);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const fixable = findings.filter((f) => f.fix?.safety === 'safe').length;
  const fixed = report.files.reduce((n, f) => n + f.fixesApplied, 0);
  const parts = [
    `${report.files.length} file${report.files.length === 1 ? '' : 's'} linted in ${seconds.toFixed(2)}s`,
    `${count('error')} error${count('error') === 1 ? '' : 's'}`,
    `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`,
  ];
  if (count('info') > 0) parts.push(`${count('info')} info`);
  if (fixed > 0) parts.push(`${fixed} fixed`);
  if (fixable > 0) parts.push(`${fixable} fixable with --fix`);
  return `${parts.join(', ')}\n`;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof PysparseError) {
      process.stderr.write(`pysparse-lint: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`pysparse-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    }
  },
);
