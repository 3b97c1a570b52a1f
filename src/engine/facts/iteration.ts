// How values are iterated inside one file: a per-file index (one walk, shared by the bulk rules)
// and the questions built on it — is this expression consumed once on the spot, is a local name
// read exactly once and only to be iterated, does a loop body mutate a collection.
import { field, type SyntaxNode } from '../source/syntax.js';
import { COMPREHENSION_TYPES, dottedName, type SemanticModel } from './scope.js';

const LOOP_STATEMENTS: ReadonlySet<string> = new Set(['for_statement', 'while_statement']);

/** Target shapes an identifier can sit in on the left of `=`, `for … in` or `as`. */
const TARGET_CONTAINERS: ReadonlySet<string> = new Set([
  'pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'parenthesized_expression',
  'tuple', 'list', 'expression_list',
]);

export interface IterationIndex {
  readonly root: SyntaxNode;
  /** Every `call`, in source order. */
  readonly calls: readonly SyntaxNode[];
  /** Every `for_statement` (sync and async), in source order. */
  readonly forStatements: readonly SyntaxNode[];
  /** Every plain `assignment` (`a = …`, `a: T = …`), in source order. */
  readonly assignments: readonly SyntaxNode[];
  /** Identifier references by owner (module, def, lambda) and name, in source order. */
  readonly names: ReadonlyMap<SyntaxNode, ReadonlyMap<string, readonly SyntaxNode[]>>;
  /** Owners directly nested in each owner (defs and lambdas inside a def or the module). */
  readonly nestedOwners: ReadonlyMap<SyntaxNode, readonly SyntaxNode[]>;
}

const indexes = new WeakMap<SyntaxNode, IterationIndex>();

/** The file's index, built in one walk on first use and shared by every rule that asks. */
export function iterationIndex(root: SyntaxNode): IterationIndex {
  let index = indexes.get(root);
  if (!index) {
    index = buildIndex(root);
    indexes.set(root, index);
  }
  return index;
}

function buildIndex(root: SyntaxNode): IterationIndex {
  const calls: SyntaxNode[] = [];
  const forStatements: SyntaxNode[] = [];
  const assignments: SyntaxNode[] = [];
  // Identifiers and their owners, flat: grouping by name is done only if a rule asks.
  const ids: SyntaxNode[] = [];
  const idOwners: SyntaxNode[] = [];
  const nestedOwners = new Map<SyntaxNode, SyntaxNode[]>();
  // Explicit stacks of (node, owner): never recurse over the tree.
  const nodes: SyntaxNode[] = [root];
  const owners: SyntaxNode[] = [root];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const owner = owners.pop()!;
    const type = node.type;
    if (type === 'identifier') {
      if (isNameReference(node)) {
        ids.push(node);
        idOwners.push(owner);
      }
      continue;
    }
    if (type === 'call') calls.push(node);
    else if (type === 'for_statement') forStatements.push(node);
    else if (type === 'assignment') assignments.push(node);
    let inner = owner;
    if ((type === 'function_definition' || type === 'lambda') && node !== root) {
      inner = node;
      const siblings = nestedOwners.get(owner);
      if (siblings) siblings.push(node);
      else nestedOwners.set(owner, [node]);
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      nodes.push(child);
      // A def's name, decorators, return annotation and defaults run in the outer owner.
      owners.push(inner !== owner && !runsInOwnScope(child, node) ? owner : inner);
    }
  }
  // The walk pops children in source order: every list is already sorted.
  return new FileIterationIndex(root, calls, forStatements, assignments, nestedOwners, ids, idOwners);
}

/**
 * A class, so that the lazy `names` getter is one function for the whole run: a getter made per
 * file was re-optimized after every garbage collection (V8 drops the optimized code of closures
 * once none of them is alive).
 */
class FileIterationIndex implements IterationIndex {
  readonly root: SyntaxNode;
  readonly calls: readonly SyntaxNode[];
  readonly forStatements: readonly SyntaxNode[];
  readonly assignments: readonly SyntaxNode[];
  readonly nestedOwners: ReadonlyMap<SyntaxNode, readonly SyntaxNode[]>;
  /** Identifiers and their owners, flat: grouping by name is done only if a rule asks. */
  private readonly ids: readonly SyntaxNode[];
  private readonly idOwners: readonly SyntaxNode[];
  private namesByOwner: Map<SyntaxNode, Map<string, SyntaxNode[]>> | undefined;

