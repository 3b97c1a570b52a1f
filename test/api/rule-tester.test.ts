// RuleTester: the project's own rules tested through the exported helper, and the helper's own checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule, RuleTester, rules, type FileContext, type FileRule, type RuleContext } from '../../src/index.js';

const PSL202 = rules.find((r) => r.code === 'PSL202')! as FileRule;
const PSL001 = rules.find((r) => r.code === 'PSL001')!;
const tester = new RuleTester();

tester.run(PSL202, {
  valid: [
    'import functools\n\n@functools.lru_cache(maxsize=None)\ndef load_rates(day):\n    return {"eur": 1.0}\n',
    {
      name: 'staticmethod and classmethod caches hold no instance',
      code: [
        'import functools',
        'class Catalogue:',
        '    @staticmethod',
        '    @functools.cache',
        '    def parse_sku(raw):',
        '        return raw.strip()',
        '',
        '    @classmethod',
        '    @functools.lru_cache(maxsize=16)',
        '    def default(cls):',
        '        return cls()',
      ].join('\n'),
    },
    {
      name: 'enum members live forever anyway',
      code: 'import enum, functools\nclass Color(enum.Enum):\n    RED = 1\n    @functools.cache\n    def hexcode(self):\n        return "#f00"\n',
    },
  ],
  invalid: [
    {
      name: 'lru_cache on a method, through an alias',
      code: 'import functools as ft\n\nclass PriceService:\n    @ft.lru_cache(maxsize=256)\n    def price_for(self, sku):\n        return sku\n',
      errors: [{
        messageId: 'methodCache',
        data: { decorator: 'ft.lru_cache', method: 'price_for' },
        line: 4, column: 5, endLine: 4,
        suggestions: [{ title: 'Cache per instance (assign a cached wrapper in __init__) or use functools.cached_property for argument-less methods' }],
      }],
    },
    {
      name: 'a cached property and an async method in a package module',
      files: {
        'billing/__init__.py': '',
        'billing/service.py': [
          'from functools import cache',
          'from async_lru import alru_cache',
          '',
          'class Invoices:',
          '    @property',
          '    @cache',
          '    def summary(self):',
          '        return "ok"',
          '',
          '    @alru_cache(maxsize=32)',
          '    async def fetch(self, invoice_id):',
          '        return invoice_id',
        ].join('\n'),
      },
      errors: [
        { file: 'billing/service.py', line: 6, message: /`@cache` on method `summary`/ },
        { file: 'billing/service.py', line: 10, message: /`@alru_cache` on method `fetch`/ },
      ],
    },
  ],
});

const UNUSED_NOQA_CASES = {
  valid: [
    { name: 'codes of other tools and bare noqa', code: 'import os  # noqa: F401\nx = 1  # noqa\ny = "# noqa: PSL202"\n' },
  ],
  invalid: [
    {
      name: 'a file-level directive for a rule that is not selected',
      code: '# pysparse-lint: noqa: PSL202\nimport functools\n',
      errors: [{ messageId: 'unusedNoqa', message: 'Unused `noqa` directive (non-enabled: `PSL202`)', line: 1, column: 1 }],
      output: 'import functools\n',
    },
    {
      name: 'a noqa on its own line is removed with its line',
      code: 'def run(rows):\n    # noqa: PSL104\n    return rows\n',
      errors: [{ line: 2, column: 5 }],
      output: 'def run(rows):\n    return rows\n',
    },
    {
      name: 'CRLF line endings and text after the directive are kept',
      code: 'def run(rows):\r\n    # noqa: PSL104\r\n    total = sum(rows)  # noqa:PSL104 — Größe geprüft\r\n    return total\r\n',
      errors: [{ line: 2 }, { line: 3, column: 24 }],
      output: 'def run(rows):\r\n    total = sum(rows)  # — Größe geprüft\r\n    return total\r\n',
    },
    {
      name: 'only the stale code goes; other tools keep theirs',
      code: 'import json  # noqa: F401, PSL105, PSL9999\n',
      errors: [{ message: 'Unused `noqa` directive (non-enabled: `PSL105`; unknown: `PSL9999`)' }],
      output: 'import json  # noqa: F401\n',
    },
  ],
};
// PSL001 judges codes against the catalogue: give it the built-in rules (only PSL001 runs).
new RuleTester({ catalogue: rules }).run(PSL001, UNUSED_NOQA_CASES);

describe('RuleTester checks', () => {
  const code = 'import functools\nclass A:\n    @functools.cache\n    def f(self):\n        return 1\n';
  it('fails a valid case the rule reports', async () => {
    await assert.rejects(tester.verifyValid(PSL202, code), /should report nothing/);
  });
  it('fails on a wrong count, message id, message, or position', async () => {
    await assert.rejects(tester.verifyInvalid(PSL202, { code, errors: 2 }), /should report 2/);
    await assert.rejects(tester.verifyInvalid(PSL202, { code, errors: [{ messageId: 'nope' }] }), /no message id 'nope'/);
    await assert.rejects(tester.verifyInvalid(PSL202, { code, errors: [{ message: 'something else' }] }), /message/);
    await assert.rejects(tester.verifyInvalid(PSL202, { code, errors: [{ line: 4 }] }), /line/);
  });
  it('fails on test code with a syntax error', async () => {
    await assert.rejects(tester.verifyValid(PSL202, 'def broken(:\n'), /syntax error/);
  });
  it('requires `output` when the rule fixes, and checks it', async () => {
    const tester = new RuleTester({ catalogue: rules });
    const stale = 'x = 1  # noqa: PSL202\n';
    await assert.rejects(tester.verifyInvalid(PSL001, { code: stale, errors: 1 }), /add `output`/);
    await assert.rejects(tester.verifyInvalid(PSL001, { code: stale, errors: 1, output: 'x = 2\n' }), /output differs/);
    await assert.rejects(tester.verifyInvalid(PSL001, { code: stale, errors: 1, output: null }), /output is null/);
    await tester.verifyInvalid(PSL001, { code: stale, errors: 1, output: 'x = 1\n' });
  });
  it('fails a rule that fixes although it declares fixable: never, and reports crashes', async () => {
    const sneaky = defineRule({
      ...PSL202, code: 'TEST901', fixable: 'never',
      // A spread rule gives no contextual type: annotate.
      check(file: FileContext, ctx: RuleContext<string, Record<never, never>>) {
        ctx.report({ span: file.source.span(0, 1), messageId: 'methodCache', fix: { safety: 'safe', edits: [{ start: 0, end: 1, text: 'y' }] } });
      },
    });
    await assert.rejects(tester.verifyInvalid(sneaky, { code: 'x = 1\n', errors: 1, output: 'y = 1\n' }), /fixable: 'never'/);
    const crashing = defineRule({ ...PSL202, code: 'TEST902', check() { throw new Error('kaboom'); } });
    await assert.rejects(tester.verifyValid(crashing, 'x = 1\n'), /kaboom/);
  });
  it('runs `{ meta, create }` rules', async () => {
    const { check: _check, ...meta } = PSL202;
    const moduleRule = defineRule({
      meta: { ...meta, code: 'TEST903', tier: 'file' },
      create(context) {
        return { file(file) { for (const fn of file.facts.functions) context.report({ span: fn.nameSpan, messageId: 'methodCache', data: { decorator: 'x', method: fn.name } }); } };
      },
    });
    assert.equal(moduleRule.tier, 'file');
    await tester.verifyInvalid(moduleRule, { code: 'def load():\n    pass\n', errors: [{ message: /method `load`/, line: 1, column: 5 }] });
  });
});
