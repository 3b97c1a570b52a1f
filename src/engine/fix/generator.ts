// The producer → generator rewrite: text edits that make a function stream its items instead of
// returning a full list or set, with the hazards that make the rewrite unsafe or impossible.
// Runs in the facts tier (the tree is at hand); project rules decide safety from call sites.
import type { BodyIndex } from '../facts/usage.js';
import type { CollectionKind, ConversionFact, TextEdit } from '../facts/bulk-types.js';
import type { SemanticModel } from '../facts/scope.js';
import { dottedName } from '../facts/scope.js';
import { field, stripParentheses, walk, type SyntaxNode } from '../source/syntax.js';

/** One `out.append(x)` / `out.add(x)` / `out.extend(xs)` / `out += xs` statement. */
export interface AccumulatorOp {
  /** The expression statement. */
  readonly statement: SyntaxNode;
  /** The call (`out.append(x)`) or the augmented assignment. */
  readonly expression: SyntaxNode;
  readonly kind: 'item' | 'items';
  readonly value: SyntaxNode;
}

export interface ProducerShape {
  readonly model: SemanticModel;
  readonly fn: SyntaxNode;
  readonly body: BodyIndex;
  readonly form: 'comprehension' | 'accumulate' | 'materialize' | 'local-comprehension';
  readonly collection: CollectionKind;
  /** Every `return` with a value, and whether it returns the built collection or an empty one. */
  readonly returns: readonly { readonly node: SyntaxNode; readonly role: 'built' | 'empty' }[];
  /** The returned comprehensions (comprehension forms) or `list(...)` calls (materialize). */
  readonly built: readonly SyntaxNode[];
  readonly accumulator?: {
    readonly name: string;
    /** The `out = []` statement. */
    readonly init: SyntaxNode;
    readonly ops: readonly AccumulatorOp[];
    /** Reads of the accumulator that are neither ops nor `return out`. */
    readonly reads: readonly SyntaxNode[];
    readonly rebound: boolean;
  };
  /** For `local-comprehension`: the `rows = [...]` statement. */
  readonly localStatement?: SyntaxNode;
}

export interface ConversionResult {
  readonly conversion: ConversionFact | null;
  readonly blocker: string | null;
  /**
   * `hazard`: streaming would suit the callers but this body cannot be rewritten safely (async,
   * cached, accumulator read, `with`/`try`…). `shape`: the result is not a stream by nature
   * (a dict, a tuple, a sorted or copied sequence).
   */
  readonly blockerKind: 'hazard' | 'shape' | null;
}

/** Why a call or a write is a side effect whose order the rewrite would change, or null. */
export type SideEffectOf = (node: SyntaxNode) => string | null;

/** Decorators that keep the returned object: a cached generator is empty the second time. */
const CACHING_DECORATORS: ReadonlySet<string> = new Set([
  'functools.lru_cache', 'functools.cache', 'functools.cached_property', 'cachetools.cached',
  'cachetools.func.lru_cache', 'cachetools.func.ttl_cache', 'cachetools.func.lfu_cache',
  'cachetools.func.rr_cache', 'cachetools.func.fifo_cache', 'async_lru.alru_cache',
]);

/** Decorators that do not touch the returned value. */
const TRANSPARENT_DECORATORS: ReadonlySet<string> = new Set([
  'builtins.staticmethod', 'builtins.classmethod', 'abc.abstractmethod', 'typing.override',
  'typing_extensions.override', 'typing.final', 'functools.wraps',
]);

/** `with` targets whose block may safely stay open while the consumer runs (a file being read). */
const OPEN_LIKE: ReadonlySet<string> = new Set([
  'builtins.open', 'io.open', 'gzip.open', 'bz2.open', 'lzma.open', 'codecs.open', 'tarfile.open',
  'zipfile.ZipFile', 'csv.reader', 'os.scandir', 'tokenize.open',
]);

/** Annotation heads that become `Iterator[...]`. */
const REWRITTEN_ANNOTATIONS: ReadonlySet<string> = new Set([
  'list', 'List', 'typing.List', 'set', 'Set', 'typing.Set', 'Sequence', 'typing.Sequence',
  'collections.abc.Sequence', 'MutableSequence', 'typing.MutableSequence', 'Collection',
  'typing.Collection', 'collections.abc.Collection', 'AbstractSet', 'typing.AbstractSet', 'MutableSet',
]);

/** Annotations already true of a generator. */
const LAZY_ANNOTATIONS: ReadonlySet<string> = new Set([
  'Iterable', 'typing.Iterable', 'collections.abc.Iterable', 'Iterator', 'typing.Iterator',
  'collections.abc.Iterator', 'Generator', 'typing.Generator', 'collections.abc.Generator',
]);