  constructor(
    root: SyntaxNode, calls: readonly SyntaxNode[], forStatements: readonly SyntaxNode[], assignments: readonly SyntaxNode[],
    nestedOwners: ReadonlyMap<SyntaxNode, readonly SyntaxNode[]>, ids: readonly SyntaxNode[], idOwners: readonly SyntaxNode[],
  ) {
    this.root = root;
    this.calls = calls;
    this.forStatements = forStatements;
    this.assignments = assignments;
    this.nestedOwners = nestedOwners;
    this.ids = ids;
    this.idOwners = idOwners;
  }

  get names(): ReadonlyMap<SyntaxNode, ReadonlyMap<string, readonly SyntaxNode[]>> {
    if (!this.namesByOwner) {
      const names = new Map<SyntaxNode, Map<string, SyntaxNode[]>>([[this.root, new Map()]]);
      for (let i = 0; i < this.ids.length; i++) {
        const id = this.ids[i]!;
        const owner = this.idOwners[i]!;
        let byName = names.get(owner);
        if (!byName) names.set(owner, (byName = new Map()));
        const list = byName.get(id.text);
        if (list) list.push(id);
        else byName.set(id.text, [id]);
      }
      this.namesByOwner = names;
    }
    return this.namesByOwner;
  }
}

/** For a def or lambda `owner`, does its direct child run in the owner's own namespace? */
function runsInOwnScope(child: SyntaxNode, _owner: SyntaxNode): boolean {
  return child.field === 'body' || child.field === 'parameters';
}

/** Identifiers that name a variable (not `obj.attr`'s attr, not `f(kw=…)`'s kw). */
export function isNameReference(id: SyntaxNode): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return id.field !== 'attribute';
  if (parent.type === 'keyword_argument') return id.field !== 'name';
  return true;
}

/** The module, def or lambda whose namespace `node` reads and writes. */
export function ownerOf(node: SyntaxNode): SyntaxNode {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'module') return p;
    if ((p.type === 'function_definition' || p.type === 'lambda') && runsInOwnScope(child, p)) return p;
  }
  return child;
}

/** Every reference to `name` in `owner` and in the defs and lambdas nested in it, in source order. */
export function nameOccurrences(index: IterationIndex, owner: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const pending = [owner];
  let nested = false;
  while (pending.length > 0) {
    const o = pending.pop()!;
    const list = index.names.get(o)?.get(name);
    if (list) out.push(...list);
    const children = index.nestedOwners.get(o);
    if (children) {
      nested = true;
      pending.push(...children);
    }
  }
  if (nested) out.sort((a, b) => a.start - b.start);
  return out;
}

export type ReferenceKind = 'store' | 'augmented' | 'delete' | 'load' | 'declaration';

/** Whether an identifier reference binds, rebinds in place, deletes or reads its name. */
export function referenceKind(id: SyntaxNode): ReferenceKind {
  let node = id;
  let parent = id.parent;
  while (parent && TARGET_CONTAINERS.has(parent.type)) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return 'load';
  switch (parent.type) {
    case 'assignment':
      return node.field === 'left' ? 'store' : 'load';
    case 'augmented_assignment':
      return node.field === 'left' ? 'augmented' : 'load';
    case 'for_statement':
    case 'for_in_clause':
      return node.field === 'left' ? 'store' : 'load';
    case 'as_pattern_target':
      return 'store';
    case 'named_expression':
      return node.field === 'name' ? 'store' : 'load';
    case 'delete_statement':
      return 'delete';
    case 'global_statement':
    case 'nonlocal_statement':
      return 'declaration';
    case 'function_definition':
    case 'class_definition':
      return node.field === 'name' ? 'store' : 'load';
    case 'parameters':
    case 'lambda_parameters':
    case 'typed_parameter':
    case 'default_parameter':
    case 'typed_default_parameter':
    case 'dictionary_splat_pattern':
      return node.field === 'value' || node.field === 'type' ? 'load' : 'store';
    case 'aliased_import':
    case 'dotted_name':
    case 'import_statement':
    case 'import_from_statement':
    case 'case_pattern':
    case 'splat_pattern':
    case 'keyword_pattern':
      return 'store';
    default:
      return 'load';
  }
}

