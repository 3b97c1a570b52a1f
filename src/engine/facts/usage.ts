// How a value is used — iterated exactly once ("single-pass") or otherwise — over a per-file
// index of every body's name reads, writes, calls and returns, built in one walk.
//
// API (small on purpose; any bulk-transform rule may use it):
//   buildUsageIndex(model)                  one walk; bodies (module, defs, lambdas, classes) with
//                                           their local reads/writes, calls, returns, mutations
//   usageOfExpression(index, expr)          how the value of `expr` is used, through locals
//   usageOfParameter(index, fnNode, name)   how a function uses one of its parameters
//   isSinglePass(use)                       'single-pass' (a 'passed' use needs the callee: no)
// Helpers for callers that follow values themselves: readsOfBinding / seesBinding (which reads
// see a local's binding), isRepeated (runs once per loop turn?), statementOf, bodyOfNode, lowerBound.
import { field, type SyntaxNode } from '../source/syntax.js';
import { LAZY_WRAPPERS, wrapsPosition } from './iteration.js';
import { COMPREHENSION_TYPES, type Scope, type SemanticModel } from './scope.js';

/** How a value is used. `passed` and `returned` are resolved across functions by the link step. */
export type Use =
  | {
      readonly kind: 'single-pass';
      /** `for`, `comprehension`, `yield from`, `in`, `*`, or the consumer: `sum`, `.join`, `list`. */
      readonly how: string;
      /** Duplicates and order do not matter to the consumer (`set`, `any`, `min`, `x in …`). */
      readonly orderInsensitive: boolean;
      /** Where the value is read (the identifier or the expression itself). */
      readonly at: SyntaxNode;
      /** Set when the value reached its use through a local name: `rows = load(); for r in rows`. */
      readonly via?: LocalHop;
    }
  | {
      /** An argument of a call whose callee may be a project function: single-pass iff its parameter is. */
      readonly kind: 'passed';
      readonly call: SyntaxNode;
      /** Positional index, or -1 for a keyword argument. */
      readonly index: number;
      readonly keyword: string | null;
      readonly at: SyntaxNode;
      readonly via?: LocalHop;
    }
  | {
      /** Returned by the enclosing function: used however that function's callers use it. */
      readonly kind: 'returned';
      readonly at: SyntaxNode;
      readonly via?: LocalHop;
    }
  | { readonly kind: 'other'; readonly reason: string };

/** The local the value passed through, and the statement that bound it. */
export interface LocalHop {
  readonly name: string;
  readonly binding: SyntaxNode;
  /** The read of that binding (the first two when there are more). */
  readonly reads: readonly SyntaxNode[];
}

export type BodyKind = 'module' | 'function' | 'lambda' | 'class';

/** One namespace-owning body and what happens to its local names. */
export interface BodyIndex {
  readonly kind: BodyKind;
  readonly node: SyntaxNode;
  readonly scope: Scope;
  readonly parent: BodyIndex | null;
  /** Reads of each local name (`x`, `x += …`'s x, `del x`), in source order. */
  readonly loads: Map<string, SyntaxNode[]>;
  /** Identifiers that (re)bind each local name, in source order. */
  readonly stores: Map<string, SyntaxNode[]>;
  /** Local names read or rebound from a nested def, lambda or class (or declared global there). */
  readonly captured: Set<string>;
  /** Reads in this body of names bound at module level (not as a call's callee): shared state it may see change. */
  readonly moduleLoads: SyntaxNode[];
  /** Calls evaluated in this body (not in nested defs or lambdas), in source order. */
  readonly calls: SyntaxNode[];
  readonly returns: SyntaxNode[];
  /** Attribute and subscript targets written or deleted here: `self.n = …`, `row["k"] = …`, `del d[k]`. */
  readonly mutations: SyntaxNode[];
  /** `raise` statements of this body. */
  readonly raises: SyntaxNode[];
  yields: number;
  /** A `global` or `nonlocal` statement. */
  declaresOuter: boolean;
}