export function convertToGenerator(shape: ProducerShape, sideEffectOf: SideEffectOf): ConversionResult {
  const { fn, model } = shape;
  const none = (blocker: string): ConversionResult => ({ conversion: null, blocker, blockerKind: 'hazard' });
  const notStream = (blocker: string): ConversionResult => ({ conversion: null, blocker, blockerKind: 'shape' });
  if (shape.collection !== 'list' && shape.collection !== 'set') return notStream(`it builds a ${shape.collection}`);
  if (shape.form === 'materialize') {
    for (const call of shape.built) {
      const callee = field(call, 'function');
      const name = callee ? model.resolveExpression(callee) : null;
      if (name === 'builtins.sorted') return notStream('sorting needs every item');
      const lazy = lazyArgument(call, model);
      if (typeof lazy !== 'string') return notStream(lazy.reason);
    }
  }
  if (fn.children[0]?.type === 'async') return none('the function is async: callers would need `async for`');
  const hazards: string[] = [];
  for (const d of decoratorsOf(fn)) {
    const target = d.type === 'call' ? field(d, 'function')! : d;
    const name = model.resolveExpression(target) ?? dottedName(target) ?? 'a decorator';
    const written = dottedName(target) ?? shortName(name);
    if (CACHING_DECORATORS.has(name)) return none(`the result is cached by \`@${written}\``);
    if (!TRANSPARENT_DECORATORS.has(name)) hazards.push(`decorated by \`@${written}\`, which may use the result before the caller does`);
  }
  const edits: TextEdit[] = [];
  const deferred: SyntaxNode[] = [];
  const text = model.source.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const fnBody = field(fn, 'body');
  if (!fnBody) return none('no body');

  // Comprehension forms: `return (…)` keeps the function a plain function (other early returns
  // keep working), unless it also returns an empty literal: then it becomes a generator.
  const genexpStyle = (shape.form === 'comprehension' || shape.form === 'local-comprehension' || shape.form === 'materialize')
    && shape.returns.every((r) => r.role === 'built');

  if (genexpStyle) {
    for (const built of shape.built) {
      const scope = blockAround(built, fn, model);
      if (scope) return none(scope);
      deferred.push(built);
    }
    if (shape.localStatement) {
      const ret = shape.returns[0]?.node;
      if (shape.returns.length !== 1 || !ret || nextStatement(shape.localStatement) !== ret) {
        return none('statements run between building the list and returning it');
      }
    }
    if (shape.form === 'materialize') {
      for (const call of shape.built) {
        const replacement = lazyArgument(call, model);
        if (typeof replacement !== 'string') return notStream(replacement.reason);
        edits.push({ start: call.start, end: call.end, text: replacement });
      }
    } else {
      for (const comp of shape.built) {
        const bracket = bracketEdits(comp, text);
        if (!bracket) return none('unexpected comprehension brackets');
        edits.push(...bracket);
      }
    }
  } else if (shape.form === 'accumulate') {
    const acc = shape.accumulator!;
    if (acc.rebound) return none(`\`${acc.name}\` is rebound`);
    const reorders = acc.reads.find((r) => reordersAccumulator(r, model));
    if (reorders) return notStream(`\`${acc.name}\` is sorted or reversed before it is returned: that needs every item`);
    if (acc.reads.length > 0) {
      return none(`the accumulator \`${acc.name}\` is read (\`${lineSnippet(text, acc.reads[0]!)}\`)`);
    }
    if (acc.init.parent !== fnBody) return none(`\`${acc.name}\` is created inside a block`);
    const removeInit = deleteStatementLines(acc.init, model);
    if (!removeInit) return none(`\`${acc.name} = …\` shares its line with other code`);
    const seed = seededItems(acc.init);
    if (seed.length > 0) {
      // `lines = [header]`: the seed items are the first ones yielded.
      const indent = indentOf(acc.init, text, model);
      if (indent === null) return none(`\`${acc.name} = …\` shares its line with other code`);
      edits.push({ start: acc.init.start, end: acc.init.end, text: seed.map((item) => yieldText('item', item, model)).join(`${newline}${indent}`) });
    } else {
      edits.push(removeInit);
    }
    for (const op of acc.ops) {
      edits.push({ start: op.expression.start, end: op.expression.end, text: yieldText(op.kind, op.value, model) });
    }
    for (const r of shape.returns) {
      if (r.node.parent === fnBody && lastStatement(fnBody) === r.node && r.role === 'built') {
        const removal = deleteStatementLines(r.node, model);
        edits.push(removal ?? { start: r.node.start, end: r.node.end, text: 'return' });
      } else {
        edits.push({ start: r.node.start, end: r.node.end, text: 'return' });
      }
    }
    collectGeneratorHazards(shape, acc.ops.map((o) => o.expression), hazards, deferred);
    const changed = itemChangedAfterYield(shape, acc.ops) ?? closureOverChangingLocal(shape, acc.ops);
    if (changed) pushOnce(hazards, changed);
  } else {
    // Comprehension / materialize with empty early returns: a generator function.
    if (shape.form === 'local-comprehension') {
      // `out = [...]` … `return out`: the local becomes a generator and `return out` hands it on.
      for (const comp of shape.built) {
        const bracket = bracketEdits(comp, text);
        if (!bracket) return none('unexpected comprehension brackets');
        edits.push(...bracket);
      }
    }
    for (const r of shape.returns) {
      if (r.role === 'empty') {
        edits.push({ start: r.node.start, end: r.node.end, text: 'return' });
        continue;
      }
      const value = stripParentheses(r.node.children.find((c) => c.isNamed)!);
      let lazy: string;
      if (shape.form === 'materialize') {
        const replacement = lazyArgument(value, model);
        if (typeof replacement !== 'string') return notStream(replacement.reason);
        lazy = replacement;
      } else if (shape.form === 'local-comprehension') {
        lazy = text.slice(value.start, value.end);
      } else {
        lazy = `(${text.slice(value.start + 1, value.end - 1)})`;
      }
      const tail = r.node.parent === fnBody && lastStatement(fnBody) === r.node;
      const indent = indentOf(r.node, text, model);
      if (indent === null) return none('`return` shares its line with other code');
      edits.push({ start: r.node.start, end: r.node.end, text: `yield from ${lazy}${tail ? '' : `${newline}${indent}return`}` });
    }
    collectGeneratorHazards(shape, [], hazards, deferred);
  }

  for (const built of shape.form === 'accumulate' ? [] : shape.built) {
    walk(built, (n) => {
      if (n.type !== 'list_comprehension' && n.type !== 'set_comprehension' && n.type !== 'generator_expression') return true;
      const closure = closureOverComprehensionVariable(n);
      if (closure) pushOnce(hazards, closure);
      return false;
    });
  }
  const annotation = annotationEdits(shape);
  if (annotation.hazard) hazards.push(annotation.hazard);
  edits.push(...annotation.edits);
  for (const node of deferred) {
    for (const call of shape.body.calls) {
      if (call.start >= node.start && call.end <= node.end) {
        const effect = sideEffectOf(call);
        if (effect && !hazards.includes(effect)) hazards.push(effect);
      }
    }
  }
  const deferredCalls = shape.body.calls
    .filter((c) => deferred.some((n) => c.start >= n.start && c.end <= n.end))
    .map((c) => `${c.start}:${c.end}`);
  return {
    conversion: { edits: edits.sort((a, b) => a.start - b.start), importEdit: annotation.importEdit, hazards, deferredCalls },
    blocker: null,
    blockerKind: null,
  };
}

