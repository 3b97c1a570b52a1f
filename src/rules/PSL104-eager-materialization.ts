// PSL104: a list built only to be consumed once, right where it is built.
import type { SemanticModel } from '../engine/facts/scope.js';
import {
  anyNode, callsUnknownCode, chainText, consumerBody, consumesInPlace, isNameReference, iterationIndex, mayMutate, rootChain, singlePassConsumer, soleRead,
  type Consumer,
} from '../engine/facts/iteration.js';
import { isFetchableStream } from '../engine/facts/streams.js';
import { defineRule, type EditInput, type FixInput } from '../engine/run/rule.js';
import { field, type SyntaxNode } from '../engine/source/syntax.js';

const DEFAULT_REDUCERS = ['sum', 'any', 'all', 'min', 'max', 'set', 'frozenset', 'sorted', 'tuple', 'dict', 'len'];

/** Consumers that stop early: a generator changes how many elements are computed. */
const SHORT_CIRCUITING = new Set(['builtins.any', 'builtins.all']);

/** Methods that hand out a live view or iterator of their receiver. */
const VIEW_METHODS = new Set(['keys', 'values', 'items']);

/** Builtins that wrap their iterable arguments lazily or build from them. */
const ITERABLE_BUILTINS = new Set([
  'builtins.map', 'builtins.filter', 'builtins.zip', 'builtins.enumerate', 'builtins.reversed',
  'builtins.sorted', 'builtins.range', 'builtins.iter',
]);

/** Expression types that can stand anywhere an iterable goes without parentheses. */
const ATOMS = new Set([
  'identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression', 'list', 'tuple',
  'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension',
  'generator_expression', 'string', 'concatenated_string',
]);

/** `name` in the option → the resolved name it stands for (`sum` → `builtins.sum`). */
function reducerNames(option: readonly string[]): Set<string> {
  return new Set(option.map((n) => (n.includes('.') ? n : `builtins.${n}`)));
}

function shortName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** Named, non-comment arguments of a call. */
function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const args = field(call, 'arguments');
  if (!args || args.type !== 'argument_list') return [];
  return args.children.filter((c) => c.isNamed && c.type !== 'comment');
}

/** `list(x)` with exactly one plain positional argument: that argument. */
function listCallArgument(call: SyntaxNode, model: SemanticModel): SyntaxNode | undefined {
  const callee = field(call, 'function');
  if (callee?.type !== 'identifier' || callee.text !== 'list') return undefined;
  if (model.resolveExpression(callee) !== 'builtins.list') return undefined;
  const args = field(call, 'arguments');
  if (!args) return undefined;
  // `list(x for x in y)`: the generator expression is the argument list itself.
  if (args.type === 'generator_expression') return args;
  const named = argumentsOf(call);
  if (named.length !== 1) return undefined;
  const only = named[0]!;
  return only.type === 'keyword_argument' || only.type === 'list_splat' || only.type === 'dictionary_splat' ? undefined : only;
}

/** `await` or `async for` inside a comprehension: a generator would become an async generator. */
function isAsyncComprehension(node: SyntaxNode): boolean {
  return anyNode([node], (n) => {
    if (n.type === 'await') return true;
    if (n.type === 'for_in_clause' && n.children.some((c) => c.type === 'async')) return true;
    // Nested defs and lambdas run later, in their own frame.
    if (n.type === 'lambda' || n.type === 'function_definition') return 'skip';
    return false;
  });
}

/** Is `arg` the call's only argument, with no trailing comma (`f(x for x in y,)` is a syntax error)? */
function isSoleArgument(arg: SyntaxNode, source: string): boolean {
  const list = arg.parent;
  if (!list || list.type !== 'argument_list') return false;
  if (list.children.some((c) => c !== arg && c.type !== 'comment')) return false;
  return /^\s*\)$/.test(source.slice(arg.end, list.end));
}