/** Builtins that consume an iterable once, completely or until they short-circuit. */
const TERMINAL_CONSUMERS: ReadonlySet<string> = new Set([
  'builtins.sum', 'builtins.any', 'builtins.all', 'builtins.min', 'builtins.max', 'builtins.set',
  'builtins.frozenset', 'builtins.tuple', 'builtins.sorted', 'builtins.dict', 'builtins.bytes',
  'builtins.bytearray', 'collections.Counter', 'math.fsum', 'math.prod', 'shlex.join',
]);

/**
 * Lazy wrappers: an iterable argument is read once, item by item, if the wrapper's result is.
 * Value: which positional arguments are iterated. Shared by every single-pass question (here and
 * in `usage.ts`).
 */
export const LAZY_WRAPPERS: ReadonlyMap<string, 'all' | 'first' | 'rest' | 'second'> = new Map([
  ['builtins.enumerate', 'first'], ['builtins.zip', 'all'], ['builtins.map', 'rest'],
  ['builtins.filter', 'second'], ['builtins.iter', 'first'], ['itertools.islice', 'first'],
  ['itertools.chain', 'all'], ['itertools.chain.from_iterable', 'first'], ['itertools.starmap', 'second'],
  ['itertools.zip_longest', 'all'], ['itertools.filterfalse', 'second'], ['itertools.takewhile', 'second'],
  ['itertools.dropwhile', 'second'], ['itertools.compress', 'all'], ['itertools.accumulate', 'first'],
  ['itertools.pairwise', 'first'], ['itertools.batched', 'first'], ['itertools.groupby', 'first'],
  ['csv.reader', 'first'], ['csv.DictReader', 'first'],
]);

/** Whether a lazy wrapper iterates its positional argument at `position`. */
export function wrapsPosition(kind: 'all' | 'first' | 'rest' | 'second', position: number): boolean {
  return kind === 'all' || (kind === 'first' ? position === 0 : kind === 'second' ? position === 1 : position >= 1);
}

/** Methods that read an iterable argument once: `out.extend(rows)`, `w.writerows(rows)`. */
const CONSUMING_METHODS: ReadonlySet<string> = new Set(['extend', 'update', 'writelines', 'writerows']);

/** `os.path.join(x)` joins path parts, not an iterable of strings. */
const PATH_JOINS: ReadonlySet<string> = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);

export type Consumer =
  | { readonly kind: 'for'; readonly node: SyntaxNode }
  | { readonly kind: 'comprehension'; readonly node: SyntaxNode }
  | { readonly kind: 'call'; readonly node: SyntaxNode; readonly name: string }
  | { readonly kind: 'yield-from'; readonly node: SyntaxNode };

/**
 * If the value of `expr` is iterated exactly once, right where it stands, the construct that
 * iterates it: a `for` loop, the first `for` of a comprehension, a consuming call (`sum`,
 * `"".join`, `out.extend`), `yield from` — looking through lazy wrappers like `enumerate(…)`.
 */