/** Hazards of running the whole body lazily (generator functions). */
function collectGeneratorHazards(shape: ProducerShape, ops: readonly SyntaxNode[], hazards: string[], deferred: SyntaxNode[]): void {
  const { fn, body, model } = shape;
  const fnBody = field(fn, 'body')!;
  deferred.push(fnBody);
  if (body.raises.length > 0) hazards.push('it raises exceptions, which would surface only while the caller iterates');
  const yieldSites = ops.length > 0 ? ops : shape.returns.map((r) => r.node);
  for (const site of yieldSites) {
    for (let p = site.parent; p && p !== fn; p = p.parent) {
      if (p.type === 'try_statement') {
        pushOnce(hazards, 'a `try` block would catch or clean up at a different time');
      } else if (p.type === 'with_statement' && !isOpenLike(p, model)) {
        pushOnce(hazards, 'a `with` block (lock, cursor, transaction) would stay open while the caller iterates');
      }
    }
  }
  for (const m of body.mutations) {
    const root = mutatedOuterName(body, writtenObject(m), model, shape.accumulator?.name);
    if (root) pushOnce(hazards, `it mutates \`${root}\``);
  }
  if (body.declaresOuter) pushOnce(hazards, 'it declares `global`/`nonlocal` names');
}

/**
 * An appended item that the body changes after appending it: `current = {"items": []}`,
 * `groups.append(current)`, then `current["items"].append(line)` for the lines that follow (a
 * group filled after its header), or `out.append(row)` then `row["total"] = …`. The list hands the
 * caller finished objects; a generator would hand each one over before the change.
 */
function itemChangedAfterYield(shape: ProducerShape, ops: readonly AccumulatorOp[]): string | null {
  const { body, fn } = shape;
  const changes: { name: string; node: SyntaxNode }[] = [];
  for (const m of body.mutations) {
    const root = rootName(writtenObject(m));
    if (root) changes.push({ name: root, node: m });
  }
  for (const call of body.calls) {
    const callee = field(call, 'function');
    const receiver = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    const root = receiver && MUTATING_METHODS.has(field(callee!, 'attribute')?.text ?? '') ? rootName(receiver) : null;
    if (root) changes.push({ name: root, node: call });
  }
  if (changes.length === 0) return null;
  for (const op of ops) {
    const names = itemNames(op.value, body, shape.accumulator?.name);
    for (const change of changes) {
      if (!names.has(change.name)) continue;
      const m = change.node;
      // Before the append, the change reaches a yielded item only in a later pass of a loop
      // around both, unless the name is bound anew first in that pass (`row = {}` … `row[k] = v`).
      const after = m.start >= op.statement.end;
      const loop = after ? fn : commonLoop(m, op.statement, fn);
      if (!loop) continue;
      const from = after ? op.statement.end : loop.start;
      const rebound = (body.stores.get(change.name) ?? []).some((s) => {
        if (s.start < from || s.start >= m.start) return false;
        const block = statementOfNode(s)?.parent;
        return !!block && block.start <= m.start && m.end <= block.end;
      });
      if (!rebound) return `\`${change.name}\` is changed after it is appended: a generator would hand it over unfinished`;
    }
  }
  return null;
}

