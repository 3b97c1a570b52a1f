// SARIF output: checked by the shared checker (schema, GitHub rules, sources, fixes, fingerprints).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SourceText } from '../../src/engine/source/source-text.js';
import type { RuleMeta } from '../../src/engine/run/rule.js';
import type { Edit, FileResult, Finding, LintReport, Notification, Span } from '../../src/engine/types.js';
import { lineHashes } from '../../src/formatters/fingerprints.js';
import { FORMAT_NAMES, formatReport, renderReport } from '../../src/formatters/index.js';
import { buildSarifLog, relativeUri } from '../../src/formatters/sarif.js';

const CHECKER = '/work/shared/sarif/check-sarif.mjs';

// ---------------------------------------------------------------- rules

function rule(code: string, name: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return {
    code,
    name,
    family: 'bulk-transform',
    tier: 'file',
    severity: 'warning',
    fixable: 'sometimes',
    precision: 'high',
    summary: `Summary of ${name}`,
    messages: { main: 'message' },
    fixTitle: 'Fix it',
    options: { reducers: { type: 'string[]', default: ['sum'], description: 'Single-pass consumers.' } },
    docs: {
      whatItDoes: `Checks for ${name}.`,
      whyBad: 'It allocates a whole list at once.',
      example: 'total = sum([r.amount for r in rows])',
      useInstead: 'total = sum(r.amount for r in rows)',
      fixSafety: 'Safe: the consumer reads each element once.',
      references: ['https://docs.python.org/3/reference/expressions.html#generator-expressions'],
    },
    ...over,
  };
}

const RULES: readonly RuleMeta[] = [
  rule('PSL104', 'eager-materialization'),
  rule('PSL201', 'unbounded-cache', { family: 'cache-growth', severity: 'error', precision: 'medium', fixable: 'never' }),
  rule('PSL301', 'self-reference-cycle', { family: 'reference-cycle', severity: 'info', precision: 'low' }),
];

// ---------------------------------------------------------------- the project on disk

/** Text of each file as the engine decoded it; written byte-for-byte as UTF-8 for the checker. */
const FILES: Readonly<Record<string, string>> = {
  // non-ASCII (é, a surrogate-pair emoji) before the finding on its own line
  'src/app/load.py':
    '# données, café ☕\n' +
    'from app.io import load\n' +
    'rows = load()\n' +
    'label = "é😀"; total = sum([r.amount for r in rows])\n',
  // CRLF line endings
  'src/app/io.py':
    'def load():\r\n' +
    '    out = []\r\n' +
    '    for x in range(10):\r\n' +
    '        out.append(x)\r\n' +
    '    return out\r\n',
  'src/app/broken.py': 'def f(:\n    pass\n',
  // classic-Mac lone CR line endings
  'src/app/old_mac.py': 'import sys\rdata = list([x for x in sys.argv])\r',
  // a name that needs percent-encoding in a URI
  'src/app/données x.py': 'values = [1, 2]\nprint(sum([v for v in values]))\n',
};

const sourceOf = (file: string): SourceText => new SourceText(FILES[file]!);