export function singlePassConsumer(expr: SyntaxNode, model: SemanticModel): Consumer | null {
  let node = expr;
  for (let depth = 0; depth < 8; depth++) {
    const parent = node.parent;
    if (!parent) return null;
    if (parent.type === 'parenthesized_expression') {
      node = parent;
      continue;
    }
    if (parent.type === 'for_statement') return node.field === 'right' ? { kind: 'for', node: parent } : null;
    if (parent.type === 'for_in_clause') {
      if (node.field !== 'right') return null;
      const comprehension = parent.parent;
      // Only the first iterable is evaluated once; later ones run once per outer element.
      if (!comprehension || !COMPREHENSION_TYPES.has(comprehension.type)) return null;
      const first = comprehension.children.find((c) => c.type === 'for_in_clause');
      return first === parent ? { kind: 'comprehension', node: comprehension } : null;
    }
    if (parent.type === 'yield') {
      return parent.children.some((c) => c.type === 'from') ? { kind: 'yield-from', node: parent } : null;
    }
    // `sum(x for x in xs)`: a sole generator argument is the call's argument list itself.
    const soleGenerator = parent.type === 'call' && node.field === 'arguments' && node.type === 'generator_expression';
    if (parent.type !== 'argument_list' && !soleGenerator) return null;
    const call = soleGenerator ? parent : parent.parent;
    if (!call || call.type !== 'call') return null;
    const args = soleGenerator ? [node] : parent.children.filter((c) => c.isNamed && c.type !== 'comment');
    if (args.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat')) return null;
    const positionals = args.filter((c) => c.type !== 'keyword_argument');
    const position = positionals.indexOf(node);
    if (position < 0) return null;
    const callee = field(call, 'function');
    if (!callee) return null;
    const name = callee.type === 'identifier' || callee.type === 'attribute' ? model.resolveExpression(callee) : null;
    if (name !== null && TERMINAL_CONSUMERS.has(name)) {
      if (position !== 0) return null;
      return { kind: 'call', node: call, name: name.slice(name.lastIndexOf('.') + 1) };
    }
    const lazy = name === null ? undefined : LAZY_WRAPPERS.get(name);
    if (lazy) {
      if (!wrapsPosition(lazy, position)) return null;
      node = call;
      continue;
    }
    if (callee.type === 'attribute') {
      const method = field(callee, 'attribute')?.text ?? '';
      const calleeChain = chainText(callee);
      const isPathJoin = (name !== null && PATH_JOINS.has(name)) || (calleeChain !== null && calleeChain.endsWith('path.join'));
      if (method === 'join' && positionals.length === 1 && position === 0 && !isPathJoin) {
        return { kind: 'call', node: call, name: 'join' };
      }
      if (CONSUMING_METHODS.has(method) && positionals.length === 1 && position === 0) {
        return { kind: 'call', node: call, name: method };
      }
    }
    return null;
  }
  return null;
}

/**
 * Does the consumer finish with the value before the next statement runs? Loops and calls do;
 * a generator expression only does when it is itself consumed on the spot — one that is
 * returned, stored or passed on iterates later, when the file or cursor may be closed.
 */
export function consumesInPlace(consumer: Consumer, model: SemanticModel): boolean {
  // A loop up through the enclosing generators: they nest as deep as the code does.
  for (let c: Consumer | null = consumer; c !== null; c = singlePassConsumer(c.node, model)) {
    if (c.kind !== 'comprehension' || c.node.type !== 'generator_expression') return true;
  }
  return false;
}

/** The part of a consumer that runs once per element (a loop body, a comprehension), if any. */
export function consumerBody(consumer: Consumer): SyntaxNode[] {
  if (consumer.kind === 'for') {
    return consumer.node.children.filter((c) => c.field === 'body' || c.field === 'alternative');
  }
  if (consumer.kind === 'comprehension') {
    // Everything but the first iterable, which is the consumed value itself.
    const first = consumer.node.children.find((c) => c.type === 'for_in_clause');
    return consumer.node.children.flatMap((c) => (c !== first ? [c] : c.children.filter((k) => k.field !== 'right')));
  }
  return [];
}

/** Is `node` inside a loop (statement or comprehension) that does not also contain `anchor`? */
export function isInLoopNotContaining(node: SyntaxNode, anchor: SyntaxNode, owner: SyntaxNode): boolean {
  let child = node;
  for (let p = node.parent; p && p !== owner; child = p, p = p.parent) {
    const contains = anchor.start >= p.start && anchor.end <= p.end;
    if (contains) return false;
    if (LOOP_STATEMENTS.has(p.type)) {
      // The iterable of a `for` runs once; its body and condition repeat.
      if (!(p.type === 'for_statement' && child.field === 'right')) return true;
    }
    if (COMPREHENSION_TYPES.has(p.type)) {
      const first = p.children.find((c) => c.type === 'for_in_clause');
      if (!(child === first && first && node.start >= (field(first, 'right')?.start ?? Infinity))) return true;
    }
  }
  return false;
}

/**
 * The one place a value bound to `target` (an identifier store) is read, when that read is its
 * only one: later reads up to the next unconditional rebinding (whose own right side still
 * counts), including reads from nested defs. Null when the name is read twice or never, read
 * from a closure or inside a loop the binding is outside of, read earlier in a loop around the
 * binding (the next turn), or declared global/nonlocal.
 */
export function soleRead(index: IterationIndex, target: SyntaxNode): SyntaxNode | null {
  const owner = ownerOf(target);
  const occurrences = nameOccurrences(index, owner, target.text);
  const at = occurrences.indexOf(target);
  if (at < 0) return null;
  if (occurrences.some((o) => referenceKind(o) === 'declaration')) return null;
  const statement = enclosingStatement(target);
  // `rows = [f(r) for r in rows]`: the right side runs before the store and reads the old value.
  const ownRight = assignmentRightOf(target);
  const reads: SyntaxNode[] = [];
  let stopAfter = Infinity;
  for (let i = at + 1; i < occurrences.length; i++) {
    const o = occurrences[i]!;
    if (o.start >= stopAfter) break;
    if (ownRight && o.start >= ownRight.start && o.end <= ownRight.end) continue;
    const kind = referenceKind(o);
    if (kind === 'store' || kind === 'delete') {
      const rebinding = unconditionalRebinding(o, statement);
      // Its own right side still reads this value; nothing after it can.
      if (rebinding) stopAfter = rebinding.end;
      continue;
    }
    reads.push(o);
  }
  // A read earlier in a loop around the binding sees this value on the next turn: too subtle.
  for (let i = 0; i < at; i++) {
    const o = occurrences[i]!;
    if (referenceKind(o) !== 'declaration' && referenceKind(o) !== 'store' && sharesLoopWith(o, target, owner)) return null;
  }
  if (reads.length !== 1) return null;
  const read = reads[0]!;
  if (referenceKind(read) !== 'load' || ownerOf(read) !== owner) return null;
  if (isInLoopNotContaining(read, target, owner)) return null;
  return read;
}

/** For an identifier on the left of `=`, that assignment's right side. */
function assignmentRightOf(target: SyntaxNode): SyntaxNode | undefined {
  let node = target;
  let parent = target.parent;
  while (parent && TARGET_CONTAINERS.has(parent.type)) {
    node = parent;
    parent = parent.parent;
  }
  return parent?.type === 'assignment' && node.field === 'left' ? field(parent, 'right') : undefined;
}

/** The simple statement (or compound statement header) holding `node`. */
export function enclosingStatement(node: SyntaxNode): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (p.parent && (p.parent.type === 'block' || p.parent.type === 'module')) return p;
  }
  return undefined;
}