export interface UsageIndex {
  readonly model: SemanticModel;
  readonly module: BodyIndex;
  readonly bodies: ReadonlyMap<SyntaxNode, BodyIndex>;
  /**
   * Functions referenced as values rather than called (`map(load, xs)`, `HANDLERS = {"a": load}`,
   * `key=self.load`): their callers are unknown. As qualified names, `self.x@<function id>` for
   * methods named through `self`, `*.x` for `obj.x` handed on as a value (receiver unknown).
   */
  readonly escapes: ReadonlySet<string>;
  /**
   * Data attributes of this file's classes: `self.x = …` in a method, `x = …` / `x: T` in a class
   * body. `obj.x` handed on as a value is likely such an attribute, not a bound method.
   */
  readonly dataAttributes: ReadonlySet<string>;
}

const BODY_TYPES: Readonly<Record<string, BodyKind>> = {
  function_definition: 'function',
  lambda: 'lambda',
  class_definition: 'class',
};

/** Build the index in one explicit-stack walk (never recursion: deep trees must not overflow). */
export function buildUsageIndex(model: SemanticModel): UsageIndex {
  const bodies = new Map<SyntaxNode, BodyIndex>();
  const escapes = new Set<string>();
  const dataAttributes = new Set<string>();
  const module = makeBody('module', model.root, model.moduleScope, null);
  bodies.set(model.root, module);
  // Parallel stacks (one frame object per node would cost more than the walk itself).
  const stack = new WalkStack();
  stack.push(model.root, module, null, false);
  while (stack.size > 0) {
    const node = stack.nodes.pop()!;
    const body = stack.bodies.pop()!;
    const comps = stack.comps.pop()!;
    const store = stack.stores.pop()!;
    const exit = stack.exits.pop()!;
    stack.size--;
    if (exit) {
      comps!.exit(exit);
      continue;
    }
    const type = node.type;
    if (type === 'identifier') {
      recordIdentifier(model, node, body, comps, store, escapes);
      continue;
    }
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        continue;
      case 'global_statement':
      case 'nonlocal_statement': {
        body.declaresOuter = true;
        const owner = type === 'global_statement' ? module : body.parent;
        for (const c of node.children) if (c.type === 'identifier' && owner) owner.captured.add(c.text);
        continue;
      }
      case 'call':
        body.calls.push(node);
        break;
      case 'return_statement':
        body.returns.push(node);
        break;
      case 'yield':
        body.yields++;
        break;
      case 'raise_statement':
        body.raises.push(node);
        break;
      case 'attribute':
        if (!store) recordAttributeEscape(model, node, body, escapes);
        else if (field(node, 'object')?.text === 'self') dataAttributes.add(field(node, 'attribute')?.text ?? '');
        break;
    }
    const kind = BODY_TYPES[type];
    if (kind) {
      const scope = model.scopeFor(node);
      if (!scope) continue;
      const inner = makeBody(kind, node, scope, body);
      bodies.set(node, inner);
      if (kind === 'class') for (const [name, b] of scope.bindings) if (b.kind === 'assignment') dataAttributes.add(name);
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i]!;
        if (child.field === 'body') stack.push(child, inner, null, false);
        else if (child.field === 'parameters') pushParameterDefaults(stack, child, body, comps);
        else if (child.field === 'superclasses') stack.push(child, body, comps, false);
        // The name binds in the outer body (already known from the scope); annotations are skipped.
      }
      continue;
    }
    if (COMPREHENSION_TYPES.has(type)) {
      const scope = model.scopeFor(node);
      const inner = scope ? (comps ?? new ComprehensionNames()) : comps;
      if (scope && inner) {
        // Its names are bound until every child has been walked: the exit frame is popped last.
        inner.enter(scope);
        stack.pushExit(node, body, inner, scope);
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!, body, inner, false);
      continue;
    }
    pushChildren(stack, node, body, comps, store);
  }
  dataAttributes.delete('');
  return { model, module, bodies, escapes, dataAttributes };
}