/**
 * An appended item that holds a closure over a local the body keeps changing:
 * `out.append((name, lambda v: v / total))` with `total += w` in the loop, a lambda over the loop
 * variable, or a nested `def` handed out by name. A closure reads the variable when it is called:
 * eagerly the caller calls it after the loop, when the variable holds its final value; a generator
 * hands it over while the loop still runs, so each call would see the value of that moment.
 */
function closureOverChangingLocal(shape: ProducerShape, ops: readonly AccumulatorOp[]): string | null {
  const { body, fn } = shape;
  const changing = (name: string, after: SyntaxNode): boolean => {
    const stores = body.stores.get(name) ?? [];
    return stores.length > 1 || stores.some((s) => s.start > after.start || insideLoop(s, fn));
  };
  for (const op of ops) {
    let found: string | null = null;
    walk(op.value, (n) => {
      if (found) return false;
      let closure: SyntaxNode | null = null;
      if (n.type === 'lambda') closure = n;
      else if (n.type === 'identifier') {
        const binding = body.scope.bindings.get(n.text);
        if (binding?.kind === 'function') closure = binding.node;
      }
      if (!closure) return true;
      found = freeNames(closure).find((name) => body.stores.has(name) && changing(name, op.statement)) ?? null;
      return false;
    });
    if (found) return `an item holds a closure over \`${found}\`, which changes while the loop runs: a generator would hand it over before the final value`;
  }
  return null;
}

/** Names a lambda or nested def reads when it is called (not its parameters, nor their defaults). */
function freeNames(closure: SyntaxNode): string[] {
  const own = new Set<string>();
  for (const p of field(closure, 'parameters')?.children ?? []) {
    const name = p.type === 'identifier' ? p : field(p, 'name') ?? p.children.find((c) => c.type === 'identifier');
    if (name) own.add(name.text);
  }
  const names: string[] = [];
  const inner = field(closure, 'body');
  if (inner) {
    walk(inner, (n) => {
      if (n.type === 'identifier' && !(n.parent?.type === 'attribute' && n.field === 'attribute') && !own.has(n.text)) names.push(n.text);
      return true;
    });
  }
  return names;
}

/**
 * `[lambda: name.upper() for name in names]`: every lambda of the list reads the comprehension's
 * variable after the list is built, so all see its last value; from a generator expression the
 * caller calls each one while the variable still holds that item's value.
 */
function closureOverComprehensionVariable(comp: SyntaxNode): string | null {
  const vars = new Set<string>();
  for (const clause of comp.children) {
    const left = clause.type === 'for_in_clause' ? field(clause, 'left') : undefined;
    if (left) walk(left, (n) => { if (n.type === 'identifier') vars.add(n.text); return true; });
  }
  let found: string | null = null;
  walk(comp, (n) => {
    if (found) return false;
    if (n.type !== 'lambda') return true;
    found = freeNames(n).find((name) => vars.has(name)) ?? null;
    return false;
  });
  return found ? `a lambda in the comprehension reads its variable \`${found}\`: a generator would hand it over before the last item` : null;
}

function insideLoop(node: SyntaxNode, fn: SyntaxNode): boolean {
  for (let p = node.parent; p && p !== fn; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') return true;
  }
  return false;
}

const MUTATING_METHODS: ReadonlySet<string> = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'add', 'discard', 'setdefault', 'sort',
  'reverse', 'popitem', 'appendleft', 'extendleft', 'popleft', '__setitem__', '__delitem__',
]);

/** Local names (not the accumulator) an appended value holds: `current`, `(name, row)`, `{"items": items}`. */
function itemNames(value: SyntaxNode, body: BodyIndex, accumulator: string | undefined): Set<string> {
  const names = new Set<string>();
  walk(value, (n) => {
    if (n.type === 'identifier') {
      if (n.text !== accumulator && body.stores.has(n.text)) names.add(n.text);
      return false;
    }
    // Items computed from a name (`row["id"]`, `len(row)`, `f"{row}"`) are new objects; the name itself is not handed over.
    return !(n.type === 'attribute' || n.type === 'subscript' || n.type === 'call' || n.type === 'string'
      || n.type === 'binary_operator' || n.type === 'comparison_operator' || n.type === 'lambda');
  });
  return names;
}

