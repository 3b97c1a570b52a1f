// RuleTester: valid and invalid cases for one rule, with expected messages and fixed output (ESLint's RuleTester).
import assert from 'node:assert/strict';
import { describe as nodeDescribe, it as nodeIt } from 'node:test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig, type UserConfig } from '../config/config.js';
import { applyEdits } from '../fix/apply.js';
import { loadParser } from '../source/parser.js';
import type { FileInput } from '../run/analyze-file.js';
import { lintProject, type FixMode } from '../run/lint-project.js';
import { moduleInfoFor } from '../run/module-name.js';
import { formatMessage, type Rule } from '../run/rule.js';
import type { Finding, LintReport } from '../types.js';

/** Code a rule must stay silent on. A string is the code of one file, `example.py`. */
export interface ValidTestCase {
  /** Shown as the test's name; default: the first line of the code. */
  readonly name?: string;
  /** One file's text (give `code` or `files`). */
  readonly code?: string;
  /** A mini project: relative path → text (`pkg/__init__.py` makes `pkg` a package). */
  readonly files?: Readonly<Record<string, string>>;
  /** The path `code` is linted as; default `example.py`. */
  readonly filePath?: string;
  /** The rule's options, as in `[tool.pysparse-lint.rules.CODE]`. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Run only this case (node:test `only`). */
  readonly only?: boolean;
}

export interface ExpectedSuggestion {
  readonly title?: string;
  /** The text after applying the suggestion's edits (to `code`, or the finding's file). */
  readonly output?: string;
}

/** One expected finding; every given field must match. Lines and columns are 1-based. */
export interface ExpectedError {
  readonly messageId?: string;
  /** The whole message, or a pattern it must match. */
  readonly message?: string | RegExp;
  /** With `messageId`: the data that fills the template; the message must equal the result. */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly suggestions?: readonly ExpectedSuggestion[];
}

export interface InvalidTestCase extends ValidTestCase {
  /** The findings in report order (file, line, column), or just how many. */
  readonly errors: number | readonly ExpectedError[];
  /**
   * Text after `--fix` (safe fixes, all passes); a record per file for a mini project. `null`
   * asserts that no safe fix changes anything. Required when a safe fix changes the code.
   */
  readonly output?: string | Readonly<Record<string, string>> | null;
  /** Text after `--fix --unsafe-fixes`; required when an unsafe fix changes the code. */
  readonly unsafeOutput?: string | Readonly<Record<string, string>> | null;
}

export interface RuleTests {
  readonly valid: readonly (string | ValidTestCase)[];
  readonly invalid: readonly InvalidTestCase[];
}

export interface RuleTesterOptions {
  /** Other rules a plugin rule may be run with (default: the rule alone). */
  readonly catalogue?: readonly Rule[];
  /** Extra configuration (e.g. `per-file-ignores`); `select` and the rule's options are set per case. */
  readonly config?: Omit<UserConfig, 'select' | 'rules' | 'plugins'>;
}

type Describe = (name: string, fn: () => void) => unknown;
type It = (name: string, options: { only?: boolean }, fn: () => Promise<void>) => unknown;

const DEFAULT_FILE = 'example.py';

export class RuleTester {
  /** The test framework hooks; node:test by default. Set both to run under mocha, vitest or jest. */
  static describe: Describe = nodeDescribe;
  static it: It = nodeIt;

  private readonly options: RuleTesterOptions;

  constructor(options: RuleTesterOptions = {}) {
    this.options = options;
  }

  /** Register one test per case with the framework (`describe(rule.code)` › `valid` / `invalid`). */
  run(rule: Rule, tests: RuleTests): void {
    RuleTester.describe(`${rule.code} ${rule.name}`, () => {
      RuleTester.describe('valid', () => {
        for (const raw of tests.valid) {
          const test = typeof raw === 'string' ? { code: raw } : raw;
          RuleTester.it(caseName(test), { ...(test.only ? { only: true } : {}) }, () => this.verifyValid(rule, test));
        }
      });
      RuleTester.describe('invalid', () => {
        for (const test of tests.invalid) {
          RuleTester.it(caseName(test), { ...(test.only ? { only: true } : {}) }, () => this.verifyInvalid(rule, test));
        }
      });
    });
  }

