// Bulk-transform facts and their link step: producers, parameter uses, call uses, flows,
// the generator rewrite, chains across modules, and unknown consumers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectFileFacts } from '../../src/engine/facts/collect.js';
import type { FileFacts } from '../../src/engine/facts/types.js';
import type { BulkFunctionFact } from '../../src/engine/facts/bulk-types.js';
import { applyEdits } from '../../src/engine/fix/apply.js';
import { bulkFlow } from '../../src/engine/link/bulk-flow.js';
import { linkProject } from '../../src/engine/link/link.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree } from '../../src/engine/source/syntax.js';

async function facts(text: string, name = 'm', path = `${name.replace(/\./g, '/')}.py`, isPackageInit = false): Promise<FileFacts> {
  const parser = await loadParser();
  const tree = parseText(parser, text);
  try {
    const { root } = copyTree(tree, text);
    return collectFileFacts(root, new SourceText(text), { path, name, isPackageInit });
  } finally {
    tree.delete();
  }
}

function fn(f: FileFacts, id: string): BulkFunctionFact {
  const found = f.bulk.functions.find((x) => x.id === id);
  assert.ok(found, `no bulk facts for ${id}`);
  return found;
}

async function project(files: Record<string, string>) {
  const map = new Map<string, FileFacts>();
  for (const [path, text] of Object.entries(files)) {
    const isInit = path.endsWith('__init__.py');
    const name = path.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
    map.set(path, await facts(text, name, path, isInit));
  }
  return { files: map, flow: bulkFlow(linkProject(map)) };
}

describe('producer facts', () => {
  it('recognises the four producer forms and their source parameters', async () => {
    const f = await facts([
      'def comp(rows):\n    return [r.id for r in rows]',
      'def acc(rows, extra):\n    out = []\n    for r in enumerate(rows):\n        out.append(r)\n    return out',
      'def mat(rows):\n    return list(map(str, rows))',
      'def local(n):\n    xs = [i * i for i in range(n)]\n    return xs',
      'def fwd(rows):\n    return comp(rows)',
    ].join('\n\n'));
    assert.equal(fn(f, 'comp').producer?.form, 'comprehension');
    assert.deepEqual(fn(f, 'comp').producer?.sourceParams, ['rows']);
    assert.equal(fn(f, 'acc').producer?.form, 'accumulate');
    assert.deepEqual(fn(f, 'acc').producer?.sourceParams, ['rows']);
    assert.equal(fn(f, 'mat').producer?.form, 'materialize');
    assert.equal(fn(f, 'local').producer?.form, 'local-comprehension');
    assert.deepEqual(fn(f, 'local').producer?.sourceParams, [], '`range(n)` is not iterating a collection parameter');
    assert.equal(fn(f, 'fwd').producer?.form, 'forward');
  });

  it('does not take aggregations, generators or mixed returns for producers', async () => {
    const f = await facts([
      'def totals(rows):\n    t = {}\n    for k, v in rows:\n        t[k] = t.get(k, 0) + v\n    return t',
      'def gen(rows):\n    for r in rows:\n        yield r',
      'def mixed(rows):\n    if not rows:\n        return None\n    return [r for r in rows]',
    ].join('\n\n'));
    assert.equal(fn(f, 'totals').producer, null);
    assert.equal(fn(f, 'gen').producer, null);
    assert.equal(fn(f, 'mixed').producer, null);
  });

  it('blocks the rewrite for hazards, and marks sorted or copied results as not streamable', async () => {
    const f = await facts([
      'def dedupe(rows):\n    out = []\n    for r in rows:\n        if r not in out:\n            out.append(r)\n    return out',
      'async def fetch(rows):\n    return [r for r in rows]',
      'def ordered(rows):\n    return sorted(r.id for r in rows)',
      'def copy(rows):\n    return list(rows)',
    ].join('\n\n'));
    assert.equal(fn(f, 'dedupe').producer?.blockerKind, 'hazard');
    assert.match(fn(f, 'dedupe').producer?.blocker ?? '', /accumulator `out` is read/);
    assert.equal(fn(f, 'fetch').producer?.blockerKind, 'hazard');
    assert.equal(fn(f, 'ordered').producer?.blockerKind, 'shape');
    assert.equal(fn(f, 'copy').producer?.blockerKind, 'shape');
  });

  it('records side effects of a body for hazards through the call graph', async () => {
    const f = await facts([
      'import logging',
      'def noisy(x):\n    logging.info("x=%s", x)\n    return x',
      'def pure(x):\n    parts = {}\n    parts["a"] = x\n    return parts',
      'def stamps(rows):\n    for r in rows:\n        r["seen"] = True',
    ].join('\n\n'));
    assert.match(fn(f, 'noisy').sideEffect ?? '', /logging\.info/);
    assert.equal(fn(f, 'pure').sideEffect, null);
    assert.match(fn(f, 'stamps').sideEffect ?? '', /mutates `r`/);
  });
});