/** The innermost `for`/`while` inside `fn` that holds both nodes. */
function commonLoop(a: SyntaxNode, b: SyntaxNode, fn: SyntaxNode): SyntaxNode | null {
  for (let p = a.parent; p && p !== fn; p = p.parent) {
    if ((p.type === 'for_statement' || p.type === 'while_statement') && p.start <= b.start && b.end <= p.end) return p;
  }
  return null;
}

/** `out.sort()`, `out.reverse()`, `sorted(out)`, `reversed(out)`: the result depends on every item. */
function reordersAccumulator(read: SyntaxNode, model: SemanticModel): boolean {
  const parent = read.parent;
  if (parent?.type === 'attribute' && read.field === 'object') return /^(sort|reverse)$/.test(field(parent, 'attribute')?.text ?? '');
  const call = parent?.type === 'argument_list' ? parent.parent : undefined;
  const callee = call?.type === 'call' ? field(call, 'function') : undefined;
  const name = callee ? model.resolveExpression(callee) : null;
  return name === 'builtins.sorted' || name === 'builtins.reversed';
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * The name whose object a write changes, when that object may be the caller's. `object` is what
 * is changed: `row` in `row["k"] = v`, `self` in `self.n = …`, `rows` in `rows.append(x)`,
 * `row["items"]` in `row["items"].append(x)`. Null for locals of the body, and for a fresh copy
 * bound earlier in the same block (`row = dict(row)` … `row["k"] = v`): the write changes only
 * the copy (but `row["items"].append(x)` still changes the caller's list).
 */
export function mutatedOuterName(body: BodyIndex, object: SyntaxNode, model: SemanticModel, accumulator?: string): string | null {
  const root = rootName(object);
  if (!root || isPlainLocal(body, root, accumulator)) return null;
  return object.type === 'identifier' && isFreshCopyAt(body, object, model) ? null : root;
}

/** The object a written attribute or subscript target changes: `row` for `row["k"]`. */
export function writtenObject(target: SyntaxNode): SyntaxNode {
  const object = target.type === 'subscript' ? field(target, 'value') : target.type === 'attribute' ? field(target, 'object') : undefined;
  return object ?? target;
}

/** Builtins and library calls that return a new object (a shallow copy at most). */
const FRESH_CALLS: ReadonlySet<string> = new Set([
  'builtins.dict', 'builtins.list', 'builtins.set', 'builtins.bytearray', 'copy.copy', 'copy.deepcopy',
  'collections.OrderedDict', 'collections.defaultdict', 'collections.Counter', 'dataclasses.replace',
  'dataclasses.asdict',
]);

/**
 * `name` (read at `read`) holds an object bound by `name = dict(...)`, `{**x}`, `[...]`, `x.copy()`
 * in the same block as the read or an enclosing one, with no other binding of `name` in between
 * or later in a loop around the read.
 */
function isFreshCopyAt(body: BodyIndex, read: SyntaxNode, model: SemanticModel): boolean {
  const stores = body.stores.get(read.text) ?? [];
  let latest: SyntaxNode | undefined;
  for (const s of stores) if (s.start < read.start) latest = s;
  const statement = latest ? statementOfNode(latest) : undefined;
  if (!latest || !statement?.parent || statement.end > read.start) return false;
  if (!(statement.parent.start <= read.start && read.end <= statement.parent.end)) return false;
  const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
  if (assignment?.type !== 'assignment' || field(assignment, 'left') !== latest) return false;
  // A later rebinding inside the same loop would reach the read on the next turn.
  for (let p = read.parent; p && p !== statement.parent; p = p.parent) {
    if ((p.type === 'for_statement' || p.type === 'while_statement') && stores.some((s) => s.start > read.start && s.end <= p.end)) return false;
  }
  const value = field(assignment, 'right');
  if (!value) return false;
  if (/^(dictionary|list|set|dictionary_comprehension|list_comprehension|set_comprehension)$/.test(value.type)) return true;
  if (value.type !== 'call') return false;
  const callee = field(value, 'function');
  if (callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'copy') return true;
  const name = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? model.resolveExpression(callee) : null;
  return name !== null && FRESH_CALLS.has(name);
}

function statementOfNode(node: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (p.parent && (p.parent.type === 'block' || p.parent.type === 'module')) return p;
  }
  return undefined;
}

const plainLocals = new WeakMap<BodyIndex, Map<string, boolean>>();

/** A local of the body that is not a parameter (nor bound from iterating one). */
export function isPlainLocal(body: BodyIndex, name: string, accumulator?: string): boolean {
  if (name === accumulator) return true;
  let memo = plainLocals.get(body);
  if (!memo) plainLocals.set(body, (memo = new Map()));
  let known = memo.get(name);
  if (known === undefined) memo.set(name, (known = computePlainLocal(body, name)));
  return known;
}

function computePlainLocal(body: BodyIndex, name: string): boolean {
  const binding = body.scope.bindings.get(name);
  if (!binding || binding.kind === 'parameter' || body.captured.has(name) || body.scope.declaredOuter.has(name)) return false;
  if (binding.kind !== 'assignment') return binding.kind !== 'import';
  // `for row in rows: row["x"] = …` mutates the caller's items.
  const params = [...body.scope.bindings].filter(([, b]) => b.kind === 'parameter').map(([n]) => n);
  for (const store of body.stores.get(name) ?? []) {
    const loop = store.parent?.type === 'for_statement' && store.field === 'left' ? store.parent
      : ancestorLoopTarget(store);
    if (!loop) continue;
    const right = field(loop, 'right');
    if (right && params.some((p) => (body.loads.get(p) ?? []).some((l) => l.start >= right.start && l.end <= right.end))) return false;
    // `def quarantine(): for a in agents: a.state = …` inside the function that holds `agents`.
    if (right && readsEnclosingLocal(body, right)) return false;
  }
  return true;
}

/** `node` reads a name bound in an enclosing function (a closure's free variable), not here. */
function readsEnclosingLocal(body: BodyIndex, node: SyntaxNode): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === 'identifier' && !(n.parent?.type === 'attribute' && n.field === 'attribute') && n.parent?.type !== 'keyword_argument'
      && !body.scope.bindings.has(n.text)) {
      for (let s = body.scope.parent; s && s.kind !== 'module'; s = s.parent) {
        if (s.kind === 'class') continue;
        if (s.bindings.has(n.text)) {
          found = s.kind === 'function' || s.kind === 'lambda';
          break;
        }
      }
    }
    return !found;
  });
  return found;
}