/**
 * When `store` is a plain `x = …` statement in the same block as `statement` and after it — so
 * no later code can see the old value — that statement; otherwise undefined.
 */
function unconditionalRebinding(store: SyntaxNode, statement: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!statement) return undefined;
  const other = enclosingStatement(store);
  if (!other || other.parent !== statement.parent || other.start < statement.end) return undefined;
  if (other.type !== 'expression_statement' || other.children[0]?.type !== 'assignment') return undefined;
  return other;
}

function sharesLoopWith(read: SyntaxNode, target: SyntaxNode, owner: SyntaxNode): boolean {
  for (let p = target.parent; p && p !== owner; p = p.parent) {
    if ((LOOP_STATEMENTS.has(p.type)) && read.start >= p.start && read.end <= p.end) return true;
  }
  return false;
}

/** `a`, `self.rows`, `a.b.c`: the dotted text of a name or attribute chain, else null. */
export function chainText(node: SyntaxNode): string | null {
  return node.type === 'identifier' || node.type === 'attribute' ? dottedName(node) : null;
}

/** The identifier at the base of an attribute / call / subscript chain (`self` in `self.a.b()`). */
export function chainBase(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | undefined = node;
  while (n) {
    if (n.type === 'identifier') return n;
    if (n.type === 'attribute') n = field(n, 'object');
    else if (n.type === 'call') n = field(n, 'function');
    else if (n.type === 'subscript') n = field(n, 'value');
    else if (n.type === 'parenthesized_expression') n = n.children.find((c) => c.isNamed);
    else return null;
  }
  return null;
}

/** Does any node under `regions` satisfy `test`? Explicit stack; `test` may prune with 'skip'. */
export function anyNode(regions: readonly SyntaxNode[], test: (n: SyntaxNode) => boolean | 'skip'): boolean {
  const stack = [...regions];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const verdict = test(n);
    if (verdict === true) return true;
    if (verdict === 'skip') continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return false;
}