describe('the generator rewrite', () => {
  const rewrite = async (text: string, id: string) => {
    const f = await facts(text);
    const conversion = fn(f, id).producer?.conversion;
    assert.ok(conversion, `no conversion for ${id}: ${fn(f, id).producer?.blocker}`);
    return { text: applyEdits(text, [...conversion.edits, ...(conversion.importEdit ? [conversion.importEdit] : [])].map((e) => ({ ...e, file: 'm.py' }))), hazards: conversion.hazards };
  };

  it('turns append/extend into yield/yield from and drops the accumulator', async () => {
    const { text, hazards } = await rewrite('def f(rows):\n    out = []\n    for r in rows:\n        out.append(r * 2)\n        out.extend(x for x in r)\n    return out\n', 'f');
    assert.equal(text, 'def f(rows):\n    for r in rows:\n        yield r * 2\n        yield from (x for x in r)\n');
    assert.deepEqual(hazards, []);
  });

  it('keeps parentheses around a multi-line value without brackets of its own', async () => {
    const { text } = await rewrite('def f(rows):\n    out = []\n    for r in rows:\n        out.append(\n            f"{r}"\n            f"!"\n        )\n    return out\n', 'f');
    assert.ok(text.includes('yield (f"{r}"\n            f"!")'), text);
  });

  it('returns a generator expression for a returned comprehension and updates the annotation and import', async () => {
    const { text } = await rewrite('"""Doc."""\nfrom __future__ import annotations\n\n\ndef f(rows) -> list[int]:\n    return [r + 1 for r in rows]\n', 'f');
    assert.equal(text, '"""Doc."""\nfrom __future__ import annotations\nfrom collections.abc import Iterator\n\n\ndef f(rows) -> Iterator[int]:\n    return (r + 1 for r in rows)\n');
  });

  it('adds Iterator to an existing `from typing import` in order', async () => {
    const { text } = await rewrite('from typing import Dict, List\n\n\ndef f(rows) -> List[Dict]:\n    return [dict(r) for r in rows]\n', 'f');
    assert.ok(text.startsWith('from typing import Dict, Iterator, List\n'), text);
    assert.ok(text.includes('-> Iterator[Dict]'), text);
  });

  it('turns empty early returns into bare returns when the body becomes a generator', async () => {
    const { text } = await rewrite('def f(rows):\n    if rows is None:\n        return []\n    return [r for r in rows]\n', 'f');
    assert.equal(text, 'def f(rows):\n    if rows is None:\n        return\n    yield from (r for r in rows)\n');
  });

  it('keeps CRLF line endings and non-ASCII text intact', async () => {
    const { text } = await rewrite('"""Größen — Übersicht."""\r\n\r\n\r\ndef f(rows) -> list[str]:\r\n    out = []\r\n    for r in rows:\r\n        out.append(f"{r}€")\r\n    return out\r\n', 'f');
    assert.equal(text, '"""Größen — Übersicht."""\r\nfrom collections.abc import Iterator\r\n\r\n\r\ndef f(rows) -> Iterator[str]:\r\n    for r in rows:\r\n        yield f"{r}€"\r\n');
  });

  it('lists hazards: printing, a lock, try, raise, and mutating items', async () => {
    const f = await facts([
      'import threading',
      'LOCK = threading.Lock()',
      'def a(rows):\n    out = []\n    for r in rows:\n        print(r)\n        out.append(r)\n    return out',
      'def b(rows):\n    out = []\n    with LOCK:\n        for r in rows:\n            out.append(r)\n    return out',
      'def c(rows):\n    out = []\n    for r in rows:\n        try:\n            out.append(int(r))\n        except ValueError:\n            pass\n    return out',
      'def d(rows):\n    out = []\n    for r in rows:\n        if not r:\n            raise ValueError(r)\n        out.append(r)\n    return out',
      'def e(rows):\n    out = []\n    for r in rows:\n        r["x"] = 1\n        out.append(r)\n    return out',
    ].join('\n\n'));
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      assert.ok((fn(f, id).producer?.conversion?.hazards.length ?? 0) > 0, `${id} should have a hazard`);
    }
  });
});