  /** Assert that the rule reports nothing on the case. */
  async verifyValid(rule: Rule, raw: string | ValidTestCase): Promise<void> {
    const test = typeof raw === 'string' ? { code: raw } : raw;
    const report = await this.lint(rule, test, 'none');
    const findings = ruleFindings(report, rule);
    assert.equal(findings.length, 0, `${rule.code} should report nothing, but reported:\n${findings.map(describeFinding).join('\n')}`);
  }

  /** Assert the expected findings, messages, positions, suggestions and fixed outputs. */
  async verifyInvalid(rule: Rule, test: InvalidTestCase): Promise<void> {
    const report = await this.lint(rule, test, 'none');
    const findings = ruleFindings(report, rule);
    const expected = test.errors;
    if (typeof expected === 'number') {
      assert.equal(findings.length, expected, `${rule.code} should report ${expected} finding(s), but reported ${findings.length}:\n${findings.map(describeFinding).join('\n')}`);
    } else {
      assert.ok(expected.length > 0, 'an invalid case needs at least one expected error (use `valid` for silent cases)');
      assert.equal(findings.length, expected.length, `${rule.code} should report ${expected.length} finding(s), but reported ${findings.length}:\n${findings.map(describeFinding).join('\n')}`);
      expected.forEach((error, i) => checkError(rule, findings[i]!, error, i, report));
    }
    if (rule.fixable === 'never') {
      assert.ok(!findings.some((f) => f.fix), `${rule.code} declares fixable: 'never' but offered a fix`);
    }
    for (const [mode, key] of [['safe', 'output'], ['unsafe', 'unsafeOutput']] as const) {
      const offered = findings.some((f) => f.fix && (mode === 'unsafe' || f.fix.safety === 'safe'));
      const want = test[key];
      if (!offered) {
        assert.ok(want === undefined || want === null, `${key} is given, but ${rule.code} offered no ${mode} fix`);
        continue;
      }
      const fixed = await this.lint(rule, test, mode);
      const changed = fixed.files.some((f) => f.fixedSource !== undefined);
      if (want === undefined) {
        assert.ok(!changed || (mode === 'unsafe' && test.output !== undefined && sameOutput(fixed, test.output, test)),
          `${rule.code} fixed the code (${mode} fixes): add \`${key}\` with the expected text, or null`);
        continue;
      }
      if (want === null) {
        assert.ok(!changed, `${key} is null, but ${mode} fixes changed:\n${fixed.files.filter((f) => f.fixedSource !== undefined).map((f) => f.file).join(', ')}`);
        continue;
      }
      for (const [file, text] of Object.entries(outputsByFile(want, test))) {
        const result = fixed.files.find((f) => f.file === file);
        assert.ok(result, `${key} names ${file}, which is not part of the case`);
        assert.notEqual(text, result.source, `${key} for ${file} equals the input: use null when no fix applies`);
        assert.equal(result.fixedSource ?? result.source, text, `${key} differs for ${file}`);
      }
    }
  }

  /** Lint a case as a project of its own, with only `rule` selected. */
  async lint(rule: Rule, test: ValidTestCase, fix: FixMode): Promise<LintReport> {
    const files = filesOf(test);
    const root = path.join(tmpdir(), 'pysparse-rule-tester');
    const catalogue = [...(this.options.catalogue ?? []).filter((r) => r.code !== rule.code), rule];
    const config = resolveConfig(catalogue, {
      ...this.options.config,
      select: [rule.code],
      ...(test.options ? { rules: { [rule.code]: test.options } } : {}),
    }, {}, root);
    const relativePaths = Object.keys(files);
    const isPackageDir = (dir: string) => relativePaths.some((p) => /__init__\.pyi?$/.test(p) && path.join(root, path.dirname(p)) === dir);
    const inputs: FileInput[] = relativePaths.sort().map((relative) => {
      const absolutePath = path.join(root, relative);
      return { path: relative, absolutePath, content: files[relative]!, module: moduleInfoFor(absolutePath, relative, isPackageDir) };
    });
    const parser = await loadParser();
    const { report } = lintProject(parser, inputs, { root, config, fix });
    const crashes = report.notifications.filter((n) => n.code === 'internal-error');
    assert.equal(crashes.length, 0, `${rule.code} crashed:\n${crashes.map((n) => n.message).join('\n')}`);
    const syntax = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === 'syntax-error');
    assert.equal(syntax.length, 0, `the test code has a syntax error: ${syntax.map(describeFinding).join('; ')}`);
    return report;
  }
}