class WalkStack {
  readonly nodes: SyntaxNode[] = [];
  readonly bodies: BodyIndex[] = [];
  readonly comps: (ComprehensionNames | null)[] = [];
  readonly stores: boolean[] = [];
  /** Non-null on the frame that closes a comprehension scope (pushed below the comprehension's children). */
  readonly exits: (Scope | null)[] = [];
  size = 0;

  push(node: SyntaxNode, body: BodyIndex, comps: ComprehensionNames | null, store: boolean): void {
    this.nodes.push(node);
    this.bodies.push(body);
    this.comps.push(comps);
    this.stores.push(store);
    this.exits.push(null);
    this.size++;
  }

  pushExit(node: SyntaxNode, body: BodyIndex, comps: ComprehensionNames, scope: Scope): void {
    this.push(node, body, comps, false);
    this.exits[this.exits.length - 1] = scope;
  }
}

/**
 * The names bound by the comprehensions around the walk's position, counted per name (nested
 * comprehensions may bind the same name). One lookup per identifier however deep the nesting.
 */
class ComprehensionNames {
  private readonly counts = new Map<string, number>();

  enter(scope: Scope): void {
    for (const name of scope.bindings.keys()) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  exit(scope: Scope): void {
    for (const name of scope.bindings.keys()) {
      const n = this.counts.get(name)! - 1;
      if (n === 0) this.counts.delete(name);
      else this.counts.set(name, n);
    }
  }

  binds(name: string): boolean {
    return this.counts.has(name);
  }
}

function makeBody(kind: BodyKind, node: SyntaxNode, scope: Scope, parent: BodyIndex | null): BodyIndex {
  return {
    kind, node, scope, parent,
    loads: new Map(), stores: new Map(), captured: new Set(), moduleLoads: [],
    calls: [], returns: [], mutations: [], raises: [], yields: 0, declaresOuter: false,
  };
}

/** Children of `node`, with targets of assignments, `for`, `as` and walrus marked as stores. */
function pushChildren(stack: WalkStack, node: SyntaxNode, body: BodyIndex, comps: ComprehensionNames | null, store: boolean): void {
  const type = node.type;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const child = node.children[i]!;
    // Keywords and operators carry no names (and an anonymous `lambda`/`yield` token is not the node).
    if (!child.isNamed) continue;
    let childStore = false;
    if (store) {
      // `a.b = …` / `a[i] = …`: the object is read (and mutated), not bound.
      childStore = type !== 'attribute' && type !== 'subscript';
      if ((type === 'attribute' || type === 'subscript') && child === node.children[0]) body.mutations.push(node);
    } else if (child.field === 'left' && (type === 'assignment' || type === 'augmented_assignment' || type === 'for_statement' || type === 'for_in_clause')) {
      childStore = true;
    } else if (type === 'named_expression' && child.field === 'name') {
      childStore = true;
    } else if (type === 'as_pattern_target' || type === 'case_pattern' || type === 'keyword_pattern' || type === 'splat_pattern') {
      childStore = true;
    } else if (type === 'delete_statement' && (child.type === 'attribute' || child.type === 'subscript')) {
      body.mutations.push(child);
    }
    if (childStore && (child.type === 'attribute' || child.type === 'subscript') && (type !== 'attribute' && type !== 'subscript')) {
      body.mutations.push(child);
      // Its object is read: walk it as a load.
      stack.push(child, body, comps, false);
      continue;
    }
    stack.push(child, body, comps, childStore);
  }
}

function pushParameterDefaults(stack: WalkStack, params: SyntaxNode, outer: BodyIndex, comps: ComprehensionNames | null): void {
  for (const p of params.children) {
    if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
    const value = field(p, 'value');
    if (value) stack.push(value, outer, comps, false);
  }
}