/** Edits turning `[…]` in a call into a generator expression (or a set comprehension for `set`). */
function comprehensionEdits(call: SyntaxNode, comprehension: SyntaxNode, reducer: string, source: string): EditInput[] | null {
  if (source[comprehension.start] !== '[' || source[comprehension.end - 1] !== ']') return null;
  const sole = isSoleArgument(comprehension, source);
  if (reducer === 'builtins.set' && sole && field(call, 'function')?.type === 'identifier') {
    return [
      { start: call.start, end: comprehension.start + 1, text: '{' },
      { start: comprehension.end - 1, end: call.end, text: '}' },
    ];
  }
  return [
    { start: comprehension.start, end: comprehension.start + 1, text: sole ? '' : '(' },
    { start: comprehension.end - 1, end: comprehension.end, text: sole ? '' : ')' },
  ];
}

/** Edits replacing `list(inner)` by `inner`, keeping the parentheses the context needs. */
function unwrapListEdits(listCall: SyntaxNode, inner: SyntaxNode, source: string, soleInCall: boolean): EditInput[] {
  let text = source.slice(inner.start, inner.end);
  if (inner.type === 'generator_expression') {
    // `list(x for x in y)`: the generator brings its parentheses; a sole argument drops them.
    if (soleInCall) text = text.slice(1, -1);
  } else if (!ATOMS.has(inner.type)) {
    text = `(${text})`;
  }
  return [{ start: listCall.start, end: listCall.end, text }];
}

/** Collections whose contents the iterated expression reads, and whether others can reach them. */
interface Source {
  readonly chain: string;
  readonly shared: boolean;
  /**
   * A local with a second way in (a closure, an alias, a container): any call in the loop may
   * change it. When the loop calls nothing that could, dropping the copy is still safe.
   */
  readonly escaped?: boolean;
}

/**
 * What `list(expr)` copies from: `d` for `d`, `d.items()`, `map(f, d)`; an opaque call (a
 * generator, `path.iterdir()`) makes the result `null`, meaning "anything the loop does may matter".
 */
function copiedSources(expr: SyntaxNode, model: SemanticModel): { sources: Source[]; opaque: boolean; live: boolean } {
  const sources: Source[] = [];
  let opaque = false;
  let live = false;
  const pending = [expr];
  while (pending.length > 0) {
    const n = pending.pop()!;
    const chain = chainText(n);
    if (chain !== null) {
      if (isLiveNamespace(chain, n, model)) live = true;
      const shared = isShared(n, chain, model);
      sources.push({ chain, shared, escaped: !shared && escapesLocally(n, chain, model) });
      continue;
    }
    if (n.type === 'call') {
      const callee = field(n, 'function');
      if (callee?.type === 'attribute' && VIEW_METHODS.has(field(callee, 'attribute')?.text ?? '') && argumentsOf(n).length === 0) {
        pending.push(field(callee, 'object')!);
        continue;
      }
      const name = callee && (callee.type === 'identifier' || callee.type === 'attribute') ? model.resolveExpression(callee) : null;
      if (name !== null && NAMESPACE_CALLS.has(name)) {
        live = true;
        continue;
      }
      if (name !== null && ITERABLE_BUILTINS.has(name)) {
        const args = field(n, 'arguments');
        if (args?.type === 'generator_expression') pending.push(args);
        else for (const a of argumentsOf(n)) if (a.type !== 'keyword_argument') pending.push(a.type === 'list_splat' ? a.children.find((c) => c.isNamed)! : a);
        continue;
      }
      opaque = true;
      // The receiver of `obj.method()` is what the call most likely reads.
      if (callee?.type === 'attribute') {
        const object = field(callee, 'object');
        const objectChain = object ? chainText(object) : null;
        if (objectChain !== null) sources.push({ chain: objectChain, shared: true });
      }
      continue;
    }
    if (n.type === 'generator_expression' || n.type === 'list_comprehension' || n.type === 'set_comprehension' || n.type === 'dictionary_comprehension') {
      const first = n.children.find((c) => c.type === 'for_in_clause');
      const right = first ? field(first, 'right') : undefined;
      if (right) pending.push(right);
      // The element expression may call anything.
      if (anyNode([n], (m) => m.type === 'call')) opaque = true;
      continue;
    }
    if (n.type === 'parenthesized_expression') {
      for (const c of n.children) if (c.isNamed) pending.push(c);
      continue;
    }
    if (n.type === 'subscript') {
      // `list(adj[n])`: an element of `adj` — anything stored through `adj` may be it.
      const root = rootChain(n);
      if (root !== null) sources.push({ chain: root, shared: true });
      else opaque = true;
      continue;
    }
    if (n.type === 'string' || n.type === 'list' || n.type === 'tuple' || n.type === 'set' || n.type === 'dictionary' || n.type === 'integer') {
      continue;
    }
    opaque = true;
  }
  return { sources, opaque, live };
}