function filesOf(test: ValidTestCase): Record<string, string> {
  if (test.files && test.code !== undefined) throw new Error('give `code` or `files`, not both');
  if (test.files) return { ...test.files };
  if (test.code === undefined) throw new Error('a test case needs `code` or `files`');
  return { [test.filePath ?? DEFAULT_FILE]: test.code };
}

function outputsByFile(want: string | Readonly<Record<string, string>>, test: ValidTestCase): Record<string, string> {
  return typeof want === 'string' ? { [firstFile(test)]: want } : { ...want };
}

/** The file a plain-string `output` describes: the only one, or the first in path order. */
function firstFile(test: ValidTestCase): string {
  return test.files ? Object.keys(test.files).sort()[0]! : (test.filePath ?? DEFAULT_FILE);
}

function sameOutput(report: LintReport, want: string | Readonly<Record<string, string>> | null, test: ValidTestCase): boolean {
  if (want === null) return !report.files.some((f) => f.fixedSource !== undefined);
  if (typeof want === 'string') {
    const first = report.files.find((f) => f.file === firstFile(test));
    return !!first && (first.fixedSource ?? first.source) === want;
  }
  return report.files.every((f) => (f.fixedSource ?? f.source) === (want[f.file] ?? f.source));
}

function ruleFindings(report: LintReport, rule: Rule): Finding[] {
  return report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === rule.code);
}

function checkError(rule: Rule, finding: Finding, error: ExpectedError, index: number, report: LintReport): void {
  const where = `finding ${index + 1} (${describeFinding(finding)})`;
  if (error.messageId !== undefined) {
    assert.ok(error.messageId in rule.messages, `${rule.code} has no message id '${error.messageId}'`);
    assert.equal(finding.messageId, error.messageId, `${where}: messageId`);
    if (error.data) assert.equal(finding.message, formatMessage(rule.messages[error.messageId]!, error.data), `${where}: message from data`);
  } else if (error.data) {
    throw new Error('`data` needs a `messageId`');
  }
  if (typeof error.message === 'string') assert.equal(finding.message, error.message, `${where}: message`);
  else if (error.message) assert.match(finding.message, error.message, `${where}: message`);
  if (error.file !== undefined) assert.equal(finding.file, error.file, `${where}: file`);
  if (error.line !== undefined) assert.equal(finding.span.startLine, error.line, `${where}: line`);
  if (error.column !== undefined) assert.equal(finding.span.startColumn, error.column, `${where}: column`);
  if (error.endLine !== undefined) assert.equal(finding.span.endLine, error.endLine, `${where}: endLine`);
  if (error.endColumn !== undefined) assert.equal(finding.span.endColumn, error.endColumn, `${where}: endColumn`);
  if (error.suggestions) {
    assert.equal(finding.suggestions.length, error.suggestions.length,
      `${where}: expected ${error.suggestions.length} suggestion(s), got ${finding.suggestions.length}`);
    error.suggestions.forEach((want, i) => {
      const got = finding.suggestions[i]!;
      if (want.title !== undefined) assert.equal(got.title, want.title, `${where}: suggestion ${i + 1} title`);
      if (want.output !== undefined) {
        const file = report.files.find((f) => f.file === finding.file);
        const text = file?.source ?? '';
        assert.equal(applyEdits(text, got.edits.filter((e) => e.file === finding.file)), want.output, `${where}: suggestion ${i + 1} output`);
      }
    });
  }
}

function describeFinding(f: Finding): string {
  return `${f.file}:${f.span.startLine}:${f.span.startColumn} ${f.ruleId} ${f.message}`;
}

function caseName(test: ValidTestCase): string {
  if (test.name) return test.name;
  const text = test.code ?? Object.keys(test.files ?? {}).join(', ');
  const firstLine = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('import ')) ?? text;
  return firstLine.trim().slice(0, 80);
}