function recordIdentifier(
  model: SemanticModel, node: SyntaxNode, body: BodyIndex, comps: ComprehensionNames | null, store: boolean, escapes: Set<string>,
): void {
  const parent = node.parent;
  if (!parent) return;
  if (parent.type === 'attribute' && node.field === 'attribute') return;
  if (parent.type === 'keyword_argument' && node.field === 'name') return;
  if (parent.type === 'function_definition' || parent.type === 'class_definition') return;
  const name = node.text;
  if (comps?.binds(name)) return;
  const owner = ownerOf(body, name);
  if (store) {
    if (owner === body) push(body.stores, name, node);
    else owner?.captured.add(name);
    return;
  }
  if (owner === body) push(body.loads, name, node);
  else if (owner) owner.captured.add(name);
  if (owner?.kind === 'module' && owner !== body && !(parent.type === 'call' && node.field === 'function')) body.moduleLoads.push(node);
  if (owner?.kind === 'module' && !(parent.type === 'call' && node.field === 'function') && parent.type !== 'decorator') {
    const binding = owner.scope.bindings.get(name);
    if (binding?.kind === 'function' || binding?.kind === 'class') escapes.add(`${model.module.name}.${name}`);
    else if (binding?.kind === 'import' && binding.fact.kind === 'member') escapes.add(binding.fact.target);
  }
}

/** `mod.load` or `self.load` used as a value (a callback), not called. */
function recordAttributeEscape(model: SemanticModel, node: SyntaxNode, body: BodyIndex, escapes: Set<string>): void {
  const parent = node.parent;
  if (!parent || (parent.type === 'call' && node.field === 'function') || parent.type === 'decorator') return;
  if (parent.type === 'attribute' && node.field === 'object') return;
  const object = field(node, 'object');
  const attr = field(node, 'attribute');
  if (object?.type !== 'identifier' || !attr) return;
  if (object.text === 'self' || object.text === 'cls') {
    let fn: BodyIndex | null = body;
    while (fn && fn.kind !== 'function') fn = fn.parent;
    const cls = fn?.scope.parent;
    if (fn && cls?.kind === 'class' && cls.bindings.get(attr.text)?.kind === 'function') escapes.add(`${object.text}.${attr.text}@${fn.scope.id}`);
    return;
  }
  const owner = ownerOf(body, object.text);
  const binding = owner?.kind === 'module' ? owner.scope.bindings.get(object.text) : undefined;
  if (binding?.kind === 'import') escapes.add(`${binding.fact.target}.${attr.text}`);
  else if (binding?.kind === 'class') escapes.add(`${model.module.name}.${object.text}.${attr.text}`);
  else if (VALUE_POSITIONS.has(parent.type) && !(parent.type === 'assignment' && node.field !== 'right')) {
    // `callbacks.append(parser.parse)`: a bound method of some object handed on as a value.
    escapes.add(`*.${attr.text}`);
  }
}

/** Where an `obj.method` expression is handed on as a value rather than read for data. */
const VALUE_POSITIONS: ReadonlySet<string> = new Set(['argument_list', 'keyword_argument', 'pair', 'list', 'tuple', 'set', 'assignment']);

/** The body whose namespace binds `name` as seen from `body` (class bodies are skipped inward). */
function ownerOf(body: BodyIndex, name: string): BodyIndex | null {
  if (body.scope.declaredOuter.has(name)) {
    let b: BodyIndex | null = body.parent;
    while (b && b.kind !== 'module' && !(b.kind !== 'class' && b.scope.bindings.has(name))) b = b.parent;
    return b;
  }
  for (let b: BodyIndex | null = body; b; b = b.parent) {
    if (b.kind === 'class' && b !== body) continue;
    if (b.scope.bindings.has(name) && !b.scope.declaredOuter.has(name)) return b;
  }
  return null;
}

function push(map: Map<string, SyntaxNode[]>, key: string, node: SyntaxNode): void {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}

// ---------------------------------------------------------------------------------------------
// Classification