/**
 * Namespaces and process-wide registries change under any binding, import or thread
 * (`for k, v in list(globals().items())` at module level rebinds globals): the copy is needed.
 */
const NAMESPACE_CALLS = new Set(['builtins.globals', 'builtins.locals', 'builtins.vars', 'builtins.dir']);
const LIVE_REGISTRIES = new Set(['sys.modules', 'os.environ', 'sys.path_importer_cache', 'sys.meta_path', 'sys.path_hooks', 'threading._active', 'weakref']);

function isLiveNamespace(chain: string, node: SyntaxNode, model: SemanticModel): boolean {
  if (chain.endsWith('.__dict__') || chain === '__dict__') return true;
  const resolved = model.resolveDotted(chain, node);
  return resolved !== null && LIVE_REGISTRIES.has(resolved);
}

/** Could code other than this function's own statements reach the collection named `chain`? */
function isShared(node: SyntaxNode, chain: string, model: SemanticModel): boolean {
  if (chain.includes('.')) return true;
  const found = model.lookup(chain, node);
  if (!found) return true;
  if (found.scope.kind === 'module' || found.scope.kind === 'class') return true;
  if (found.binding.kind !== 'assignment') return true;
  // `d = other` or `d = self.items` is a second name for someone else's object.
  const bound = found.binding.node;
  if (bound.type !== 'assignment') return true;
  const right = field(bound, 'right');
  return !right || right.type === 'identifier' || right.type === 'attribute' || right.type === 'subscript';
}

/**
 * Can code other than the function's own statements on `name` reach this local: a nested def or
 * lambda that uses it (`def drop(k): d.pop(k)`, called from the loop), a second name or a
 * container holding it (`alias = d`, `{"d": d}`), a bound method (`d.remove` as a value), or a
 * call that may keep it? Then a call in the loop may change it, like a parameter.
 */
function escapesLocally(at: SyntaxNode, name: string, model: SemanticModel): boolean {
  const found = model.lookup(name, at);
  if (!found || found.binding.kind !== 'assignment') return false;
  let fn: SyntaxNode | null = found.binding.node;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  return anyNode([fn], (n) => {
    if (n.type !== 'identifier' || n.text !== name || !isNameReference(n)) return false;
    for (let p = n.parent; p && p !== fn; p = p.parent) {
      if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return true;
    }
    return !isContainedUse(n, model);
  });
}

/** Builtins that read an argument without keeping it. */
const READING_BUILTINS = new Set([
  'len', 'list', 'sorted', 'set', 'frozenset', 'tuple', 'dict', 'sum', 'min', 'max', 'any', 'all', 'enumerate', 'zip',
  'iter', 'reversed', 'isinstance', 'print', 'str', 'repr', 'bool', 'hash', 'id', 'type', 'format',
]);

/** A use of a local that hands no reference to it on: a method call on it, `d[k]`, `for … in d`, `k in d`, `len(d)`, `return d`. */
function isContainedUse(n: SyntaxNode, model: SemanticModel): boolean {
  const p = n.parent;
  if (!p) return true;
  switch (p.type) {
    case 'attribute':
      return n.field === 'object' && p.parent?.type === 'call' && p.field === 'function';
    case 'subscript':
      return n.field === 'value';
    case 'for_statement':
    case 'for_in_clause':
    case 'assignment':
    case 'augmented_assignment':
      return n.field !== 'right' || p.type === 'for_statement' || p.type === 'for_in_clause';
    case 'pattern_list':
    case 'tuple_pattern':
    case 'comparison_operator':
    case 'return_statement':
    case 'expression_statement':
    case 'not_operator':
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
    case 'interpolation':
    case 'delete_statement':
      return true;
    case 'argument_list': {
      const callee = p.parent?.type === 'call' ? field(p.parent, 'function') : undefined;
      const resolved = callee?.type === 'identifier' ? model.resolveExpression(callee) : null;
      return resolved !== null && resolved.startsWith('builtins.') && READING_BUILTINS.has(resolved.slice(9));
    }
    default:
      return false;
  }
}