/** Does anything under `regions` mention `chain` (`cur`, `self.cursor`) as a name or a chain prefix? */
export function mentionsChain(regions: readonly SyntaxNode[], chain: string): boolean {
  const dot = chain.indexOf('.');
  const head = dot < 0 ? chain : chain.slice(0, dot);
  return anyNode(regions, (n) => {
    if (n.type === 'identifier') {
      if (n.text !== head || !isNameReference(n)) return false;
      if (dot < 0) return true;
      // Climb the attribute chain the identifier starts and compare its dotted text.
      for (let top = n; top.parent?.type === 'attribute' && top.field === 'object'; ) {
        top = top.parent;
        if (dottedName(top) === chain) return true;
      }
      return false;
    }
    return false;
  });
}

/** Methods that only read a list, dict or set. */
const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'get', 'keys', 'values', 'items', 'copy', 'count', 'index', 'issubset', 'issuperset', 'isdisjoint',
  'union', 'intersection', 'difference', 'symmetric_difference', '__contains__', '__getitem__', '__len__',
  'startswith', 'endswith', 'format', 'strip', 'lower', 'upper', 'split',
]);

/**
 * Might running `regions` change the collection named by `chain` (a local `d`, or `self.items`)?
 * Direct: a non-read-only method on it, `chain[k] = …`, `del chain[k]`, `chain += …`, passing it to
 * a call. When `shared` (an attribute, a parameter, a global: other code can reach the object),
 * any call that is not a known-pure builtin or a method on an unrelated local also counts.
 */
export function mayMutate(regions: readonly SyntaxNode[], chain: string, model: SemanticModel, shared: boolean, isFreshLocal: (name: string) => boolean = () => false): boolean {
  /** Does an access rooted at `node` (`d`, `d[k]`, `self._dict[i]`, `adj[u][n]`) reach the collection? */
  const reaches = (node: SyntaxNode | undefined): boolean => {
    const root = node ? rootChain(node) : null;
    return root !== null && chain !== '' && (root === chain || root.startsWith(`${chain}.`) || chain.startsWith(`${root}.`));
  };
  return anyNode(regions, (n) => {
    switch (n.type) {
      case 'call': {
        const callee = field(n, 'function');
        if (!callee) return true;
        if (callee.type === 'attribute') {
          const object = field(callee, 'object');
          const method = field(callee, 'attribute')?.text ?? '';
          const objectText = object ? chainText(object) : null;
          if (reaches(object) && !READ_ONLY_METHODS.has(method)) return true;
          if (shared && !isHarmlessMethodCall(callee, object, objectText, chain, isFreshLocal) && !isSideEffectFreeLibraryCall(callee, model)) return true;
        } else if (callee.type === 'identifier') {
          if (shared && !isPureBuiltin(model.resolveExpression(callee)) && !isSideEffectFreeLibraryCall(callee, model)) return true;
        } else if (shared) {
          return true;
        }
        // Passing the collection itself to anything may change it.
        const args = field(n, 'arguments');
        if (args && args.children.some((a) => {
          const value = a.type === 'keyword_argument' ? field(a, 'value') : a.type === 'list_splat' ? undefined : a;
          return value !== undefined && chainText(value) === chain;
        })) {
          if (!(callee.type === 'identifier' && isPureBuiltin(model.resolveExpression(callee)))) return true;
        }
        return false;
      }
      case 'subscript': {
        // A store or del through `chain[...]` (or `chain[a][b]`, `chain.part[k]`).
        if (targetRole(n) === 'load') return false;
        if (reaches(n)) return true;
        // Shared: a store into another non-local collection may be the same object under another name.
        const root = rootChain(n);
        return shared && root !== null && !(!root.includes('.') && isFreshLocal(root));
      }
      case 'augmented_assignment': {
        const left = field(n, 'left');
        return !!left && (chainText(left) === chain || (left.type === 'subscript' && reaches(left)));
      }
      case 'assignment': {
        // `alias = chain` makes a second name for it: give up.
        const right = field(n, 'right');
        if (right && chainText(right) === chain) return true;
        return false;
      }
      case 'delete_statement':
        return n.children.some((c) => c.isNamed && chainText(c) === chain);
      case 'yield':
      case 'await':
        // Suspended, the loop lets any other code run.
        return shared;
      default:
        return false;
    }
  });
}