/** Builtins that read an iterable argument once. */
const CONSUMERS: ReadonlyMap<string, { readonly orderInsensitive: boolean }> = new Map([
  ['builtins.sum', { orderInsensitive: false }], ['builtins.any', { orderInsensitive: true }],
  ['builtins.all', { orderInsensitive: true }], ['builtins.min', { orderInsensitive: true }],
  ['builtins.max', { orderInsensitive: true }], ['builtins.set', { orderInsensitive: true }],
  ['builtins.frozenset', { orderInsensitive: true }], ['builtins.dict', { orderInsensitive: false }],
  ['builtins.tuple', { orderInsensitive: false }], ['builtins.list', { orderInsensitive: false }],
  ['builtins.sorted', { orderInsensitive: false }], ['builtins.bytes', { orderInsensitive: false }],
  ['builtins.bytearray', { orderInsensitive: false }], ['collections.Counter', { orderInsensitive: false }],
  ['collections.deque', { orderInsensitive: false }], ['collections.OrderedDict', { orderInsensitive: false }],
  ['math.fsum', { orderInsensitive: false }], ['math.prod', { orderInsensitive: false }],
  ['statistics.mean', { orderInsensitive: false }], ['statistics.fmean', { orderInsensitive: false }],
  ['statistics.median', { orderInsensitive: false }], ['shlex.join', { orderInsensitive: false }],
  ['heapq.nlargest', { orderInsensitive: false }], ['heapq.nsmallest', { orderInsensitive: false }],
  ['functools.reduce', { orderInsensitive: false }], ['dict.fromkeys', { orderInsensitive: false }],
]);

/** Which positional argument a consumer iterates (default: the first). */
const CONSUMED_POSITION: ReadonlyMap<string, number> = new Map([
  ['heapq.nlargest', 1], ['heapq.nsmallest', 1], ['functools.reduce', 1],
]);

/** Methods that read an iterable argument once: `out.extend(rows)`, `w.writerows(rows)`. */
const CONSUMING_METHODS: ReadonlyMap<string, number> = new Map([
  ['join', 0], ['extend', 0], ['update', 0], ['writelines', 0], ['writerows', 0], ['executemany', 1],
  ['union', 0], ['intersection', 0], ['difference', 0], ['symmetric_difference', 0], ['isdisjoint', 0],
  ['issuperset', 0], ['difference_update', 0], ['intersection_update', 0],
]);

const ORDER_INSENSITIVE_METHODS: ReadonlySet<string> = new Set([
  'union', 'intersection', 'difference', 'symmetric_difference', 'isdisjoint', 'issuperset',
  'difference_update', 'intersection_update',
]);

/** Qualified names whose `.join` is not `str.join`. */
const PATH_JOINS: ReadonlySet<string> = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);

const MAX_HOPS = 8;

export function isSinglePass(use: Use): boolean {
  return use.kind === 'single-pass';
}

/**
 * How the value of `expr` is used where it stands, following it through parentheses, `await`,
 * lazy wrappers (`enumerate(…)`) and locals it is assigned to (`rows = load(); for r in rows`).
 */
export function usageOfExpression(index: UsageIndex, expr: SyntaxNode): Use {
  let node = expr;
  let via: LocalHop | undefined;
  // A call's result is a new value each time the call runs; a name read is the same value.
  let fresh = expr.type === 'call';
  for (let hops = 0; hops < MAX_HOPS * 4; hops++) {
    const parent = node.parent;
    if (!parent) return other('unused');
    const step = classifyStep(index, node, parent, fresh);
    if (step.kind === 'climb') {
      node = step.node;
      continue;
    }
    if (step.kind === 'local') {
      const body = bodyOfNode(index, step.target);
      if (!body) return other('bound in an unknown body');
      if (step.statement.type === 'named_expression') {
        // `for r in (rows := load())`: the value is also used right where it stands.
        const reads = (body.loads.get(step.target.text) ?? []).filter((r) => r.start >= step.statement.end);
        if (reads.length > 0 || body.captured.has(step.target.text)) return other('bound by `:=` and read again');
        node = step.statement;
        continue;
      }
      const local = usageOfBinding(body, step.target, step.statement);
      if (local.kind === 'other') return local.use;
      via = local.hop;
      node = local.read;
      fresh = false;
      continue;
    }
    const use = step.use;
    return via && use.kind !== 'other' ? { ...use, via } : use;
  }
  return other('too indirect');
}

