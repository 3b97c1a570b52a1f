// Source layer: PEP 263 decoding, positions in UTF-16 columns with non-ASCII, tabs and CRLF.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSource, declaredEncoding, encodeSource } from '../../src/engine/source/decode.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { lintText } from '../../src/index.js';

describe('decodeSource', () => {
  it('decodes UTF-8 by default', () => {
    const r = decodeSource(Buffer.from('x = "é"\n', 'utf8'));
    assert.ok(r.ok);
    assert.equal(r.value.text, 'x = "é"\n');
    assert.equal(r.value.encoding, 'utf-8');
    assert.equal(r.value.bom, false);
  });
  it('strips a UTF-8 BOM and remembers it', () => {
    const r = decodeSource(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x = 1\n')]));
    assert.ok(r.ok);
    assert.equal(r.value.text, 'x = 1\n');
    assert.equal(r.value.bom, true);
  });
  it('honours a latin-1 coding cookie on line 1 or 2', () => {
    const bytes = Buffer.concat([Buffer.from('#!/usr/bin/env python\n# -*- coding: latin-1 -*-\ns = "'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const r = decodeSource(bytes);
    assert.ok(r.ok);
    assert.equal(r.value.encoding, 'latin-1');
    assert.match(r.value.text, /s = "é"/);
  });
  it('ignores a cookie on line 2 when line 1 is code', () => {
    assert.equal(declaredEncoding(Buffer.from('x = 1\n# coding: latin-1\n')), undefined);
  });
  it('reports binary, invalid UTF-8 and unknown encodings instead of throwing', () => {
    const binary = decodeSource(Buffer.from([0x78, 0x00, 0x79]));
    assert.equal(binary.ok, false);
    assert.equal(!binary.ok && binary.code, 'binary-file');
    const invalid = decodeSource(Buffer.from([0x78, 0x3d, 0xff, 0x0a]));
    assert.equal(!invalid.ok && invalid.code, 'decode-error');
    const unknown = decodeSource(Buffer.from('# coding: uft-8\nx = 1\n'));
    assert.equal(!unknown.ok && unknown.code, 'unknown-encoding');
  });
  it('round-trips latin-1 and refuses characters the encoding lacks', () => {
    assert.deepEqual([...encodeSource('é', 'latin-1', false)], [0xe9]);
    assert.throws(() => encodeSource('😀', 'latin-1', false));
    assert.deepEqual([...encodeSource('x', 'utf-8', true)], [0xef, 0xbb, 0xbf, 0x78]);
  });
});

describe('SourceText', () => {
  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const s = new SourceText('a = "é😀"; b\n');
    const offset = s.text.indexOf('b');
    // a, space, =, space, quote, é, 😀 (two code units), quote, ;, space → b is the 12th unit.
    assert.deepEqual(s.position(offset), { line: 1, column: 12 });
    assert.equal(s.offset(1, 12), offset);
  });
  it('treats CRLF, LF and lone CR as line breaks', () => {
    const s = new SourceText('a\r\nb\nc\rd');
    assert.equal(s.lineCount, 4);
    assert.deepEqual(s.position(s.text.indexOf('d')), { line: 4, column: 1 });
    assert.equal(s.lineText(1), 'a');
    assert.equal(s.lineText(3), 'c');
  });
  it('counts a tab as one column', () => {
    const s = new SourceText('\tx');
    assert.deepEqual(s.position(1), { line: 1, column: 2 });
  });
});

describe('positions of findings', () => {
  const code = (prefix: string, eol: string) =>
    ['import functools', 'class A:', `${prefix}@functools.lru_cache(maxsize=8)`, '    def f(self):', '        return 1', ''].join(eol);
  for (const [name, prefix, eol, column] of [
    ['LF', '    ', '\n', 5],
    ['CRLF', '    ', '\r\n', 5],
    ['tab indent', '\t', '\n', 2],
  ] as const) {
    it(`reports 1-based line and UTF-16 column with ${name}`, async () => {
      const src = code(prefix, eol).replace('def f(self):', 'def f(self):  # «é😀»');
      const { findings } = await lintText(src);
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.span.startLine, 3);
      assert.equal(findings[0]!.span.startColumn, column);
    });
  }
});

describe('syntax errors', () => {
  it('gives one syntax-error finding and still analyses the rest', async () => {
    const src = 'import functools\ndef broken(:\n    pass\nclass A:\n    @functools.lru_cache(maxsize=8)\n    def f(self):\n        return 1\n';
    const { findings } = await lintText(src);
    assert.deepEqual(findings.map((f) => f.ruleId), ['syntax-error', 'PSL202']);
    assert.equal(findings[0]!.span.startLine, 2);
  });
});
