// The semantic model: scopes, bindings, aliases and relative imports resolve to qualified names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotatedClass } from '../../src/engine/facts/annotations.js';
import { collectFileFacts } from '../../src/engine/facts/collect.js';
import { SemanticModel } from '../../src/engine/facts/scope.js';
import type { FileFacts, ModuleInfo } from '../../src/engine/facts/types.js';
import { linkProject } from '../../src/engine/link/link.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree, field, walk } from '../../src/engine/source/syntax.js';

async function facts(text: string, module: Partial<ModuleInfo> = {}): Promise<FileFacts> {
  const parser = await loadParser();
  const tree = parseText(parser, text);
  try {
    const { root } = copyTree(tree, text);
    return collectFileFacts(root, new SourceText(text), { path: 'm.py', name: 'm', isPackageInit: false, ...module });
  } finally {
    tree.delete();
  }
}

const decorator = (f: FileFacts, fn: string) => f.functions.find((x) => x.name === fn)!.decorators[0]!.qualifiedName;

describe('name resolution', () => {
  it('resolves module aliases, member aliases and plain imports to one qualified name', async () => {
    const f = await facts([
      'import functools as ft', 'import functools', 'from functools import lru_cache as memo',
      '@ft.lru_cache', 'def a(): pass', '@memo(maxsize=1)', 'def b(): pass', '@functools.lru_cache(None)', 'def c(): pass',
    ].join('\n'));
    assert.equal(decorator(f, 'a'), 'functools.lru_cache');
    assert.equal(decorator(f, 'b'), 'functools.lru_cache');
    assert.equal(decorator(f, 'c'), 'functools.lru_cache');
  });
  it('resolves relative imports against the module and package', async () => {
    const f = await facts('from . import load\nfrom ..util.io import read as r\nfrom .clean import normalize\n', { name: 'pkg.sub.mod' });
    assert.deepEqual(f.imports.map((i) => [i.localName, i.target]), [
      ['load', 'pkg.sub.load'], ['r', 'pkg.util.io.read'], ['normalize', 'pkg.sub.clean.normalize'],
    ]);
    const init = await facts('from .core import run\n', { name: 'pkg', isPackageInit: true });
    assert.equal(init.imports[0]!.target, 'pkg.core.run');
  });
  it('does not resolve names shadowed by parameters, locals or comprehension variables', async () => {
    const f = await facts([
      'from functools import cache', 'def outer(cache):', '    @cache', '    def inner(): pass',
      'def other():', '    cache = lambda f: f', '    @cache', '    def inner2(): pass',
      '@cache', 'def top(): pass',
    ].join('\n'));
    assert.equal(decorator(f, 'inner'), null);
    assert.equal(decorator(f, 'inner2'), null);
    assert.equal(decorator(f, 'top'), 'functools.cache');
  });
  it('resolves builtins and module-level definitions, and keeps self calls for the link step', async () => {
    const f = await facts('def load(): return []\nclass S:\n    def run(self):\n        return len(self.step(load()))\n', { name: 'app.jobs' });
    const names = f.calls.map((c) => c.qualifiedName);
    assert.deepEqual(names, ['builtins.len', 'self.step', 'app.jobs.load']);
  });
  it('records functions, methods, kinds, async and generators', async () => {
    const f = await facts([
      'class A:', '    def __new__(cls): pass', '    @staticmethod', '    def s(): pass', '    @classmethod',
      '    def c(cls): pass', '    @property', '    def p(self): return 1', '    async def g(self):', '        yield 1',
    ].join('\n'));
    assert.deepEqual(f.functions.map((x) => [x.id, x.kind, x.isAsync, x.isGenerator]), [
      ['A.__new__', 'staticmethod', false, false], ['A.s', 'staticmethod', false, false], ['A.c', 'classmethod', false, false],
      ['A.p', 'property', false, false], ['A.g', 'method', true, true],
    ]);
    assert.deepEqual(f.classes[0]!.methodIds, ['A.__new__', 'A.s', 'A.c', 'A.p', 'A.g']);
  });
});

describe('linkProject', () => {
  it('resolves calls across modules, through package re-exports and self methods of base classes', async () => {
    const load = await facts('def load_rows():\n    return []\n', { name: 'pkg.load', path: 'pkg/load.py' });
    const init = await facts('from .load import load_rows\n', { name: 'pkg', path: 'pkg/__init__.py', isPackageInit: true });
    const base = await facts('class Base:\n    def clean(self, rows):\n        return rows\n', { name: 'pkg.base', path: 'pkg/base.py' });
    const app = await facts([
      'from pkg import load_rows', 'from .base import Base', 'class Job(Base):', '    def run(self):',
      '        return self.clean(load_rows())',
    ].join('\n'), { name: 'pkg.app', path: 'pkg/app.py' });
    const graph = linkProject(new Map([['pkg/load.py', load], ['pkg/__init__.py', init], ['pkg/base.py', base], ['pkg/app.py', app]]));
    const targets = app.calls.map((c) => graph.resolveCall(app, c)?.globalId);
    assert.deepEqual(targets, ['pkg.base.Base.clean', 'pkg.load.load_rows']);
    assert.equal(graph.callsTo.get('pkg.load.load_rows')?.length, 1);
  });
});

describe('annotated classes', () => {
  it('reads the class out of the annotation forms code uses, and nothing out of the others', async () => {
    const text = [
      'from typing import Annotated, Optional, Union', 'from fastapi import Depends', 'from . import models',
      'class Store: pass', 'StoreDep = Annotated[Store, Depends(object)]',
      'def f(a: Store, b: models.Store, c: "Store", d: Optional["Store"], e: "Store | None", g: Store | None,',
      '      h: None | Store, i: Union[Store, None], j: Annotated[Store, Depends(object)], k: StoreDep,',
      '      l: list, m: Store | int, n: "list[Store]", o: Union[Store, int]): pass',
    ].join('\n');
    const parser = await loadParser();
    const tree = parseText(parser, text);
    const { root } = copyTree(tree, text);
    tree.delete();
    const model = new SemanticModel(root, new SourceText(text), { path: 'pkg/m.py', name: 'pkg.m', isPackageInit: false });
    const classes: Record<string, string | null> = {};
    walk(root, (n) => {
      if (n.type === 'typed_parameter') classes[n.children[0]!.text] = annotatedClass(model, field(n, 'type'));
    });
    assert.deepEqual(classes, {
      a: 'pkg.m.Store', b: 'pkg.models.Store', c: 'pkg.m.Store', d: 'pkg.m.Store', e: 'pkg.m.Store', g: 'pkg.m.Store',
      h: 'pkg.m.Store', i: 'pkg.m.Store', j: 'pkg.m.Store', k: 'pkg.m.Store', l: null, m: null, n: null, o: null,
    });
  });
});