/**
 * How function `fn` uses its parameter `name`: one read, not repeated by a loop, that is
 * single-pass (or passed on) — or `other`. `p = list(p)` at the top of the body counts as the read.
 */
export function usageOfParameter(index: UsageIndex, fn: SyntaxNode, name: string): Use {
  const body = index.bodies.get(fn);
  if (!body || body.kind !== 'function') return other('no body');
  if (body.captured.has(name)) return other('read from a nested function');
  const loads = body.loads.get(name) ?? [];
  const stores = body.stores.get(name) ?? [];
  let reads: readonly SyntaxNode[] = loads;
  if (stores.length > 0) {
    // Only an unconditional top-level rebinding ends the parameter's life; reads up to and
    // including its right side count.
    const first = stores[0]!;
    const statement = statementOf(first);
    const right = statement?.type === 'expression_statement' && statement.children[0]?.type === 'assignment'
      ? field(statement.children[0], 'right') : undefined;
    if (!statement || statement.parent !== field(fn, 'body') || !right) return other('reassigned');
    reads = loads.filter((r) => r.start < first.start || (r.start >= right.start && r.end <= right.end));
  }
  if (reads.length === 0) return other('never read');
  if (reads.length > 1) return other(`read ${reads.length} times`);
  const read = reads[0]!;
  if (isRepeated(read, fn)) return other('read inside a loop');
  const use = usageOfExpression(index, read);
  if (use.kind === 'returned') return other('returned');
  return use;
}

type Step =
  | { readonly kind: 'climb'; readonly node: SyntaxNode }
  | { readonly kind: 'local'; readonly target: SyntaxNode; readonly statement: SyntaxNode }
  | { readonly kind: 'done'; readonly use: Use };

function other(reason: string): Use {
  return { kind: 'other', reason };
}

function done(use: Use): Step {
  return { kind: 'done', use };
}

function single(how: string, at: SyntaxNode, orderInsensitive = false): Step {
  return done({ kind: 'single-pass', how, orderInsensitive, at });
}

/** One step up from `node` (the value) to its parent. */
function classifyStep(index: UsageIndex, node: SyntaxNode, parent: SyntaxNode, fresh = false): Step {
  switch (parent.type) {
    case 'parenthesized_expression':
    case 'await':
      return { kind: 'climb', node: parent };
    case 'for_statement':
      return node.field === 'right' ? single('for', node) : done(other('loop target'));
    case 'for_in_clause': {
      if (node.field !== 'right') return done(other('comprehension target'));
      const comprehension = parent.parent;
      const first = comprehension?.children.find((c) => c.type === 'for_in_clause');
      // An inner `for` runs once per outer item: fine for a call made anew each time
      // (`for sku in skus_in(w)`), not for the same value iterated again.
      return first === parent || fresh ? single('comprehension', node) : done(other('iterated once per outer item'));
    }
    case 'yield':
      return parent.children.some((c) => c.type === 'from') ? single('yield from', node) : done(other('yielded'));
    case 'return_statement':
      return done({ kind: 'returned', at: node });
    case 'list_splat':
      return single('*', node);
    case 'comparison_operator': {
      const operands = parent.children.filter((c) => c.isNamed);
      const op = parent.children.find((c) => c.field === 'operators');
      const isIn = op?.type === 'in' || op?.type === 'not in';
      return isIn && operands.length === 2 && operands[1] === node ? single('in', node, true) : done(other('compared'));
    }
    case 'keyword_argument':
      return node.field === 'value' ? argumentStep(index, node, parent) : done(other('keyword'));
    case 'argument_list':
      return argumentStep(index, node, node);
    case 'assignment': {
      if (node.field !== 'right') return done(other('assigned to'));
      const left = field(parent, 'left');
      if (left?.type !== 'identifier') return done(other(left?.type === 'attribute' || left?.type === 'subscript' ? 'stored' : 'unpacked'));
      const statement = parent.parent?.type === 'expression_statement' ? parent.parent : parent;
      return { kind: 'local', target: left, statement };
    }
    case 'named_expression': {
      const name = field(parent, 'name');
      if (node.field !== 'value' || !name) return done(other('walrus'));
      return { kind: 'local', target: name, statement: parent };
    }
    case 'expression_statement':
      return done(other('discarded'));
    default:
      return done(other(`used in ${parent.type}`));
  }
}