function ancestorLoopTarget(store: SyntaxNode): SyntaxNode | undefined {
  let child = store;
  for (let p = store.parent; p; child = p, p = p.parent) {
    if (p.type === 'for_statement') return child.field === 'left' ? p : undefined;
    if (p.type !== 'pattern_list' && p.type !== 'tuple_pattern' && p.type !== 'list_pattern' && p.type !== 'parenthesized_expression') return undefined;
  }
  return undefined;
}

/** The identifier at the root of `a.b[c].d`. */
export function rootName(node: SyntaxNode): string | null {
  let n: SyntaxNode | undefined = node;
  while (n) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'attribute') n = field(n, 'object');
    else if (n.type === 'subscript') n = field(n, 'value');
    else if (n.type === 'call') n = field(n, 'function');
    else if (n.type === 'parenthesized_expression') n = n.children.find((c) => c.isNamed);
    else return null;
  }
  return null;
}

function isOpenLike(withStatement: SyntaxNode, model: SemanticModel): boolean {
  const clause = withStatement.children.find((c) => c.type === 'with_clause');
  const items = clause?.children.filter((c) => c.type === 'with_item') ?? [];
  return items.length > 0 && items.every((item) => {
    let value = field(item, 'value');
    if (value?.type === 'as_pattern') value = value.children.find((c) => c.isNamed);
    const callee = value?.type === 'call' ? field(value, 'function') : undefined;
    const name = callee ? model.resolveExpression(callee) : null;
    return name !== null && OPEN_LIKE.has(name);
  });
}

/**
 * A `with` whose context managers may change what code run inside it computes or prints:
 * `decimal.localcontext()`, `redirect_stdout(buf)`, `warnings.catch_warnings()`, a lock. Files,
 * archives and temporary files or folders being opened change nothing for other code.
 */
export function mayChangeAmbientState(withStatement: SyntaxNode, model: SemanticModel): boolean {
  const clause = withStatement.children.find((c) => c.type === 'with_clause');
  const items = clause?.children.filter((c) => c.type === 'with_item') ?? [];
  return items.length === 0 || items.some((item) => {
    let value = field(item, 'value');
    if (value?.type === 'as_pattern') value = value.children.find((c) => c.isNamed);
    const callee = value?.type === 'call' ? field(value, 'function') : undefined;
    if (!callee) return true;
    const name = model.resolveExpression(callee);
    if (name !== null && (OPEN_LIKE.has(name) || name.startsWith('tempfile.'))) return false;
    // `path.open("w")`, `archive.open(member)`: a file object too.
    return !(callee.type === 'attribute' && field(callee, 'attribute')?.text === 'open');
  });
}

/** A `with` or `try` between `node` and the function: a lazy result would outlive it. */
function blockAround(node: SyntaxNode, fn: SyntaxNode, model: SemanticModel): string | null {
  for (let p = node.parent; p && p !== fn; p = p.parent) {
    if (p.type === 'with_statement') {
      return isOpenLike(p, model)
        ? 'it reads inside a `with` block: a lazy result would be read after the file is closed'
        : 'it reads inside a `with` block: a lazy result would be read after the block exits';
    }
    if (p.type === 'try_statement') return 'it is built inside a `try` block: errors would escape it';
  }
  return null;
}

