// stylish, concise, json, github and junit: exact output for one small report with every feature.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { SourceText } from '../../src/engine/source/source-text.js';
import type { Finding, LintReport } from '../../src/engine/types.js';
import { formatReport, isFormatName, renderReport } from '../../src/formatters/index.js';
import type { JsonReport } from '../../src/formatters/json.js';

// A CRLF file with é and an emoji before the second finding (UTF-16 column 20, not 19 or 18).
const A = 'import os\r\nx = "é😀"; y = sum([i for i in range(3)])\r\n';
const BAD = 'def f(:\n    pass\n';
const a = new SourceText(A);
const bad = new SourceText(BAD);
const at = A.indexOf('[i for');

const cycle: Finding = {
  ruleId: 'PSL301',
  ruleName: 'self-reference-cycle',
  severity: 'info',
  messageId: 'm',
  message: 'a <b> & "c" 100%, really:\nyes',
  file: 'pkg/a.py',
  span: a.span(7, 9),
  related: [],
  suggestions: [],
  fix: { title: 'Drop the import', safety: 'unsafe', edits: [{ file: 'pkg/a.py', start: 0, end: 11, text: '' }] },
};
const eager: Finding = {
  ruleId: 'PSL104',
  ruleName: 'eager-materialization',
  severity: 'warning',
  messageId: 'm',
  message: '`sum([...])` builds a whole list',
  file: 'pkg/a.py',
  span: a.span(at, at + 21),
  related: [{ file: 'pkg/a.py', span: a.span(0, 9), message: 'imported here' }],
  suggestions: [{ title: 'Use a loop', edits: [] }],
  fix: {
    title: 'Pass a generator',
    safety: 'safe',
    edits: [
      { file: 'pkg/a.py', start: at, end: at + 1, text: '' },
      { file: 'pkg/a.py', start: at + 20, end: at + 21, text: '' },
      { file: 'pkg/other.py', start: 0, end: 0, text: '# touched\n' },
    ],
  },
};
const syntax: Finding = {
  ruleId: 'syntax-error',
  ruleName: 'syntax-error',
  severity: 'error',
  messageId: 's',
  message: "Expected a parameter name, found ':'",
  file: 'pkg/bad.py',
  span: bad.span(6, 7),
  related: [],
  suggestions: [],
};

const report: LintReport = {
  root: '/repo',
  files: [
    { file: 'pkg/a.py', absolutePath: '/repo/pkg/a.py', source: A, findings: [cycle, eager], fixesApplied: 0 },
    { file: 'pkg/b.py', absolutePath: '/repo/pkg/b.py', findings: [], fixesApplied: 0 },
    { file: 'pkg/bad.py', absolutePath: '/repo/pkg/bad.py', source: BAD, findings: [syntax], fixesApplied: 0 },
    { file: 'pkg/clean.py', absolutePath: '/repo/pkg/clean.py', source: 'x = 1\n', findings: [], fixesApplied: 0 },
    { file: 'pkg/other.py', absolutePath: '/repo/pkg/other.py', source: 'y = 2\n', findings: [], fixesApplied: 0 },
  ],
  notifications: [
    { level: 'error', code: 'read-error', message: 'could not read file: EACCES', file: 'pkg/b.py' },
    { level: 'note', code: 'cache-rebuilt', message: 'the cache was rebuilt' },
  ],
  startTime: new Date(0),
  endTime: new Date(1000),
};