/** `node` is an argument (`arg` is it, or the keyword_argument holding it). */
function argumentStep(index: UsageIndex, node: SyntaxNode, arg: SyntaxNode): Step {
  const list = arg.parent;
  const call = list?.parent;
  if (!list || list.type !== 'argument_list' || call?.type !== 'call') return done(other('argument'));
  const args = list.children.filter((c) => c.isNamed && c.type !== 'comment');
  const keyword = arg.type === 'keyword_argument' ? (field(arg, 'name')?.text ?? null) : null;
  const positionals = args.filter((c) => c.type !== 'keyword_argument' && c.type !== 'dictionary_splat');
  const position = keyword === null ? positionals.indexOf(arg) : -1;
  const callee = field(call, 'function');
  if (!callee) return done(other('argument'));
  const name = callee.type === 'identifier' || callee.type === 'attribute' ? index.model.resolveExpression(callee) : null;
  if (name !== null && keyword === null) {
    const consumer = CONSUMERS.get(name);
    if (consumer) {
      return position === (CONSUMED_POSITION.get(name) ?? 0)
        ? single(name.replace(/^builtins\./, ''), node, consumer.orderInsensitive)
        : done(other(`argument ${position + 1} of ${name}`));
    }
    const lazy = LAZY_WRAPPERS.get(name);
    if (lazy) {
      return wrapsPosition(lazy, position) ? { kind: 'climb', node: call } : done(other(`argument of ${name}`));
    }
    if (name === 'builtins.len') return done(other('len()'));
    if (name.startsWith('builtins.')) return done(other(`passed to ${name.slice(9)}()`));
  }
  if (callee.type === 'attribute' && keyword === null) {
    const method = field(callee, 'attribute')?.text ?? '';
    const at = CONSUMING_METHODS.get(method);
    if (at !== undefined && (name === null || !PATH_JOINS.has(name))) {
      if (position === at && positionals.length === at + 1) return single(`.${method}`, node, ORDER_INSENSITIVE_METHODS.has(method));
    }
  }
  if (args.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return done(other('passed with * or **'));
  return done({ kind: 'passed', call, index: position, keyword, at: node });
}

type BindingUse =
  | { readonly kind: 'read'; readonly read: SyntaxNode; readonly hop: LocalHop }
  | { readonly kind: 'other'; readonly use: Use };

/** The reads that see the value `target` binds: its only read, or why there is not exactly one. */
function usageOfBinding(body: BodyIndex, target: SyntaxNode, statement: SyntaxNode): BindingUse {
  const name = target.text;
  const reads = readsOfBinding(body, target, statement, 2);
  const hop: LocalHop = { name, binding: statement, reads };
  const fail = (reason: string): BindingUse => ({ kind: 'other', use: { kind: 'other', reason } });
  if (body.kind === 'class') return fail('class attribute');
  if (body.captured.has(name)) return fail(body.kind === 'module' ? 'global variable read by functions' : 'read from a nested function');
  if (body.scope.declaredOuter.has(name)) return fail('global');
  if (reads.length === 0) return fail('never read');
  if (reads.length > 1) return fail('read more than once');
  const read = reads[0]!;
  if (isRepeated(read, statement, body.node)) return fail('read inside a loop');
  return { kind: 'read', read, hop };
}

/**
 * Reads of `name` that can see the value bound at `target`: later reads up to a rebinding in the
 * same block (or an enclosing one), plus reads earlier in a loop around the binding. At most
 * `limit` of them (callers that only count to two stay linear on long bodies).
 */
export function readsOfBinding(body: BodyIndex, target: SyntaxNode, statement: SyntaxNode, limit = Infinity): SyntaxNode[] {
  const loads = body.loads.get(target.text) ?? [];
  const { start, end } = bindingRange(body, target, statement);
  const reads: SyntaxNode[] = [];
  for (let i = lowerBound(loads, start); i < loads.length && reads.length < limit; i++) {
    const r = loads[i]!;
    if (r.start >= end) break;
    reads.push(r);
  }
  const loop = enclosingLoop(statement, body.node);
  if (loop && reads.length < limit) {
    for (let i = lowerBound(loads, loop.start); i < loads.length && reads.length < limit; i++) {
      const r = loads[i]!;
      if (r.start >= statement.start) break;
      reads.push(r);
    }
  }
  return reads;
}

/** Whether `read` sees the value bound at `target` (see `readsOfBinding`). */
export function seesBinding(body: BodyIndex, target: SyntaxNode, statement: SyntaxNode, read: SyntaxNode): boolean {
  const { start, end } = bindingRange(body, target, statement);
  if (read.start >= start && read.start < end) return true;
  const loop = enclosingLoop(statement, body.node);
  return !!loop && read.start >= loop.start && read.start < statement.start;
}

/** Offsets after the binding statement up to the rebinding that hides its value. */
function bindingRange(body: BodyIndex, target: SyntaxNode, statement: SyntaxNode): { start: number; end: number } {
  const stores = body.stores.get(target.text) ?? [];
  const block = statement.parent;
  let end = Infinity;
  for (let i = lowerBound(stores, target.start + 1); i < stores.length; i++) {
    const s = stores[i]!;
    const st = statementOf(s);
    if (!st || st.start < statement.end) continue;
    // A rebinding in this block or an enclosing one hides the value from everything after it.
    if (block && st.parent && encloses(st.parent, block)) {
      const right = st.type === 'expression_statement' && st.children[0]?.type === 'assignment' ? field(st.children[0], 'right') : undefined;
      end = right ? right.end : st.start;
      break;
    }
  }
  return { start: statement.end, end };
}

/** Index of the first node starting at or after `offset` (nodes in source order). */
export function lowerBound(nodes: readonly SyntaxNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The simple statement (or compound statement) directly inside a block or the module. */
export function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    const up = p.parent;
    if (up && (up.type === 'block' || up.type === 'module')) return p;
  }
  return undefined;
}