describe('bulk flow across modules', () => {
  it('finds a chain through imported stages and counts copies held by locals', async () => {
    const { flow } = await project({
      'pkg/__init__.py': '',
      'pkg/load.py': 'def load(conn):\n    return conn.execute("q").fetchall()\n',
      'pkg/clean.py': 'def clean(rows):\n    return [r.strip() for r in rows]\n\ndef tag(rows):\n    return [(r, 1) for r in rows]\n',
      'pkg/main.py': 'from .load import load\nfrom . import clean as c\n\ndef run(conn):\n    rows = load(conn)\n    cleaned = c.clean(rows)\n    tagged = c.tag(cleaned)\n    return sum(n for _r, n in tagged)\n',
    });
    const chains = flow.chains().filter((ch) => ch.stages.length >= 2);
    assert.equal(chains.length, 1);
    assert.deepEqual(chains[0]!.stages.map((s) => s.target.fn.name), ['clean', 'tag']);
    assert.equal(chains[0]!.source?.call.calleeText, 'load');
    assert.equal(chains[0]!.peakCopies, 3);
  });

  it('resolves single-pass use through a parameter of another module and a forwarder', async () => {
    const { flow } = await project({
      'app/__init__.py': '',
      'app/read.py': 'def read(lines):\n    out = []\n    for l in lines:\n        out.append(l.split(","))\n    return out\n\ndef read_all(lines):\n    return read(lines)\n',
      'app/sink.py': 'def save(rows, out):\n    for r in rows:\n        out.write(",".join(r))\n',
      'app/cli.py': 'from app.read import read_all\nfrom app.sink import save\n\ndef main(lines, out):\n    save(read_all(lines), out)\n',
    });
    const read = flow.producers.find((p) => p.ref.fn.name === 'read')!;
    assert.equal(flow.unknownConsumers(read.ref), null);
    assert.equal(flow.resultUse(read.ref).singlePass, true);
    assert.equal(flow.generatorFix(read, false)?.safety, 'safe');
  });

  it('treats exported, escaping and never-called functions as having unknown consumers', async () => {
    const { flow } = await project({
      'lib/__init__.py': 'from .core import public_rows\n',
      'lib/core.py': [
        'def public_rows(xs):\n    return [x for x in xs]',
        'def handler_rows(xs):\n    return [x for x in xs]',
        'def unused_rows(xs):\n    return [x for x in xs]',
        'HANDLERS = {"h": handler_rows}',
        'def use(xs):\n    for a in public_rows(xs):\n        pass\n    for b in handler_rows(xs):\n        pass',
      ].join('\n\n'),
    });
    const reason = (name: string) => flow.unknownConsumers(flow.producers.find((p) => p.ref.fn.name === name)!.ref);
    assert.match(reason('public_rows') ?? '', /exported/);
    assert.match(reason('handler_rows') ?? '', /used as a value/);
    assert.match(reason('unused_rows') ?? '', /no call site/);
  });

  it('follows `self.method` and receivers of a known class, and makes a set producer unsafe for a loop', async () => {
    const { flow } = await project({
      'svc.py': [
        'class Store:\n    def tags(self, rows):\n        return {t for r in rows for t in r.tags}\n    def show(self, rows):\n        for t in self.tags(rows):\n            print(t)',
        'def report(rows):\n    store = Store()\n    return any(store.tags(rows))',
      ].join('\n\n'),
    });
    const tags = flow.producers.find((p) => p.ref.fn.name === 'tags')!;
    assert.equal(flow.sitesOf(tags.ref).length, 2);
    assert.equal(flow.resultUse(tags.ref).singlePass, true);
    const fix = flow.generatorFix(tags, false);
    assert.equal(fix?.safety, 'unsafe');
    assert.match(fix?.hazards.join(' ') ?? '', /set drops duplicates/);
  });
});