/** The name or attribute chain an access starts from: `adj` for `adj[u][n]`, `self._dict` for `self._dict[i]`. */
export function rootChain(node: SyntaxNode): string | null {
  let n: SyntaxNode | undefined = node;
  for (let i = 0; n && i < 20; i++) {
    const text = chainText(n);
    if (text !== null) return text;
    if (n.type === 'subscript') n = field(n, 'value');
    else if (n.type === 'attribute') n = field(n, 'object');
    else if (n.type === 'parenthesized_expression') n = n.children.find((c) => c.isNamed);
    else return null;
  }
  return null;
}

/** Could running `regions` call code we cannot see (anything but pure builtins and methods on fresh locals)? */
export function callsUnknownCode(regions: readonly SyntaxNode[], model: SemanticModel, isFreshLocal: (name: string) => boolean = () => false): boolean {
  return mayMutate(regions, '', model, true, isFreshLocal);
}

/** Is a subscript node the target of a store or `del`, or just read? */
function targetRole(node: SyntaxNode): 'store' | 'delete' | 'load' {
  let n = node;
  let parent = node.parent;
  while (parent && TARGET_CONTAINERS.has(parent.type)) {
    n = parent;
    parent = parent.parent;
  }
  if (!parent) return 'load';
  if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && n.field === 'left') return 'store';
  if ((parent.type === 'for_statement' || parent.type === 'for_in_clause') && n.field === 'left') return 'store';
  if (parent.type === 'delete_statement') return 'delete';
  return 'load';
}

const PURE_BUILTINS: ReadonlySet<string> = new Set([
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'bytes', 'callable', 'chr', 'complex', 'dict', 'divmod',
  'enumerate', 'filter', 'float', 'format', 'frozenset', 'getattr', 'hasattr', 'hash', 'hex', 'id', 'int',
  'isinstance', 'issubclass', 'iter', 'len', 'list', 'map', 'max', 'min', 'next', 'oct', 'ord', 'pow', 'print',
  'range', 'repr', 'reversed', 'round', 'set', 'slice', 'sorted', 'str', 'sum', 'tuple', 'type', 'zip',
]);

/** Standard modules whose functions touch only their arguments (`time.time()`, `json.dumps(x)`). */
const ARGUMENT_ONLY_MODULES: ReadonlySet<string> = new Set([
  'time', 'math', 'cmath', 'json', 're', 'datetime', 'decimal', 'fractions', 'statistics', 'string', 'textwrap',
  'unicodedata', 'operator', 'itertools', 'functools', 'random', 'hashlib', 'hmac', 'base64', 'binascii',
  'struct', 'uuid', 'os.path', 'posixpath', 'ntpath', 'logging', 'copy', 'html', 'urllib.parse', 'shlex',
  'fnmatch', 'bisect', 'typing', 'dataclasses', 'enum', 'zlib', 'pprint', 'reprlib', 'keyword', 'ipaddress',
]);

/** `time.time()`, `os.path.join(a, b)`, `json.dumps(row)`: a call into a module that keeps no state we iterate. */
function isSideEffectFreeLibraryCall(callee: SyntaxNode, model: SemanticModel): boolean {
  const resolved = model.resolveExpression(callee);
  if (resolved === null) return false;
  const dot = resolved.lastIndexOf('.');
  return dot > 0 && ARGUMENT_ONLY_MODULES.has(resolved.slice(0, dot));
}

function isPureBuiltin(name: string | null): boolean {
  return name !== null && name.startsWith('builtins.') && PURE_BUILTINS.has(name.slice(9));
}

/** A method call that cannot reach a shared collection: on a string, or on an unrelated fresh local. */
function isHarmlessMethodCall(callee: SyntaxNode, object: SyntaxNode | undefined, objectText: string | null, chain: string, isFreshLocal: (name: string) => boolean): boolean {
  if (!object) return false;
  if (object.type === 'string' || object.type === 'concatenated_string') return true;
  const method = field(callee, 'attribute')?.text ?? '';
  if (objectText === chain || (objectText !== null && chain.startsWith(`${objectText}.`))) return READ_ONLY_METHODS.has(method);
  return objectText !== null && !objectText.includes('.') && isFreshLocal(objectText);
}