/** `list(x for x in xs)` → `(x for x in xs)`; `list(map(f, xs))` → `map(f, xs)`; else why not. */
function lazyArgument(call: SyntaxNode, model: SemanticModel): string | { reason: string } {
  const args = field(call, 'arguments');
  const text = model.source.text;
  if (args?.type === 'generator_expression') return text.slice(args.start, args.end);
  const inner = args?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
  if (inner.length !== 1) return { reason: 'an unusual argument list' };
  const arg = inner[0]!;
  if (arg.type === 'call') {
    const callee = field(arg, 'function');
    const name = callee ? model.resolveExpression(callee) : null;
    if (name && (/^builtins\.(map|filter|zip|enumerate|reversed)$/.test(name) || name.startsWith('itertools.'))) {
      return text.slice(arg.start, arg.end);
    }
  }
  return { reason: 'it copies an existing iterable: the copy is the point' };
}

/** `[`→`(` and `]`→`)` (or braces) around a comprehension. */
function bracketEdits(comp: SyntaxNode, text: string): TextEdit[] | null {
  const open = text[comp.start];
  const close = text[comp.end - 1];
  if (!((open === '[' && close === ']') || (open === '{' && close === '}'))) return null;
  return [{ start: comp.start, end: comp.start + 1, text: '(' }, { start: comp.end - 1, end: comp.end, text: ')' }];
}

/** `yield x` / `yield from xs` for an accumulator op, with parentheses where a bare value would not parse. */
/** The items of a seeded accumulator `out = [a, b]` (none for `out = []`). */
function seededItems(init: SyntaxNode): SyntaxNode[] {
  const assignment = init.type === 'expression_statement' ? init.children[0] : undefined;
  const right = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
  return right?.type === 'list' ? right.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
}

function yieldText(kind: 'item' | 'items', value: SyntaxNode, model: SemanticModel): string {
  const text = model.source.text;
  let valueText = text.slice(value.start, value.end);
  if (kind === 'items' && value.type === 'list_comprehension') valueText = `(${valueText.slice(1, -1)})`;
  const bracketed = /^(dictionary|list|set|tuple|call|parenthesized_expression|list_comprehension|set_comprehension|dictionary_comprehension|generator_expression|string|identifier|attribute|subscript|integer|float)$/.test(value.type);
  const needsParens = value.type === 'named_expression' || value.type === 'expression_list'
    || (valueText.includes('\n') && !bracketed);
  if (needsParens) valueText = `(${valueText})`;
  return kind === 'item' ? `yield ${valueText}` : `yield from ${valueText}`;
}