function encloses(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function enclosingLoop(node: SyntaxNode, stop: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  for (let p = node.parent; p && p !== stop; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') found = p;
  }
  return found;
}

/**
 * Whether `read` runs more than once per evaluation of `anchor` (a binding statement or the
 * function): it sits in a loop body, a `while` condition, or a comprehension part that repeats,
 * and that loop does not also contain the anchor.
 */
export function isRepeated(read: SyntaxNode, anchor: SyntaxNode, stop: SyntaxNode = anchor): boolean {
  let child = read;
  for (let p = read.parent; p && p !== stop; child = p, p = p.parent) {
    if (anchor !== stop && encloses(p, anchor)) return false;
    if (p.type === 'for_statement') {
      if (child.field === 'body') return true;
    } else if (p.type === 'while_statement') {
      if (child.field === 'body' || child.field === 'condition') return true;
    } else if (COMPREHENSION_TYPES.has(p.type)) {
      const first = p.children.find((c) => c.type === 'for_in_clause');
      if (child !== first) return true;
      const right = first ? field(first, 'right') : undefined;
      if (!right || read.start < right.start || read.end > right.end) return true;
    } else if (p.type === 'lambda' || p.type === 'function_definition') {
      return true;
    }
  }
  return false;
}

/** The body (def, lambda, class or module) a node's names belong to. */
export function bodyOfNode(index: UsageIndex, node: SyntaxNode): BodyIndex | undefined {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    const body = index.bodies.get(p);
    if (!body) continue;
    if (body.kind === 'module') return body;
    if (child.field === 'body') return body;
  }
  return index.module;
}