/** Span of the `nth` occurrence of `needle` in `file`. */
function spanOf(file: string, needle: string, nth = 0): Span {
  const text = FILES[file]!;
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in ${file}`);
  return sourceOf(file).span(at, at + needle.length);
}

function edit(file: string, needle: string, text: string): Edit {
  const span = spanOf(file, needle);
  return { file, start: span.start, end: span.end, text };
}

function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'file' | 'span'>): Finding {
  return {
    ruleName: 'eager-materialization',
    severity: 'warning',
    messageId: 'main',
    message: 'list built only to be consumed once',
    related: [],
    suggestions: [],
    ...over,
  };
}

const LOAD = 'src/app/load.py';
const IO = 'src/app/io.py';

const eager = finding({
  ruleId: 'PSL104',
  file: LOAD,
  span: spanOf(LOAD, '[r.amount for r in rows]'),
  message: '`sum([...])` builds a whole list only to consume it once',
  related: [
    { file: LOAD, span: spanOf(LOAD, 'rows = load()'), message: 'rows is built here' },
    { file: IO, span: spanOf(IO, 'out = []'), message: 'the list [out] starts here' },
  ],
  fix: {
    title: 'Pass a generator expression instead of a list',
    safety: 'safe',
    edits: [
      { file: LOAD, start: spanOf(LOAD, '[r.amount').start, end: spanOf(LOAD, '[r.amount').start + 1, text: '' },
      { file: LOAD, start: spanOf(LOAD, 'rows]').end - 1, end: spanOf(LOAD, 'rows]').end, text: '' },
    ],
  },
  suggestions: [
    { title: 'Use math.fsum for floats', edits: [edit(LOAD, 'sum(', 'fsum(')] },
    { title: 'Consider streaming rows from the database', edits: [] },
  ],
});

// multi-line span in a CRLF file, with a fix that touches two files
const loop = finding({
  ruleId: 'PSL104',
  file: IO,
  span: sourceOf(IO).span(spanOf(IO, 'for x').start, spanOf(IO, 'out.append(x)').end),
  message: 'the loop appends every item to `out` before returning it',
  fix: {
    title: 'Yield the items instead, and build the list at the caller',
    safety: 'unsafe',
    edits: [edit(IO, 'return out', 'yield from out'), edit(LOAD, 'rows = load()', 'rows = list(load())')],
  },
});

const syntax = finding({
  ruleId: 'syntax-error',
  ruleName: 'syntax-error',
  severity: 'error',
  messageId: 'syntax',
  message: "Expected a parameter name, found ':'",
  file: 'src/app/broken.py',
  span: spanOf('src/app/broken.py', ':'),
});

const mac = finding({
  ruleId: 'PSL104',
  file: 'src/app/old_mac.py',
  span: spanOf('src/app/old_mac.py', '[x for x in sys.argv]'),
  message: '`list([...])` copies a list that was just built',
});

const cycle = finding({
  ruleId: 'PSL301',
  ruleName: 'self-reference-cycle',
  severity: 'info',
  file: 'src/app/données x.py',
  span: spanOf('src/app/données x.py', '[v for v in values]'),
  message: 'values [0](1) escapes',
});

const notifications: Notification[] = [
  { level: 'error', code: 'read-error', message: 'could not read file: EACCES: permission denied', file: 'src/app/secret.py' },
  { level: 'warning', code: 'config-unknown-key', message: 'unknown key `pysparse.foo` in pyproject.toml' },
];

function fileResult(file: string, findings: Finding[]): FileResult {
  return { file, absolutePath: `/virtual/${file}`, source: FILES[file]!, findings, fixesApplied: 0 };
}

function makeReport(root: string): LintReport {
  return {
    root,
    files: [
      fileResult('src/app/broken.py', [syntax]),
      fileResult('src/app/données x.py', [cycle]),
      fileResult(IO, [loop]),
      fileResult(LOAD, [eager]),
      fileResult('src/app/old_mac.py', [mac]),
      { file: 'src/app/secret.py', absolutePath: '/virtual/src/app/secret.py', findings: [], fixesApplied: 0 },
    ],
    notifications,
    startTime: new Date('2025-01-02T03:04:05.000Z'),
    endTime: new Date('2025-01-02T03:04:06.500Z'),
  };
}

// ---------------------------------------------------------------- checker harness

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function projectDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'psl-sarif-'));
  tempDirs.push(root);
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text, 'utf8');
  }
  return root;
}

/** Runs the shared checker in strict mode; returns its problem count and its report lines. */
function check(sarifText: string, root: string): { problems: number; output: string } {
  const out = join(root, 'out.sarif');
  writeFileSync(out, sarifText, 'utf8');
  const run = spawnSync(process.execPath, [CHECKER, out, '--source-root', root, '--strict', '--python-parse'], {
    encoding: 'utf8',
  });
  const match = /^sarif-check: (\d+) problems$/m.exec(run.stdout);
  assert.ok(match, `checker printed no count:\n${run.stdout}\n${run.stderr}`);
  const problems = Number(match[1]);
  assert.equal(run.status, problems === 0 ? 0 : 1, run.stderr);
  return { problems, output: run.stdout };
}

// ---------------------------------------------------------------- tests

describe('sarif', () => {
  const root = projectDir();
  const report = makeReport(root);
  const options = { toolVersion: '1.2.3', docsBaseUrl: 'https://example.org/psl', sarifCategory: 'backend' };
  const text = formatReport(report, RULES, 'sarif', options);
  const log = JSON.parse(text) as import('sarif').Log;
  const run = log.runs[0]!;
  const results = run.results!;

  it('passes check-sarif --strict --python-parse with 0 problems (schema included)', () => {
    const { problems, output } = check(text, root);
    assert.equal(problems, 0, output);
  });

  it('is caught by the checker when a region is off by one (the harness can fail)', () => {
    const broken = structuredClone(log);
    broken.runs[0]!.results![3]!.locations![0]!.physicalLocation!.region!.startColumn! += 1;
    assert.ok(check(JSON.stringify(broken), root).problems > 0);
    const badHash = structuredClone(log);
    badHash.runs[0]!.results![0]!.partialFingerprints!.primaryLocationLineHash = '1234:1';
    assert.ok(check(JSON.stringify(badHash), root).problems > 0);
  });

  it('describes the tool and every rule, fired or not, plus engine pseudo-rules', () => {
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    const driver = run.tool.driver;
    assert.equal(driver.name, 'pysparse-lint');
    assert.equal(driver.semanticVersion, '1.2.3');
    assert.deepEqual(
      driver.rules!.map((r) => r.id),
      ['PSL104', 'PSL201', 'PSL301', 'syntax-error'],
    );
    const cache = driver.rules![1]!;
    assert.equal(cache.name, 'unbounded-cache');
    assert.equal(cache.shortDescription!.text, 'Summary of unbounded-cache');
    assert.equal(cache.fullDescription!.text, 'Checks for unbounded-cache.');
    assert.equal(cache.helpUri, 'https://example.org/psl/docs/rules/PSL201.md');
    assert.equal(cache.defaultConfiguration!.level, 'error');
    assert.deepEqual(cache.properties, { tags: ['cache-growth', 'memory'], precision: 'medium', 'problem.severity': 'error' });
    assert.equal(driver.rules![2]!.properties!['problem.severity'], 'recommendation');
    assert.equal(driver.rules![2]!.defaultConfiguration!.level, 'note');
    const md = driver.rules![0]!.help!.markdown!;
    for (const heading of ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## Options', '## References']) {
      assert.ok(md.includes(heading), heading);
    }
    assert.ok(md.includes('```python\ntotal = sum([r.amount for r in rows])\n```'));
    assert.equal(run.automationDetails!.id, 'backend/');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.ok(run.originalUriBaseIds!['%SRCROOT%']!.uri!.endsWith('/'));
  });

  it('truncates a long fullDescription to 1024 characters', () => {
    const long = rule('PSL999', 'long', { docs: { ...RULES[0]!.docs, whatItDoes: '😀'.repeat(600) } });
    const built = buildSarifLog(report, [long], options).log;
    const full = built.runs[0]!.tool.driver.rules![0]!.fullDescription!.text;
    assert.ok(full.length <= 1024 && full.endsWith('…'));
    assert.ok(!/[\uD800-\uDBFF]…$/.test(full), 'no lone high surrogate before the ellipsis');
  });

  it('places results with UTF-16 columns after é and an emoji', () => {
    const r = results[3]!;
    assert.equal(r.ruleId, 'PSL104');
    assert.equal(r.ruleIndex, 0);
    const region = r.locations![0]!.physicalLocation!.region!;
    const line = 'label = "é😀"; total = sum([r.amount for r in rows])';
    assert.deepEqual(
      { ...region, snippet: undefined },
      { startLine: 4, startColumn: line.indexOf('[') + 1, endLine: 4, endColumn: line.length + 0, snippet: undefined },
    );
    assert.equal(region.startColumn, 28, 'é is one unit, 😀 two');
    assert.equal(region.snippet!.text, '[r.amount for r in rows]');
    assert.equal(r.locations![0]!.physicalLocation!.contextRegion!.snippet!.text, line);
    assert.equal(r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId, '%SRCROOT%');
  });

  it('links related locations from the message, with ids', () => {
    const r = results[3]!;
    assert.equal(
      r.message.text,
      '`sum([...])` builds a whole list only to consume it once (see [rows is built here](1), [the list \\[out\\] starts here](2))',
    );
    assert.deepEqual(
      r.relatedLocations!.map((l) => [l.id, l.message!.text, l.physicalLocation!.artifactLocation!.uri, l.physicalLocation!.region!.startLine]),
      [
        [1, 'rows is built here', 'src/app/load.py', 3],
        [2, 'the list [out] starts here', 'src/app/io.py', 2],
      ],
    );
    // a link-like text in a message is escaped, so it does not point at a location
    assert.equal(results[1]!.message.text, 'values \\[0\\](1) escapes');
  });

  it('turns fixes into artifactChanges, one per file, and suggestions with edits into fixes', () => {
    const safe = results[3]!.fixes!;
    assert.equal(safe.length, 2);
    assert.equal(safe[0]!.description!.text, 'Pass a generator expression instead of a list');
    assert.deepEqual(safe[0]!.properties, { safety: 'safe' });
    assert.equal(safe[0]!.artifactChanges.length, 1);
    assert.equal(safe[0]!.artifactChanges[0]!.replacements!.length, 2);
    assert.deepEqual(safe[1]!.properties, { safety: 'suggestion' });
    const multi = results[2]!.fixes!;
    assert.equal(multi.length, 1);
    assert.deepEqual(multi[0]!.properties, { safety: 'unsafe' });
    assert.deepEqual(
      multi[0]!.artifactChanges.map((c) => c.artifactLocation.uri),
      ['src/app/io.py', 'src/app/load.py'],
    );
    const deleted = multi[0]!.artifactChanges[0]!.replacements![0]!.deletedRegion!;
    // CRLF: line 5 of io.py starts after four "\r\n"-terminated lines
    assert.deepEqual(deleted, { charOffset: FILES[IO]!.indexOf('return out'), charLength: 10, startLine: 5, startColumn: 5, endLine: 5, endColumn: 15 });
  });

  it('spans CRLF lines and computes GitHub line hashes and our own fingerprint', () => {
    const r = results[2]!;
    const region = r.locations![0]!.physicalLocation!.region!;
    assert.deepEqual([region.startLine, region.startColumn, region.endLine, region.endColumn], [3, 5, 4, 22]);
    assert.equal(region.snippet!.text, 'for x in range(10):\r\n        out.append(x)');
    assert.equal(r.partialFingerprints!.primaryLocationLineHash, lineHashes(FILES[IO]!)[2]);
    assert.match(r.fingerprints!['pysparseFingerprint/v1']!, /^[0-9a-f]{32}$/);
    // the own fingerprint survives lines inserted above; the line hash does not carry the line number
    const shifted = structuredClone(report) as LintReport & { files: FileResult[] };
    const shiftedText = `# a new comment\n${FILES[LOAD]!}`;
    const s = new SourceText(shiftedText);
    const at = shiftedText.indexOf('[r.amount');
    const moved = { ...eager, span: s.span(at, at + 24), related: [], fix: undefined, suggestions: [] };
    shifted.files = [{ ...fileResult(LOAD, [moved]), source: shiftedText }];
    const again = buildSarifLog(shifted, RULES, options).log.runs[0]!.results![0]!;
    assert.equal(again.fingerprints!['pysparseFingerprint/v1'], results[3]!.fingerprints!['pysparseFingerprint/v1']);
  });

  it('reports the syntax error as an error result and notifications in the invocation', () => {
    const r = results[0]!;
    assert.equal(r.ruleId, 'syntax-error');
    assert.equal(r.ruleIndex, 3);
    assert.equal(r.level, 'error');
    assert.equal(results[1]!.level, 'note');
    assert.equal(results[1]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/app/donn%C3%A9es%20x.py');
    const inv = run.invocations![0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.startTimeUtc, '2025-01-02T03:04:05.000Z');
    assert.equal(inv.endTimeUtc, '2025-01-02T03:04:06.500Z');
    const [unreadable, config] = inv.toolExecutionNotifications!;
    assert.equal(unreadable!.level, 'error');
    assert.equal(unreadable!.descriptor!.id, 'read-error');
    assert.equal(unreadable!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/app/secret.py');
    assert.equal(config!.locations, undefined);
  });

  it('marks the run successful when no notification is an error', () => {
    const calm = { ...report, notifications: [notifications[1]!] };
    const inv = buildSarifLog(calm, RULES, options).log.runs[0]!.invocations![0]!;
    assert.equal(inv.executionSuccessful, true);
  });

  it('caps results, keeps the most severe in engine order, and warns', () => {
    const { text: capped, warnings } = renderReport(report, RULES, 'sarif', { ...options, maxSarifResults: 2 });
    const cappedLog = JSON.parse(capped) as import('sarif').Log;
    const cappedRun = cappedLog.runs[0]!;
    // error (syntax) then the first warning; the info result and later warnings go
    assert.deepEqual(
      cappedRun.results!.map((r) => `${r.ruleId}:${r.locations![0]!.physicalLocation!.artifactLocation!.uri}`),
      ['syntax-error:src/app/broken.py', 'PSL104:src/app/io.py'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /keeps the 2 most severe of 5 results and leaves out 3/);
    const notes = cappedRun.invocations![0]!.toolExecutionNotifications!;
    assert.equal(notes.at(-1)!.descriptor!.id, 'results-capped');
    assert.equal(check(capped, root).problems, 0);
    assert.deepEqual(renderReport(report, RULES, 'sarif', options).warnings, []);
  });

  it('uses the default category, or none when asked', () => {
    const plain = buildSarifLog(report, RULES, {}).log.runs[0]!;
    assert.equal(plain.automationDetails!.id, 'pysparse-lint/');
    assert.equal(buildSarifLog(report, RULES, { sarifCategory: '' }).log.runs[0]!.automationDetails, undefined);
    assert.equal(buildSarifLog(report, RULES, { sarifCategory: 'py/backend/' }).log.runs[0]!.automationDetails!.id, 'py/backend/');
  });

  it('is valid for an empty report too', () => {
    const empty: LintReport = { ...report, files: [], notifications: [] };
    const out = formatReport(empty, RULES, 'sarif', options);
    assert.equal(check(out, root).problems, 0);
    assert.deepEqual((JSON.parse(out) as import('sarif').Log).runs[0]!.results, []);
  });

  it('is deterministic', () => {
    assert.equal(formatReport(makeReport(root), RULES, 'sarif', options), text);
  });

  it('exports every format name', () => {
    assert.deepEqual([...FORMAT_NAMES], ['stylish', 'concise', 'json', 'github', 'junit', 'sarif']);
  });
});

describe('primaryLocationLineHash', () => {
  // Vectors published in github/codeql-action src/fingerprints.test.ts (also in check-sarif --self-test).
  const vectors: [string, string[]][] = [
    ['', ['c129715d7a2bc9a3:1']],
    [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
    [' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
    [' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n', ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1']],
    ['Lorem ipsum dolor sit amet.\n'.repeat(10), ['a7f2ff13bc495cf2:1', 'a7f2ff13bc495cf2:2', 'a7f2ff13bc495cf2:3', 'a7f2ff13bc495cf2:4', 'a7f2ff13bc495cf2:5', 'a7f2ff13bc495cf2:6', 'a7f2ff1481e87703:1', 'a9cf91f7bbf1862b:1', '55ec222b86bcae53:1', 'cc97dc7b1d7d8f7b:1', 'c129715d7a2bc9a3:1']],
  ];
  for (const [input, expected] of vectors) {
    it(`matches codeql-action for ${JSON.stringify(input).slice(0, 30)}`, () => {
      assert.deepEqual(lineHashes(input), expected);
    });
  }
});

describe('relativeUri', () => {
  it('percent-encodes each segment and keeps the slashes', () => {
    assert.equal(relativeUri('src/a b/c#d:e.py'), 'src/a%20b/c%23d%3Ae.py');
    assert.equal(relativeUri('pkg/😀.py'), 'pkg/%F0%9F%98%80.py');
  });
});

describe('sarif paths outside the folder the run started in', () => {
  it('gives a file outside the root an absolute file URI, and one inside a %SRCROOT%-relative path', () => {
    const outside: LintReport = {
      ...makeReport('/work/project'),
      files: [
        { file: '../vendor/lib.py', absolutePath: '/work/vendor/lib.py', findings: [finding({ ruleId: 'PSL104', file: '../vendor/lib.py', span: spanOf(LOAD, 'rows = load()'), message: 'm' })], fixesApplied: 0 },
        { file: LOAD, absolutePath: `/work/project/${LOAD}`, findings: [finding({ ruleId: 'PSL104', file: LOAD, span: spanOf(LOAD, 'rows = load()'), message: 'm' })], fixesApplied: 0 },
      ],
      notifications: [],
    };
    const { log } = buildSarifLog(outside, RULES, {});
    const [away, home] = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!);
    assert.deepEqual(away, { uri: 'file:///work/vendor/lib.py' });
    assert.deepEqual(home, { uri: LOAD, uriBaseId: '%SRCROOT%' });
  });
});