/** An edit deleting whole lines holding `statement` alone, or null if other code shares them. */
export function deleteStatementLines(statement: SyntaxNode, model: SemanticModel): TextEdit | null {
  const { source } = model;
  const first = source.position(statement.start).line;
  const last = source.position(statement.end).line;
  const before = source.text.slice(source.lineStart(first), statement.start);
  const after = source.text.slice(statement.end, source.lineEnd(last));
  if (before.trim() !== '' || !/^\s*(#.*)?$/.test(after)) return null;
  const end = last < source.lineCount ? source.lineStart(last + 1) : source.text.length;
  return { start: source.lineStart(first), end, text: '' };
}

function indentOf(statement: SyntaxNode, text: string, model: SemanticModel): string | null {
  const line = model.source.position(statement.start).line;
  const before = text.slice(model.source.lineStart(line), statement.start);
  return before.trim() === '' ? before : null;
}

function lastStatement(block: SyntaxNode): SyntaxNode | undefined {
  for (let i = block.children.length - 1; i >= 0; i--) {
    const c = block.children[i]!;
    if (c.isNamed && c.type !== 'comment') return c;
  }
  return undefined;
}

function nextStatement(statement: SyntaxNode): SyntaxNode | undefined {
  const siblings = statement.parent?.children ?? [];
  const at = siblings.indexOf(statement);
  for (let i = at + 1; i < siblings.length; i++) {
    const c = siblings[i]!;
    if (c.isNamed && c.type !== 'comment') return c;
  }
  return undefined;
}


function lineSnippet(text: string, node: SyntaxNode): string {
  let p = node;
  while (p.parent && p.parent.type !== 'block' && p.parent.type !== 'expression_statement' && p.parent.end - p.parent.start < 60) p = p.parent;
  return text.slice(p.start, p.end).split('\n')[0]!.trim();
}

function decoratorsOf(fn: SyntaxNode): SyntaxNode[] {
  const wrapper = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (!wrapper) return [];
  return wrapper.children
    .filter((c) => c.type === 'decorator')
    .map((d) => d.children.find((c) => c.isNamed && c.type !== 'comment'))
    .filter((e): e is SyntaxNode => !!e);
}

function shortName(qualified: string): string {
  return qualified.replace(/^builtins\./, '');
}

// ---------------------------------------------------------------------------------------------
// The return annotation and the `Iterator` import

interface AnnotationResult {
  readonly edits: TextEdit[];
  readonly importEdit: TextEdit | null;
  readonly hazard: string | null;
}

function annotationEdits(shape: ProducerShape): AnnotationResult {
  const { fn, model } = shape;
  const returnType = field(fn, 'return_type');
  if (!returnType) return { edits: [], importEdit: null, hazard: null };
  const inner = returnType.children.find((c) => c.isNamed);
  if (!inner) return { edits: [], importEdit: null, hazard: null };
  let head: SyntaxNode | undefined;
  if (inner.type === 'identifier' || inner.type === 'attribute') head = inner;
  else if (inner.type === 'generic_type') head = inner.children.find((c) => c.type === 'identifier' || c.type === 'attribute');
  else if (inner.type === 'subscript') head = field(inner, 'value');
  const headText = head ? dottedName(head) : null;
  if (headText && LAZY_ANNOTATIONS.has(headText)) return { edits: [], importEdit: null, hazard: null };
  const annotationText = model.source.text.slice(returnType.start, returnType.end);
  if (!head || !headText || !REWRITTEN_ANNOTATIONS.has(headText)) {
    return { edits: [], importEdit: null, hazard: `the return annotation \`${annotationText}\` needs a manual update` };
  }
  const iterator = iteratorName(model, fn);
  if (!iterator) return { edits: [], importEdit: null, hazard: 'the name `Iterator` is taken in this module' };
  return { edits: [{ start: head.start, end: head.end, text: iterator.name }], importEdit: iterator.importEdit, hazard: null };
}

const iteratorNames = new WeakMap<SemanticModel, { name: string; importEdit: TextEdit | null } | null>();

/** How this module spells `collections.abc.Iterator` (adding an import if it must). */
function iteratorName(model: SemanticModel, fn: SyntaxNode): { name: string; importEdit: TextEdit | null } | null {
  if (iteratorNames.has(model)) return iteratorNames.get(model)!;
  const result = computeIteratorName(model, fn);
  iteratorNames.set(model, result);
  return result;
}

function computeIteratorName(model: SemanticModel, fn: SyntaxNode): { name: string; importEdit: TextEdit | null } | null {
  const bound = model.moduleScope.bindings.get('Iterator');
  if (bound) {
    const ok = bound.kind === 'import' && (bound.fact.target === 'typing.Iterator' || bound.fact.target === 'collections.abc.Iterator');
    return ok ? { name: 'Iterator', importEdit: null } : null;
  }
  const text = model.source.text;
  const statements = model.root.children.filter((c) => c.type === 'import_from_statement' || c.type === 'import_statement');
  const firstDef = model.root.children.find((c) => c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition');
  const early = statements.filter((s) => s.end <= (firstDef?.start ?? fn.start));
  for (const from of ['typing', 'collections.abc']) {
    const statement = early.find((s) => s.type === 'import_from_statement'
      && dottedName(field(s, 'module_name')!) === from && !s.children.some((c) => c.type === 'wildcard_import'));
    if (!statement) continue;
    const names = statement.children.filter((c) => c.field === 'name');
    const after = names.find((n) => text.slice(n.start, n.end) > 'Iterator');
    const importEdit = after
      ? { start: after.start, end: after.start, text: 'Iterator, ' }
      : { start: names[names.length - 1]!.end, end: names[names.length - 1]!.end, text: ', Iterator' };
    return { name: 'Iterator', importEdit };
  }
  for (const module of ['typing', 'collections.abc']) {
    const binding = [...model.moduleScope.bindings.values()].find((b) => b.kind === 'import' && b.fact.kind === 'module' && b.fact.target === module);
    if (binding?.kind === 'import') {
      const local = binding.fact.localName === binding.fact.target.split('.')[0] && module === 'collections.abc' ? 'collections.abc' : binding.fact.localName;
      return { name: `${local}.Iterator`, importEdit: null };
    }
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const line = 'from collections.abc import Iterator';
  const anchor = early[early.length - 1] ?? leadingDocstringOrFuture(model);
  if (!anchor) return { name: 'Iterator', importEdit: { start: 0, end: 0, text: `${line}${newline}` } };
  const endLine = model.source.position(anchor.end).line;
  if (endLine < model.source.lineCount) {
    const at = model.source.lineStart(endLine + 1);
    return { name: 'Iterator', importEdit: { start: at, end: at, text: `${line}${newline}` } };
  }
  return { name: 'Iterator', importEdit: { start: text.length, end: text.length, text: `${newline}${line}${newline}` } };
}

function leadingDocstringOrFuture(model: SemanticModel): SyntaxNode | undefined {
  let anchor: SyntaxNode | undefined;
  for (const c of model.root.children) {
    if (c.type === 'comment') continue;
    if (c.type === 'future_import_statement') anchor = c;
    else if (!anchor && c.type === 'expression_statement' && c.children[0]?.type === 'string') anchor = c;
    else break;
  }
  return anchor;
}