/** A local bound to a new container: `out = []`, `seen = set()`. Method calls on it stay local. */
function freshLocalTest(model: SemanticModel, at: SyntaxNode): (name: string) => boolean {
  return (name) => {
    const found = model.lookup(name, at);
    if (!found || found.scope.kind !== 'function' || found.binding.kind !== 'assignment') return false;
    const bound = found.binding.node;
    if (bound.type !== 'assignment') return false;
    const right = field(bound, 'right');
    if (!right) return false;
    if (['list', 'dictionary', 'set', 'tuple', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'string', 'integer', 'float'].includes(right.type)) return true;
    if (right.type !== 'call') return false;
    const callee = field(right, 'function');
    const resolved = callee ? model.resolveExpression(callee) : null;
    return resolved !== null && ['builtins.list', 'builtins.dict', 'builtins.set', 'builtins.bytearray', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter', 'collections.deque', 'io.StringIO', 'io.BytesIO'].includes(resolved);
  };
}

export default defineRule({
  code: 'PSL104',
  name: 'eager-materialization',
  family: 'bulk-transform',
  tier: 'file',
  severity: 'warning',
  fixable: 'sometimes',
  precision: 'high',
  summary: 'A list is built only to be consumed once, on the spot',
  messages: {
    listIntoReducer: '`{fn}([...])` builds a whole list only to consume it once',
    listCallIntoReducer: '`{fn}(list(...))` copies everything into a list only to consume it once',
    listCopyIterated: '`list({source})` copies everything only to iterate it once',
    listMapBound: '`{name} = list({fn}(...))` builds a list that is only iterated once',
    lenOfList: '`len([...])` builds a whole list only to count it',
  },
  fixTitle: 'Pass the iterable (or a generator expression) instead of a list',
  options: {
    reducers: {
      type: 'string[]',
      default: DEFAULT_REDUCERS,
      description: 'Single-pass consumers to check: builtin names (`sum`) or resolved dotted names (`collections.Counter`).',
    },
  },
  docs: {
    whatItDoes:
      'Checks for lists built only to be read once where they are built: a list comprehension or `list(...)` passed to a consumer such as `sum`, `any`, `all`, `min`, `max`, `set`, `frozenset`, `sorted`, `tuple` or `dict`; `len([...])`, which builds a list only to count it; `for x in list(it)` when the loop never changes what `it` reads; and `name = list(map(...))` / `list(filter(...))` when `name` is then iterated once. It stays silent for `"".join([...])` (join builds its own list anyway), for `list(file)` / `list(cursor)` (PSL105 reports those full fetches), for `list(d)` before a loop that changes `d` — directly, or, for an attribute, a parameter, a global or a local that something else can reach (a nested function using it, a second name, a container or a bound method holding it), through any call that might — and for a `list(...)` that is used more than once.',
    whyBad:
      'The whole list exists at once although every element is needed only for a moment. With large data, that is a large allocation made and freed in one go next to long-lived objects; the heap fragments and the process keeps memory it no longer uses. A generator expression, or the iterable itself, hands the consumer one element at a time.',
    example: [
      'def report(rows):',
      '    total = sum([row.amount for row in rows])',
      '    late = any([row.late for row in rows])',
      '    for key in list(index):',
      '        print(key)',
      '    return total, late',
    ].join('\n'),
    useInstead: [
      'def report(rows):',
      '    total = sum(row.amount for row in rows)',
      '    late = any(row.late for row in rows)',
      '    for key in index:',
      '        print(key)',
      '    return total, late',
    ].join('\n'),
    fixSafety:
      'Removing the brackets is safe for consumers that read every element in order (`sum`, `min`, `max`, `set`, `sorted`, …). It is unsafe for `any` and `all`: they stop at the first decisive element, so a generator computes fewer elements, which matters if computing them has side effects. Dropping `list(...)` before a loop is safe when the copied collection is a local the loop cannot change; for attributes, parameters, globals and generator calls it is unsafe, because code the loop calls might change them. `name = list(map(...))` → `map(...)` is unsafe: the map is evaluated later, when the name is iterated. `len([x for x in xs if c])` → `sum(1 for x in xs if c)` is unsafe: the element expression is no longer evaluated. Comprehensions with `await` or `async for` get no fix.',
    references: [
      'https://docs.astral.sh/ruff/rules/unnecessary-comprehension-in-call/',
      'https://docs.astral.sh/ruff/rules/unnecessary-list-cast/',
      'https://docs.python.org/3/reference/expressions.html#generator-expressions',
    ],
  },
  check(file, ctx) {
    const { model, root } = file;
    const text = file.source.text;
    const reducers = reducerNames(ctx.options.reducers);
    // Cheap filter before resolving: only callees whose last name can be a reducer or `list`.
    const lastNames = new Set([...reducers].map(shortName));
    lastNames.add('list');
    const index = iterationIndex(root);
    for (const call of index.calls) {
      const callee = field(call, 'function');
      if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
      const last = callee.type === 'identifier' ? callee.text : (field(callee, 'attribute')?.text ?? '');
      if (!lastNames.has(last)) continue;
      const resolved = model.resolveExpression(callee);
      if (resolved === null) continue;
      if (reducers.has(resolved)) {
        checkReducerCall(call, resolved);
      } else if (resolved === 'builtins.list') {
        checkListCall(call);
      }
    }

    function checkReducerCall(call: SyntaxNode, reducer: string): void {
      const args = argumentsOf(call);
      if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return;
      const first = args[0];
      if (!first || first.type === 'keyword_argument') return;
      const fn = shortName(reducer);
      const safety = SHORT_CIRCUITING.has(reducer) ? 'unsafe' : 'safe';
      if (reducer === 'builtins.len') {
        if (first.type === 'list_comprehension' && args.length === 1) checkLenOfList(call, first);
        return;
      }
      if (first.type === 'list_comprehension') {
        const edits = isAsyncComprehension(first) ? null : comprehensionEdits(call, first, reducer, text);
        ctx.report({
          span: file.source.span(first.start, first.end),
          messageId: 'listIntoReducer',
          data: { fn },
          fix: edits ? { safety, edits } : null,
        });
        return;
      }
      if (first.type === 'call') {
        const inner = listCallArgument(first, model);
        if (!inner) return;
        if (inner.type === 'list_comprehension' || inner.type === 'generator_expression' ? isAsyncComprehension(inner) : false) return;
        // `max(list(cursor))` / `sorted(list(file))`: a full fetch, reported by PSL105.
        if (isFetchableStream(inner, model)) return;
        ctx.report({
          span: file.source.span(first.start, first.end),
          messageId: 'listCallIntoReducer',
          data: { fn },
          fix: { safety, edits: unwrapListEdits(first, inner, text, isSoleArgument(first, text)) },
        });
      }
    }

    /** `len([o for o in orders if o.late])` → `sum(1 for o in orders if o.late)`. */
    function checkLenOfList(call: SyntaxNode, comprehension: SyntaxNode): void {
      const firstClause = comprehension.children.find((c) => c.type === 'for_in_clause');
      const sumName = model.resolveDotted('sum', call);
      // The element expression is no longer evaluated: unsafe if computing it has effects.
      const fix: FixInput | null = firstClause && sumName === 'builtins.sum' && !isAsyncComprehension(comprehension) && isSoleArgument(comprehension, text)
        ? {
            safety: 'unsafe',
            edits: [
              { start: call.start, end: firstClause.start, text: 'sum(1 ' },
              { start: comprehension.end - 1, end: call.end, text: ')' },
            ],
          }
        : null;
      ctx.report({
        span: file.source.span(comprehension.start, comprehension.end),
        messageId: 'lenOfList',
        data: {},
        fix,
      });
    }

    function checkListCall(call: SyntaxNode): void {
      const inner = listCallArgument(call, model);
      if (!inner) return;
      // Inside a reducer it is the reducer's finding.
      const parentCall = call.parent?.type === 'argument_list' ? call.parent.parent : null;
      const parentCallee = parentCall ? field(parentCall, 'function') : undefined;
      if (parentCallee && (parentCallee.type === 'identifier' || parentCallee.type === 'attribute')) {
        const name = model.resolveExpression(parentCallee);
        if (name !== null && reducers.has(name)) return;
      }
      const consumer = singlePassConsumer(call, model);
      if (consumer && (consumer.kind === 'for' || consumer.kind === 'comprehension' || consumer.kind === 'yield-from')) {
        checkCopyIterated(call, inner, consumer);
        return;
      }
      checkBoundMap(call, inner);
    }

    function checkCopyIterated(call: SyntaxNode, inner: SyntaxNode, consumer: Consumer): void {
      if ((inner.type === 'generator_expression' || inner.type === 'list_comprehension') && isAsyncComprehension(inner)) return;
      // `async for x in list(...)` iterates a plain list: the loop needs it.
      if (consumer.kind === 'for' && consumer.node.children.some((c) => c.type === 'async')) return;
      if (consumer.kind === 'comprehension' && consumer.node.children.some((c) => c.type === 'for_in_clause' && c.children.some((k) => k.type === 'async'))) return;
      // `list(cursor)` / `list(file)`: a full fetch, reported by PSL105.
      if (isFetchableStream(inner, model)) return;
      const { sources, opaque, live } = copiedSources(inner, model);
      if (live) return;
      const body = consumerBody(consumer);
      const isFresh = freshLocalTest(model, call);
      for (const source of sources) {
        if (mayMutate(body, source.chain, model, source.shared || source.escaped === true || opaque, isFresh)) return;
      }
      if (opaque && sources.length === 0 && callsUnknownCode(body, model, isFresh)) return;
      // A generator expression that is returned or stored reads the source later, not now.
      const shared = opaque || sources.some((s) => s.shared) || !consumesInPlace(consumer, model);
      const fix: FixInput = { safety: shared ? 'unsafe' : 'safe', edits: unwrapListEdits(call, inner, text, false) };
      const sourceText = text.slice(inner.start, inner.end);
      ctx.report({
        span: file.source.span(call.start, call.end),
        messageId: 'listCopyIterated',
        data: { source: sourceText.length > 40 ? '...' : sourceText },
        fix,
      });
    }

    function checkBoundMap(call: SyntaxNode, inner: SyntaxNode): void {
      if (inner.type !== 'call') return;
      const innerCallee = field(inner, 'function');
      const fnName = innerCallee?.type === 'identifier' ? model.resolveExpression(innerCallee) : null;
      if (fnName !== 'builtins.map' && fnName !== 'builtins.filter') return;
      const assignment = call.parent;
      if (assignment?.type !== 'assignment' || call.field !== 'right') return;
      const target = field(assignment, 'left');
      if (target?.type !== 'identifier') return;
      const found = model.lookup(target.text, target);
      if (!found || found.scope.kind !== 'function') return;
      const read = soleRead(index, target);
      if (!read) return;
      const consumer = singlePassConsumer(read, model);
      if (!consumer || (consumer.kind === 'call' && consumer.name === 'join')) return;
      const { sources } = copiedSources(inner, model);
      const body = consumerBody(consumer);
      if (sources.some((s) => mayMutate(body, s.chain, model, false))) return;
      ctx.report({
        span: file.source.span(call.start, call.end),
        messageId: 'listMapBound',
        data: { name: target.text, fn: shortName(fnName) },
        fix: { safety: 'unsafe', edits: [{ start: call.start, end: call.end, text: text.slice(inner.start, inner.end) }] },
      });
    }
  },
});