const empty: LintReport = { ...report, files: [], notifications: [] };
const ANSI = /\u001b\[\d+m/g;

describe('stylish', () => {
  it('groups by file with aligned columns and a summary', () => {
    assert.equal(
      formatReport(report, [], 'stylish'),
      [
        '',
        'pkg/a.py',
        '  1:8   info     a <b> & "c" 100%, really: yes     PSL301',
        '  2:20  warning  `sum([...])` builds a whole list  PSL104',
        '',
        'pkg/b.py',
        '  error  could not read file: EACCES  read-error',
        '',
        'pkg/bad.py',
        "  1:7  error  Expected a parameter name, found ':'  syntax-error",
        '',
        'pysparse-lint',
        '  info  the cache was rebuilt  cache-rebuilt',
        '',
        '✖ 5 problems (2 errors, 1 warning, 2 info)',
        '  1 fixable with --fix',
        '  1 more fixable with --fix --unsafe-fixes',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked, and the colour is the only difference', () => {
    const coloured = formatReport(report, [], 'stylish', { color: true });
    assert.match(coloured, ANSI);
    assert.ok(coloured.includes('\u001b[31merror'));
    assert.equal(coloured.replace(ANSI, ''), formatReport(report, [], 'stylish'));
    assert.doesNotMatch(formatReport(report, [], 'stylish', { color: false }), ANSI);
  });

  it('prints nothing for a clean run', () => {
    assert.equal(formatReport(empty, [], 'stylish'), '');
  });

  it('pluralizes the summary', () => {
    const one: LintReport = { ...report, files: [{ ...report.files[0]!, findings: [eager] }], notifications: [] };
    assert.ok(formatReport(one, [], 'stylish').endsWith('✖ 1 problem (0 errors, 1 warning)\n  1 fixable with --fix\n'));
  });
});

describe('concise', () => {
  it('prints one path:line:col line per finding, [*] for safe fixes, and a count', () => {
    assert.equal(
      formatReport(report, [], 'concise'),
      [
        'pkg/a.py:1:8: PSL301 a <b> & "c" 100%, really: yes',
        'pkg/a.py:2:20: PSL104 [*] `sum([...])` builds a whole list',
        "pkg/bad.py:1:7: syntax-error Expected a parameter name, found ':'",
        'pkg/b.py: read-error could not read file: EACCES',
        'pysparse-lint: cache-rebuilt the cache was rebuilt',
        'Found 5 problems.',
        '[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).',
        '',
      ].join('\n'),
    );
  });

  it('says so when all checks pass, and when only unsafe fixes exist', () => {
    assert.equal(formatReport(empty, [], 'concise'), 'All checks passed!\n');
    const onlyUnsafe: LintReport = { ...report, files: [{ ...report.files[0]!, findings: [cycle] }], notifications: [] };
    assert.equal(
      formatReport(onlyUnsafe, [], 'concise'),
      'pkg/a.py:1:8: PSL301 a <b> & "c" 100%, really: yes\nFound 1 problem.\nNo fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n',
    );
  });

  it('colours only when asked', () => {
    const coloured = formatReport(report, [], 'concise', { color: true });
    assert.match(coloured, ANSI);
    assert.equal(coloured.replace(ANSI, ''), formatReport(report, [], 'concise'));
  });
});

describe('github', () => {
  it('emits escaped workflow commands; columns only on one-line ranges', () => {
    const multiLine: Finding = { ...syntax, severity: 'warning', span: bad.span(0, 12) };
    const withMulti: LintReport = { ...report, files: [...report.files, { ...report.files[2]!, findings: [multiLine] }] };
    assert.equal(
      formatReport(withMulti, [], 'github'),
      [
        '::notice file=pkg/a.py,line=1,col=8,endLine=1,endColumn=10,title=PSL301::a <b> & "c" 100%25, really:%0Ayes',
        '::warning file=pkg/a.py,line=2,col=20,endLine=2,endColumn=41,title=PSL104::`sum([...])` builds a whole list',
        "::error file=pkg/bad.py,line=1,col=7,endLine=1,endColumn=8,title=syntax-error::Expected a parameter name, found ':'",
        "::warning file=pkg/bad.py,line=1,endLine=2,title=syntax-error::Expected a parameter name, found ':'",
        '::error file=pkg/b.py,title=read-error::could not read file: EACCES',
        '::notice title=cache-rebuilt::the cache was rebuilt',
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF in data, and also : and , in properties', () => {
    const odd: Finding = { ...eager, file: 'we:ird,dir/100%\r\n.py', message: 'x\r\ny%' };
    const out = formatReport({ ...report, files: [{ ...report.files[0]!, findings: [odd] }], notifications: [] }, [], 'github');
    assert.equal(out, '::warning file=we%3Aird%2Cdir/100%25%0D%0A.py,line=2,col=20,endLine=2,endColumn=41,title=PSL104::x%0D%0Ay%25\n');
  });
});

describe('json', () => {
  const parsed = JSON.parse(formatReport(report, [], 'json', { toolVersion: '1.0.0' })) as JsonReport;

  it('has the documented top-level shape', () => {
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.tool, { name: 'pysparse-lint', version: '1.0.0' });
    assert.deepEqual(
      parsed.files.map((f) => f.file),
      ['pkg/a.py', 'pkg/b.py', 'pkg/bad.py', 'pkg/clean.py', 'pkg/other.py'],
    );
    assert.deepEqual(parsed.notifications, [
      { level: 'error', code: 'read-error', message: 'could not read file: EACCES', file: 'pkg/b.py', ruleId: null },
      { level: 'note', code: 'cache-rebuilt', message: 'the cache was rebuilt', file: null, ruleId: null },
    ]);
  });

  it('gives findings with UTF-16 positions, fixes with edit ranges (also in other files), suggestions and related', () => {
    const file = parsed.files[0]!;
    assert.deepEqual(
      { ...file, findings: file.findings.length },
      { file: 'pkg/a.py', errorCount: 0, warningCount: 1, infoCount: 1, fixableCount: 1, unsafeFixableCount: 1, fixesApplied: 0, findings: 2 },
    );
    assert.deepEqual(file.findings[1], {
      ruleId: 'PSL104',
      ruleName: 'eager-materialization',
      severity: 'warning',
      messageId: 'm',
      message: '`sum([...])` builds a whole list',
      line: 2,
      column: 20,
      endLine: 2,
      endColumn: 41,
      start: 30,
      end: 51,
      fix: {
        title: 'Pass a generator',
        safety: 'safe',
        edits: [
          { file: 'pkg/a.py', start: 30, end: 31, text: '', line: 2, column: 20, endLine: 2, endColumn: 21 },
          { file: 'pkg/a.py', start: 50, end: 51, text: '', line: 2, column: 40, endLine: 2, endColumn: 41 },
          { file: 'pkg/other.py', start: 0, end: 0, text: '# touched\n', line: 1, column: 1, endLine: 1, endColumn: 1 },
        ],
      },
      suggestions: [{ title: 'Use a loop', edits: [] }],
      related: [{ file: 'pkg/a.py', message: 'imported here', line: 1, column: 1, endLine: 1, endColumn: 10 }],
    });
    // deleting "import os\r\n" ends at the start of line 2: CRLF is one line break
    assert.deepEqual(file.findings[0]!.fix!.edits[0], {
      file: 'pkg/a.py', start: 0, end: 11, text: '', line: 1, column: 1, endLine: 2, endColumn: 1,
    });
    assert.equal(parsed.files[2]!.findings[0]!.ruleId, 'syntax-error');
    assert.equal(parsed.files[2]!.findings[0]!.fix, null);
  });

  it('gives null edit positions when the edited file is not in the report', () => {
    const lost: Finding = { ...eager, fix: { title: 't', safety: 'safe', edits: [{ file: 'gone.py', start: 1, end: 2, text: 'x' }] } };
    const out = JSON.parse(formatReport({ ...report, files: [{ ...report.files[0]!, findings: [lost] }] }, [], 'json')) as JsonReport;
    assert.deepEqual(out.files[0]!.findings[0]!.fix!.edits[0], {
      file: 'gone.py', start: 1, end: 2, text: 'x', line: null, column: null, endLine: null, endColumn: null,
    });
  });
});

describe('junit', () => {
  const xml = formatReport(report, [], 'junit');

  it('writes one testsuite per file, failures for findings, errors for run problems', () => {
    assert.equal(
      xml,
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="pysparse-lint" tests="7" failures="3" errors="1" time="0">',
        '  <testsuite name="pkg/a.py" tests="2" failures="2" errors="0" skipped="0" time="0">',
        '    <testcase name="PSL301 (1:8)" classname="pkg.a" file="pkg/a.py" line="1" time="0">',
        '      <failure type="info" message="a &lt;b&gt; &amp; &quot;c&quot; 100%, really:&#10;yes">pkg/a.py:1:8: PSL301 a &lt;b&gt; &amp; "c" 100%, really:\nyes\nFix (unsafe): Drop the import</failure>',
        '    </testcase>',
        '    <testcase name="PSL104 (2:20)" classname="pkg.a" file="pkg/a.py" line="2" time="0">',
        '      <failure type="warning" message="`sum([...])` builds a whole list">pkg/a.py:2:20: PSL104 `sum([...])` builds a whole list\nFix (safe): Pass a generator</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="pkg/b.py" tests="1" failures="0" errors="1" skipped="0" time="0">',
        '    <testcase name="read-error" classname="pkg.b" file="pkg/b.py" time="0">',
        '      <error type="read-error" message="could not read file: EACCES">pkg/b.py: error: could not read file: EACCES</error>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="pkg/bad.py" tests="1" failures="1" errors="0" skipped="0" time="0">',
        '    <testcase name="syntax-error (1:7)" classname="pkg.bad" file="pkg/bad.py" line="1" time="0">',
        '      <failure type="error" message="Expected a parameter name, found &apos;:&apos;">pkg/bad.py:1:7: syntax-error Expected a parameter name, found \':\'</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="pkg/clean.py" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase name="pysparse-lint" classname="pkg.clean" file="pkg/clean.py" time="0"/>',
        '  </testsuite>',
        '  <testsuite name="pkg/other.py" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase name="pysparse-lint" classname="pkg.other" file="pkg/other.py" time="0"/>',
        '  </testsuite>',
        '  <testsuite name="pysparse-lint" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase name="cache-rebuilt" classname="pysparse-lint" time="0">',
        '      <system-out>pysparse-lint: note: the cache was rebuilt</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('is well-formed XML whose values read back exactly, even with control characters and CRLF', () => {
    const nasty: Finding = { ...eager, message: 'tab\there, cr\r\nlf, bell\u0007, <&>"\'', related: [], fix: undefined };
    const out = formatReport({ ...report, files: [{ ...report.files[0]!, findings: [nasty] }], notifications: [] }, [], 'junit');
    const script = [
      'import sys, json, xml.etree.ElementTree as ET',
      'root = ET.fromstring(sys.stdin.buffer.read())',
      'f = root.find("testsuite/testcase/failure")',
      'print(json.dumps({"message": f.get("message"), "text": f.text, "suites": len(root)}))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: out, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const read = JSON.parse(run.stdout) as { message: string; text: string; suites: number };
    assert.equal(read.message, 'tab\there, cr\r\nlf, bell\uFFFD, <&>"\'');
    assert.equal(read.text, 'pkg/a.py:2:20: PSL104 tab\there, cr\r\nlf, bell\uFFFD, <&>"\'');
    assert.equal(read.suites, 1);
  });

  it('is an empty testsuites element for an empty run', () => {
    assert.equal(
      formatReport(empty, [], 'junit'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pysparse-lint" tests="0" failures="0" errors="0" time="0">\n</testsuites>\n',
    );
  });
});

describe('index', () => {
  it('knows its format names', () => {
    assert.ok(isFormatName('sarif'));
    assert.ok(!isFormatName('xml'));
  });

  it('returns no warnings from the plain formats', () => {
    for (const format of ['stylish', 'concise', 'json', 'github', 'junit'] as const) {
      assert.deepEqual(renderReport(report, [], format).warnings, []);
    }
  });
});
