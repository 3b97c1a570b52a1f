// Tier 1 facts for the bulk-transform rules: per function, what it builds and returns and how it
// reads each parameter; per call that may reach a project function, how its result is used and
// where it flows. One usage-index walk per file; everything else reads that index.
import { field, stripParentheses, walk, type SyntaxNode } from '../source/syntax.js';
import { convertToGenerator, isPlainLocal, mayChangeAmbientState, mutatedOuterName, rootName, writtenObject, type AccumulatorOp, type ProducerShape } from '../fix/generator.js';
import { annotatedClass } from './annotations.js';
import { dottedName, parameterName, type SemanticModel } from './scope.js';
import { ANY_GLOBAL } from './bulk-types.js';
import type {
  BulkCallFact, BulkFacts, BulkFlowFact, BulkFunctionFact, BulkParamFact, CallKey, CollectionKind, ProducerFact, UseFact,
} from './bulk-types.js';
import {
  buildUsageIndex, bodyOfNode, lowerBound, seesBinding, statementOf, usageOfExpression, usageOfParameter,
  type BodyIndex, type Use, type UsageIndex,
} from './usage.js';

export function collectBulkFacts(model: SemanticModel): BulkFacts {
  return new BulkCollector(model).collect();
}

export function callKey(node: SyntaxNode): CallKey {
  return `${node.start}:${node.end}`;
}

/** What a call's callee may be in the project, as far as this file can tell. */
interface Callee {
  /** Resolved name, or `self.x` kept as written. */
  readonly qualifiedName: string | null;
  /** From the receiver's class: `store = CrmStore(); store.load()` → `mod.CrmStore.load`. */
  readonly inferred: string | null;
}

/** Displays that hold what they list: `[rows]`, `(rows, meta)`, `{rows}`, `{"rows": rows}` (through `pair`). */
const HOLDER_DISPLAYS: ReadonlySet<string> = new Set(['list', 'tuple', 'set', 'dictionary', 'parenthesized_expression', 'expression_list']);

/** Calls that print, log or write: their order would change if they ran while the caller iterates. */
const IO_CALLS: ReadonlySet<string> = new Set([
  'builtins.print', 'builtins.input', 'builtins.exec', 'builtins.breakpoint', 'warnings.warn', 'time.sleep',
  'sys.exit', 'os.remove', 'os.unlink', 'os.rename', 'os.replace', 'os.makedirs', 'os.mkdir', 'os.rmdir',
  'os.removedirs', 'os.system', 'os.write', 'os.chmod', 'os.chown', 'os.symlink', 'os.link', 'os.truncate',
  'os.kill', 'os.putenv', 'os.unsetenv', 'os.chdir', 'sys.stdout.write', 'sys.stderr.write', 'pprint.pprint',
  'pprint.pp', 'sys.stdout.writelines', 'sys.stderr.writelines', 'sys.stdout.flush', 'sys.stderr.flush',
  'traceback.print_exc', 'traceback.print_exception', 'traceback.print_stack', 'traceback.print_tb',
]);
const IO_PREFIXES = ['logging.', 'shutil.', 'subprocess.', 'socket.', 'random.', 'requests.', 'urllib.request.'];
/**
 * Constructors under those prefixes that make an object with state of its own: a local
 * `random.Random(seed)` draws nothing from the module's shared generator.
 */
const PRIVATE_STATE_CONSTRUCTORS: ReadonlySet<string> = new Set(['random.Random', 'random.SystemRandom']);
const WRITE_METHODS: ReadonlySet<string> = new Set([
  'write', 'writelines', 'writerow', 'writerows', 'flush', 'send', 'sendall', 'sendto', 'commit', 'rollback',
  'put', 'put_nowait', 'emit', 'publish',
]);
const LOG_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log']);
/** Logger methods distinctive enough to mean logging on any shared receiver (not `log`/`warn`). */
const LOGGER_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'error', 'exception', 'critical']);
const MUTATORS: ReadonlySet<string> = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'add', 'discard', 'setdefault', 'sort',
  'reverse', 'popitem', 'appendleft', 'extendleft', 'popleft', 'rotate',
]);

/**
 * Library functions that change the list they get as first argument: `heapq.heappop(queue)`,
 * `bisect.insort(ranks, x)`, `random.shuffle(deck)`. Written as calls rather than methods, they
 * still mutate the caller's object.
 */
const ARGUMENT_MUTATORS: ReadonlySet<string> = new Set([
  'heapq.heappush', 'heapq.heappop', 'heapq.heapify', 'heapq.heappushpop', 'heapq.heapreplace',
  'bisect.insort', 'bisect.insort_left', 'bisect.insort_right', 'random.shuffle',
]);

/** The name a chain of attributes and subscripts starts from: `STATE` in `STATE["jobs"].queue`. */
function rootIdentifier(node: SyntaxNode | undefined): SyntaxNode | null {
  let n = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = field(n, n.type === 'attribute' ? 'object' : 'value');
  return n?.type === 'identifier' ? n : null;
}

/** Identifiers rebound by `x = …` / `x += …` in a function (not in nested functions, classes or lambdas). */
function rebindings(fn: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(fn, (node) => {
    if (node !== fn && (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')) return false;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      if (left?.type === 'identifier') out.push(left);
    }
    return true;
  });
  return out;
}

/** A `yield` of this body inside `node` (not in nested functions, lambdas or classes). */
function yieldsIn(node: SyntaxNode | undefined): boolean {
  let found = false;
  if (node) {
    walk(node, (n) => {
      if (found || n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
      if (n.type === 'yield') found = true;
      return !found;
    });
  }
  return found;
}

/** Methods that end or reset what a lazy producer would still read. */
const CLOSERS: ReadonlySet<string> = new Set([
  'close', 'commit', 'rollback', 'reset', 'truncate', 'seek', 'shutdown', 'release', 'stop', 'terminate', 'cancel',
]);

/**
 * Methods that run SQL on a connection or cursor: a lazy producer reading a query on the same
 * connection would see the changes (an UPDATE inside the reading loop can even make an indexed
 * scan revisit the rows it moved, and never end).
 */
const STATEMENT_RUNNERS: ReadonlySet<string> = new Set(['execute', 'executemany', 'executescript']);

/** Constructors of collections a module can keep and change (see `globalReads`). */
const MUTABLE_CONTAINERS: ReadonlySet<string> = new Set([
  'builtins.list', 'builtins.dict', 'builtins.set', 'collections.deque', 'collections.defaultdict',
  'collections.OrderedDict', 'collections.Counter',
]);

/** Methods through which a producer reads a module-level connection or mapping (see `globalReads`). */
const READING_METHODS: ReadonlySet<string> = new Set([
  'execute', 'executemany', 'cursor', 'fetchall', 'fetchmany', 'fetchone', 'items', 'values', 'keys', 'get',
]);

interface SiteHazards {
  readonly hazards: readonly string[];
  readonly touchingCalls: readonly CallKey[];
  readonly rangeGlobalWrites: readonly string[];
  readonly rangeCalls: readonly CallKey[];
  readonly inputGlobals: readonly string[];
  readonly readsPerItem: boolean;
}
const NO_SITE_HAZARDS: SiteHazards = { hazards: [], touchingCalls: [], rangeGlobalWrites: [], rangeCalls: [], inputGlobals: [], readsPerItem: false };

/**
 * Exceptions a handler may catch from code that only computes (a bad `int(...)`, a missing key):
 * not `KeyboardInterrupt`, `SystemExit` nor the `OSError` family, which wrap a whole program or
 * its I/O rather than one batch of data.
 */
const NOT_DATA_ERRORS = /^(KeyboardInterrupt|SystemExit|GeneratorExit|OSError|IOError|EnvironmentError|FileNotFoundError|PermissionError|BrokenPipeError|ConnectionError|TimeoutError|ImportError|ModuleNotFoundError)$/;

/**
 * Draws from a `random.Random` (or numpy `Generator`): each advances its state, so a lazy producer
 * drawing from the same generator would get different numbers once the caller draws in between.
 * (`random.*` module functions are in `IO_PREFIXES`.)
 */
const RANDOM_DRAWS: ReadonlySet<string> = new Set([
  'random', 'randint', 'randrange', 'choice', 'choices', 'shuffle', 'sample', 'uniform', 'gauss', 'normalvariate',
  'lognormvariate', 'expovariate', 'betavariate', 'gammavariate', 'triangular', 'vonmisesvariate', 'paretovariate',
  'weibullvariate', 'binomialvariate', 'getrandbits', 'randbytes', 'seed', 'setstate', 'integers', 'normal', 'permutation',
]);

/** Calls that return an iterator that can be read only once (files, readers, lazy builtins). */
const ONE_SHOT_ITERATORS: ReadonlySet<string> = new Set([
  'builtins.iter', 'builtins.open', 'io.open', 'gzip.open', 'bz2.open', 'lzma.open', 'codecs.open', 'tokenize.open',
  'csv.reader', 'csv.DictReader', 'builtins.map', 'builtins.filter', 'builtins.zip', 'builtins.enumerate',
  'builtins.reversed', 'os.scandir', 'io.StringIO', 'io.BytesIO', 'io.TextIOWrapper', 'fileinput.input',
  'urllib.request.urlopen', 'os.popen', 'tarfile.TarFile.extractfile',
]);

/** Annotations of a parameter that may hold a one-shot iterator (a stream, a generator). */
const ITERATOR_ANNOTATION = /\b(Iterator|Iterable|Generator|IO|TextIO|BinaryIO|TextIOWrapper|TextIOBase|IOBase|BufferedReader|StringIO|BytesIO)\b/;

/** Builtins that read an iterable through (an iterator handed to them is used up). */
const CONSUMING_BUILTINS: ReadonlySet<string> = new Set([
  'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.frozenset', 'builtins.sorted', 'builtins.dict',
  'builtins.sum', 'builtins.min', 'builtins.max', 'builtins.any', 'builtins.all', 'builtins.next',
]);

/** Builtins that copy an iterable into a new collection (or wrap it) without transforming items. */
const COPYING_BUILTINS: ReadonlySet<string> = new Set([
  'builtins.list', 'builtins.tuple', 'builtins.sorted', 'builtins.set', 'builtins.frozenset', 'builtins.iter', 'builtins.reversed',
]);

/** Empty-collection constructors an accumulator starts from. */
const EMPTY_CALLS: ReadonlyMap<string, CollectionKind> = new Map([
  ['builtins.list', 'list'], ['builtins.set', 'set'], ['builtins.dict', 'dict'],
  ['collections.OrderedDict', 'dict'], ['collections.defaultdict', 'dict'],
]);
const MATERIALIZERS: ReadonlyMap<string, CollectionKind> = new Map([
  ['builtins.list', 'list'], ['builtins.set', 'set'], ['builtins.frozenset', 'set'], ['builtins.sorted', 'list'],
  ['builtins.dict', 'dict'], ['builtins.tuple', 'tuple'],
]);
const COMPREHENSION_KIND: Readonly<Record<string, CollectionKind>> = {
  list_comprehension: 'list', set_comprehension: 'set', dictionary_comprehension: 'dict',
};

class BulkCollector {
  private readonly index: UsageIndex;
  private readonly callees = new Map<SyntaxNode, Callee | null>();
  private readonly calleeNames = new Map<SyntaxNode, string | null>();
  private readonly receiverClasses = new Map<string, string | null>();
  private readonly attributeClasses = new Map<BodyIndex, Map<string, string | null>>();
  /** Names some body of this module declares `global` or `nonlocal` (computed on first use). */
  private reboundNames: Set<string> | null = null;

  constructor(private readonly model: SemanticModel) {
    this.index = buildUsageIndex(model);
  }

  collect(): BulkFacts {
    const functions: BulkFunctionFact[] = [];
    const calls: BulkCallFact[] = [];
    const flows: BulkFlowFact[] = [];
    for (const body of this.index.bodies.values()) {
      if (body.kind === 'function') functions.push(this.functionFact(body));
      if (body.kind === 'class') continue;
      for (const call of body.calls) {
        const callee = this.callee(call, body);
        if (!callee) continue;
        calls.push(this.callFact(call, body, callee));
        this.collectFlows(call, body, flows);
      }
    }
    return {
      functions, calls, flows, escapes: [...this.index.escapes].sort(), dataAttributes: [...this.index.dataAttributes].sort(),
      openExports: this.openExports(),
    };
  }

  /** `__all__` that is not one literal list or tuple of strings, or is grown later. */
  private openExports(): boolean {
    const module = this.index.module;
    const stores = module.stores.get('__all__') ?? [];
    if (stores.length === 0) return false;
    if (stores.length > 1 || (module.loads.get('__all__') ?? []).length > 0) return true;
    const statement = statementOf(stores[0]!);
    const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
    const right = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
    return !right || (right.type !== 'list' && right.type !== 'tuple')
      || right.children.some((c) => c.isNamed && c.type !== 'string' && c.type !== 'comment');
  }

  // ---- callees ------------------------------------------------------------------------------

  /** Null when the call cannot reach a project function (builtins, locals, expressions). */
  private callee(call: SyntaxNode, body: BodyIndex): Callee | null {
    const cached = this.callees.get(call);
    if (cached !== undefined) return cached;
    const result = this.computeCallee(call, body);
    this.callees.set(call, result);
    return result;
  }

  /** The resolved name of a call's callee (`builtins.print`, `os.remove`, `pkg.mod.load`), computed once per call. */
  private calleeName(call: SyntaxNode, fn = field(call, 'function'), dotted?: string): string | null {
    const cached = this.calleeNames.get(call);
    if (cached !== undefined) return cached;
    const name = !fn ? null : dotted !== undefined ? this.model.resolveDotted(dotted, fn)
      : fn.type === 'identifier' || fn.type === 'attribute' ? this.model.resolveExpression(fn) : null;
    this.calleeNames.set(call, name);
    return name;
  }

  private computeCallee(call: SyntaxNode, body: BodyIndex): Callee | null {
    const fn = field(call, 'function');
    const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
    if (object?.type === 'call') {
      // `Parser(tokens).parse()`, `build_world().query(...)`: a method of the instance just made.
      const cls = this.valueClass(body, object);
      const method = field(fn!, 'attribute')?.text;
      return cls && method ? { qualifiedName: null, inferred: `${cls}.${method}` } : null;
    }
    const dotted = fn ? dottedName(fn) : null;
    if (!fn || !dotted) return null;
    const parts = dotted.split('.');
    const head = parts[0]!;
    if (head === 'self' || head === 'cls') {
      if (this.model.lookup(head, fn)?.binding.kind !== 'parameter') return null;
      if (parts.length === 2) return { qualifiedName: dotted, inferred: null };
      // `self.cleaner.clean(rows)` where the class only ever sets `self.cleaner = Cleaner(...)`.
      const cls = parts.length === 3 && head === 'self' ? this.attributeClass(body, head, parts[1]!) : null;
      return cls ? { qualifiedName: null, inferred: `${cls}.${parts[2]}` } : null;
    }
    const resolved = this.calleeName(call, fn, dotted);
    if (resolved) {
      if (resolved.startsWith('builtins.')) return null;
      // `repo = UserRepo()` at module level, `repo.load()` in a function.
      const global = parts.length === 2 && resolved.startsWith(`${this.model.module.name}.`) ? this.model.lookup(head, fn) : undefined;
      const cls = global?.scope.kind === 'module' && global.binding.kind === 'assignment' ? this.receiverClass(this.index.module, head) : null;
      return { qualifiedName: resolved, inferred: cls ? `${cls}.${parts[1]}` : null };
    }
    if (parts.length !== 2) return null;
    const cls = this.receiverClass(body, head);
    return cls ? { qualifiedName: null, inferred: `${cls}.${parts[1]}` } : null;
  }

  /**
   * The class `self.<attr>` holds when every `self.<attr> = …` in the class's methods assigns
   * the same class: `Cls(...)`, or a parameter annotated `Cls` (`self.repo = repo`).
   */
  private attributeClass(body: BodyIndex, selfName: string, attr: string): string | null {
    const method = enclosingFunctionBody(body);
    const classBody = method?.parent?.kind === 'class' ? method.parent : null;
    if (!classBody) return null;
    let attrs = this.attributeClasses.get(classBody);
    if (!attrs) this.attributeClasses.set(classBody, (attrs = this.collectAttributeClasses(classBody, selfName)));
    return attrs.get(attr) ?? null;
  }

  private collectAttributeClasses(classBody: BodyIndex, selfName: string): Map<string, string | null> {
    const attrs = new Map<string, string | null>();
    for (const b of this.index.bodies.values()) {
      if (b.parent !== classBody || b.kind !== 'function') continue;
      for (const m of b.mutations) {
        const object = m.type === 'attribute' ? field(m, 'object') : undefined;
        const name = field(m, 'attribute')?.text;
        if (object?.type !== 'identifier' || object.text !== selfName || !name) continue;
        const assignment = m.parent;
        const value = assignment?.type === 'assignment' && field(assignment, 'left') === m ? field(assignment, 'right') : undefined;
        const cls = value ? this.valueClass(b, value) : null;
        const seen = attrs.get(name);
        attrs.set(name, cls !== null && (seen === undefined || seen === cls) ? cls : null);
      }
    }
    return attrs;
  }

  /** The class of an instance: `Cls(...)`, or a name `receiverClass` knows. */
  private valueClass(body: BodyIndex, value: SyntaxNode): string | null {
    if (value.type === 'identifier') return this.receiverClass(body, value.text);
    const ctor = value.type === 'call' ? field(value, 'function') : undefined;
    const name = ctor && (ctor.type === 'identifier' || ctor.type === 'attribute') ? this.model.resolveExpression(ctor) : null;
    return name && !name.startsWith('builtins.') ? name : null;
  }

  /** The class a local or parameter holds: `x = Cls(...)` (bound once) or `x: Cls`. */
  private receiverClass(body: BodyIndex, name: string): string | null {
    const key = `${body.scope.id}\u0000${name}`;
    if (this.receiverClasses.has(key)) return this.receiverClasses.get(key)!;
    let result: string | null = null;
    const binding = body.scope.bindings.get(name);
    if (binding?.kind === 'parameter') {
      const type = field(binding.node, 'type');
      result = annotatedClass(this.model, type);
    } else if (binding?.kind === 'assignment') {
      const stores = body.stores.get(name) ?? [];
      const statement = stores.length === 1 ? statementOf(stores[0]!) : undefined;
      const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
      const right = assignment?.type === 'assignment' && field(assignment, 'left') === stores[0] ? field(assignment, 'right') : undefined;
      const ctor = right?.type === 'call' ? field(right, 'function') : undefined;
      if (ctor && (ctor.type === 'identifier' || ctor.type === 'attribute')) result = this.model.resolveExpression(ctor);
    }
    if (result?.startsWith('builtins.')) result = null;
    this.receiverClasses.set(key, result);
    return result;
  }

  // ---- uses ---------------------------------------------------------------------------------

  private toUseFact(use: Use): UseFact {
    switch (use.kind) {
      case 'single-pass':
        return { kind: 'single', how: use.how, orderInsensitive: use.orderInsensitive };
      case 'returned':
        return { kind: 'returned' };
      case 'other':
        return { kind: 'other', reason: use.reason };
      case 'passed': {
        const body = bodyOfNode(this.index, use.call);
        const callee = body ? this.callee(use.call, body) : null;
        if (!callee) return { kind: 'other', reason: 'passed to a function outside the project' };
        return { kind: 'passed', call: callKey(use.call), index: use.index, keyword: use.keyword };
      }
    }
  }

  private callFact(call: SyntaxNode, body: BodyIndex, callee: Callee): BulkCallFact {
    const use = usageOfExpression(this.index, call);
    const fnBody = body.kind === 'function' ? body : enclosingFunctionBody(body);
    const site = use.kind === 'other' ? NO_SITE_HAZARDS : this.siteHazards(call, body, use);
    return {
      call: callKey(call),
      use: this.toUseFact(use),
      siteHazards: site.hazards,
      touchingCalls: site.touchingCalls,
      rangeGlobalWrites: site.rangeGlobalWrites,
      rangeCalls: site.rangeCalls,
      inputGlobals: site.inputGlobals,
      readsPerItem: site.readsPerItem,
      inCatchingTry: this.inCatchingTry(call, body),
      inferredCallee: callee.inferred,
      enclosingFunctionId: fnBody ? fnBody.scope.id : null,
    };
  }

  /**
   * Why a lazily computed result would behave differently at this call site: the call sits in a
   * `with`/`try` the reading code is outside of (or returns out of one), or the call's inputs
   * (arguments, receiver) are written between the call and the read, or while the result is iterated.
   * Also what the link step needs to look further in those same ranges: calls on the inputs, and
   * module-level state changed directly or by any project function called there.
   */
  /** Code in [start, end) of `body` with an effect outside it: I/O, writes to outer state, a call of a project function. */
  private hasVisibleEffect(body: BodyIndex, start: number, end: number): boolean {
    for (let i = lowerBound(body.calls, start); i < body.calls.length && body.calls[i]!.start < end; i++) {
      const c = body.calls[i]!;
      if (this.sideEffectOf(c, body) || this.callee(c, body)) return true;
    }
    for (let i = lowerBound(body.mutations, start); i < body.mutations.length && body.mutations[i]!.start < end; i++) {
      if (mutatedOuterName(body, writtenObject(body.mutations[i]!), this.model)) return true;
    }
    return false;
  }

  /**
   * The call sits in the body of a `try` whose handlers may catch a data error (`except ValueError`,
   * `except Exception`, a bare `except`), or in `with suppress(...)`.
   */
  private inCatchingTry(call: SyntaxNode, body: BodyIndex): boolean {
    for (let p = call.parent; p && p !== body.node; p = p.parent) {
      const inBody = field(p, 'body');
      if (!inBody || call.start < inBody.start || call.end > inBody.end) continue;
      if (p.type === 'with_statement' && /\bsuppress\(/.test(this.model.source.text.slice(p.start, inBody.start))) return true;
      if (p.type !== 'try_statement') continue;
      for (const clause of p.children) {
        if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
        const caught = clause.children.find((c) => c.isNamed && c.type !== 'block' && c.type !== 'comment');
        if (!caught) return true;
        const names = (caught.type === 'as_pattern' ? caught.children.find((c) => c.isNamed) ?? caught : caught).text
          .replace(/[()\s]/g, '').split(',').map((n) => n.slice(n.lastIndexOf('.') + 1));
        if (names.some((n) => n !== '' && !NOT_DATA_ERRORS.test(n))) return true;
      }
    }
    return false;
  }

  private siteHazards(call: SyntaxNode, body: BodyIndex, callUse: Use): SiteHazards {
    const hazards: string[] = [];
    const touchingCalls: CallKey[] = [];
    if (callUse.kind === 'other') return NO_SITE_HAZARDS;
    let use: Exclude<Use, { kind: 'other' }> = callUse;
    // `summary = (fmt(r) for r in load())` … `print(list(summary))`: the generator expression
    // reads the result only where `summary` is consumed, so the ranges run up to that read.
    const comprehension = use.kind === 'single-pass' && use.how === 'comprehension' ? use.at.parent?.parent : undefined;
    if (comprehension?.type === 'generator_expression') {
      const outer = usageOfExpression(this.index, comprehension);
      if (outer.kind !== 'other' && outer.via) use = outer;
    }
    const read = use.at;
    for (let p = call.parent; p && p !== body.node; p = p.parent) {
      if ((p.type === 'with_statement' || p.type === 'try_statement') && (use.kind === 'returned' || !(read.start >= p.start && read.end <= p.end))) {
        hazards.push(`the call is inside a \`${p.type === 'with_statement' ? 'with' : 'try'}\` block that the result ${use.kind === 'returned' ? 'is returned out of' : 'is read after'}`);
        break;
      }
    }
    // `rows = convert(data)` then `with localcontext() as ctx: ctx.prec = 8; out = render(rows)`:
    // a lazy result would compute its items inside the block, under the context it sets up
    // (decimal precision, redirected output, a held lock) instead of the caller's at the call.
    for (let p = read.parent; use.kind !== 'returned' && p && p !== body.node; p = p.parent) {
      if (p.type === 'with_statement' && !(call.start >= p.start && call.end <= p.end) && mayChangeAmbientState(p, this.model)) {
        hazards.push('the result is read inside a `with` block that the call is outside of: lazily, its items would be computed under that block\'s context');
        break;
      }
    }
    // `try: for n in parse(lines): print(n)` `except ValueError:`: an error of the producer (a bad
    // `int(line)`, a missing key) would reach the handler after the loop has acted on the items
    // before it, instead of before the loop starts. A consuming call (`total = sum(parse(lines))`)
    // or comprehension acts on none of them either way.
    const actsPerItem = use.kind === 'passed' || (use.kind === 'single-pass' && use.how === 'for');
    // For the callers further up (checked by the link step): a `for` over the result whose body
    // does something a handler up there would see happen before the error (prints, writes to
    // state it does not own, calls a project function).
    const loop = use.kind === 'single-pass' && use.how === 'for' && read.parent?.type === 'for_statement' ? read.parent : undefined;
    const loopBody = loop ? field(loop, 'body') : undefined;
    let readsPerItem = !!loopBody && this.hasVisibleEffect(body, loopBody.start, loopBody.end);
    for (let p = call.parent; actsPerItem && p && p !== body.node; p = p.parent) {
      const catches = p.type === 'try_statement' ? p.children.some((c) => c.type === 'except_clause' || c.type === 'except_group_clause')
        : p.type === 'with_statement' && /\bsuppress\(/.test(this.model.source.text.slice(p.start, field(p, 'body')?.start ?? p.end));
      const inBody = field(p, 'body');
      if (catches && inBody && call.start >= inBody.start && read.end <= inBody.end) {
        hazards.push(`the result is read inside a \`${p.type === 'try_statement' ? 'try' : 'with suppress(...)'}\` block that catches errors: lazily, those of the producer would come after the loop has acted on the items before them`);
        readsPerItem = false;
        break;
      }
    }
    const inputs = new Set<string>();
    const callee = field(call, 'function');
    const receiver = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    const receiverPath = receiver ? dottedName(receiver) : null;
    if (receiverPath) inputs.add(receiverPath);
    for (const arg of field(call, 'arguments')?.children ?? []) {
      if (!arg.isNamed) continue;
      const value = arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
      const path = value && (value.type === 'identifier' || value.type === 'attribute') ? dottedName(value) : null;
      if (path) inputs.add(path);
    }
    // `view = table`, `state = {"rows": rows}`, `rows = self.rows`: another name reaches the same
    // object, and a write through it (`view[k] = v`, `state["rows"].clear()`) changes the input too.
    for (const alias of this.localAliases(body, inputs)) inputs.add(alias);
    const readStatement = statementOf(read);
    const ranges: { start: number; end: number; what: string }[] = [];
    if (use.via && readStatement && readStatement.start > call.end) {
      ranges.push({ start: call.end, end: readStatement.start, what: 'before the result is read' });
    }
    // The reading loop's body runs between items: writes there interleave with the producer.
    // Through project stages that would stream too (`for x in enrich(rows)`), the loop that
    // finally reads the data runs between this producer's items as well.
    let loopRead: Use = use;
    for (let hops = 0; loopRead.kind === 'passed' && hops < 8; hops++) loopRead = usageOfExpression(this.index, loopRead.call);
    const loopAt = loopRead.kind === 'other' ? null : loopRead.at;
    const loopStatement = loopAt ? statementOf(loopAt) : null;
    const right = loopStatement?.type === 'for_statement' ? field(loopStatement, 'right') : undefined;
    if (loopAt && right && loopAt.start >= right.start && loopAt.end <= right.end) {
      ranges.push({ start: right.end, end: loopStatement!.end, what: 'while the result is iterated' });
      // `for p in alive(players): p.partner.kill()`: the loop changes an object it reaches through
      // the item (another player, maybe one still to be filtered), not the item itself.
      const reached = this.reachedThroughItem(body, field(loopStatement!, 'left'), right.end, loopStatement!.end);
      if (reached.hazard) hazards.push(reached.hazard);
      touchingCalls.push(...reached.calls);
    }
    // `apply(doubled(table), table)`: the function reading the result is handed an input too, and
    // may change it (`table.clear()`) before it reads the first item.
    // Only an input handed as another argument counts: not the receiver (`self._index(self.load())`
    // storing what it built on `self` is the common case), nor `self` itself.
    const handed = new Set([...inputs].filter((p) => p !== 'self' && p !== 'cls'));
    const isHanded = (node: SyntaxNode | undefined): boolean => {
      const path = node && (node.type === 'identifier' || node.type === 'attribute') ? dottedName(node) : null;
      return !!path && [...handed].some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
    };
    let passedTo: Use = use;
    for (let hops = 0; passedTo.kind === 'passed' && hops < 8; hops++) {
      const consumer = passedTo.call;
      const at = passedTo.at;
      // The argument carrying the result is not an input handed on (`records = clean(records)` … `index(records)`).
      const args = (field(consumer, 'arguments')?.children ?? []).filter((a) => !(at.start >= a.start && at.end <= a.end));
      if (args.some((a) => isHanded(a.type === 'keyword_argument' ? field(a, 'value') : a)) && this.callee(consumer, body)) touchingCalls.push(callKey(consumer));
      passedTo = usageOfExpression(this.index, consumer);
    }
    const rangeGlobalWrites = new Set<string>();
    const rangeCalls: CallKey[] = [];
    // A reading loop that yields (`for r in visible_rows(): yield r`) hands control to whoever
    // drives the generator: any module-level state may change between items (see `ANY_GLOBAL`).
    if (loopStatement?.type === 'for_statement' && loopAt && right && loopAt.start >= right.start && loopAt.end <= right.end
      && yieldsIn(field(loopStatement, 'body'))) {
      rangeGlobalWrites.add(ANY_GLOBAL);
    }
    for (const range of ranges) {
      if (inputs.size > 0) {
        const written = this.writtenPath(body, inputs, range.start, range.end);
        if (written) hazards.push(`\`${written}\` is changed ${range.what}`);
        touchingCalls.push(...this.touchingCalls(body, inputs, range.start, range.end));
        for (let i = lowerBound(body.calls, range.start); i < body.calls.length; i++) {
          const c = body.calls[i]!;
          if (c.start >= range.end) break;
          const write = c.end <= range.end ? this.closureWrite(body, c, inputs) : null;
          if (write) {
            hazards.push(`${write} ${range.what}`);
            break;
          }
        }
        // `for job in read_jobs(spool): … open(spool, "a")`: a lazy reader would see the appended lines.
        for (let i = lowerBound(body.calls, range.start); i < body.calls.length; i++) {
          const c = body.calls[i]!;
          if (c.start >= range.end) break;
          const file = c.end <= range.end ? this.writtenFile(c, body) : null;
          if (file && inputs.has(file)) {
            hazards.push(`the file \`${file}\` is written ${range.what}`);
            break;
          }
        }
      }
      // Shared state the producer may read (`for job in QUEUE` … `QUEUE.remove(job)` in the loop).
      for (const name of this.globalWrites(body, range.start, range.end)) rangeGlobalWrites.add(name);
      for (let i = lowerBound(body.calls, range.start); i < body.calls.length; i++) {
        const c = body.calls[i]!;
        if (c.start >= range.end) break;
        if (c.end <= range.end && this.callee(c, body)) rangeCalls.push(callKey(c));
      }
    }
    // One iterator (a file, `iter(...)`, a csv reader) handed to this call and read again by the
    // caller before or while it reads the result (`meta = read_section(it); body = read_section(it)`):
    // a lazy producer would take its items from where the other reader left off.
    // For an input of unknown kind (a parameter), `next(it)` or a second call of the same function
    // on it (reading the next section) shows it is such an iterator.
    const calleeText = callee ? this.model.source.text.slice(callee.start, callee.end) : null;
    const readsAsIterator = (load: SyntaxNode): boolean => {
      const call = load.parent?.type === 'argument_list' ? load.parent.parent : null;
      const fn = call?.type === 'call' ? field(call, 'function') : undefined;
      if (!fn) return false;
      if (fn.type === 'identifier' && fn.text === 'next') return this.calleeName(call!) === 'builtins.next';
      return this.model.source.text.slice(fn.start, fn.end) === calleeText;
    };
    // A parameter that may be an iterator (no collection annotation, never indexed or measured)
    // handed to another reader (`info = meta(stream); rows = variants(stream)`, `for line in stream`):
    // a lazy producer would read what that reader left, or leave it nothing.
    const readsThrough = (load: SyntaxNode): boolean => {
      const parent = load.parent;
      if ((parent?.type === 'for_statement' || parent?.type === 'for_in_clause') && load.field === 'right') return true;
      const arg = parent?.type === 'keyword_argument' && load.field === 'value' ? parent : load;
      const other = arg.parent?.type === 'argument_list' ? arg.parent.parent : null;
      if (other?.type !== 'call' || other === call) return false;
      if (this.callee(other, body)) return true;
      const name = this.calleeName(other);
      return name !== null && CONSUMING_BUILTINS.has(name);
    };
    for (const input of inputs) {
      if (input.includes('.')) continue;
      const oneShot = this.isOneShotIterator(body, input);
      const maybeIterator = !oneShot && this.mayBeIteratorParameter(body, input);
      const reread = (body.loads.get(input) ?? []).find((l) => ranges.some((r) => l.start >= r.start && l.end <= r.end)
        && (oneShot || readsAsIterator(l) || (maybeIterator && readsThrough(l))));
      if (reread) {
        const statement = statementOf(reread) ?? reread;
        const snippet = this.model.source.text.slice(statement.start, statement.end).split('\n', 1)[0]!.trim();
        hazards.push(`the iterator \`${input}\` is read again (\`${snippet}\`) before the result is read to the end`);
        break;
      }
    }
    // A file or folder named by an input is written while the result is iterated
    // (`for line in errors(path): open(path, "a")`): a lazy reader would see the new lines or
    // files, and may never end. Writes to other files (one output file per item) are fine.
    const iterated = ranges.find((r) => r.what === 'while the result is iterated');
    if (iterated) {
      for (let i = lowerBound(body.calls, iterated.start); i < body.calls.length; i++) {
        const c = body.calls[i]!;
        if (c.start >= iterated.end) break;
        const args = field(c, 'arguments');
        const effect = args && this.mentionedPath(args, inputs) ? this.externalWrite(c, body) : null;
        if (effect) {
          hazards.push(`${effect} on \`${this.mentionedPath(args!, inputs)}\` while the result is iterated`);
          break;
        }
      }
    }
    // Files written, removed or processes run before the read: the producer might read them.
    if (use.via && readStatement) {
      for (let i = lowerBound(body.calls, call.end); i < body.calls.length; i++) {
        const c = body.calls[i]!;
        if (c.start >= readStatement.start) break;
        if (c.end > readStatement.start) continue;
        const effect = this.externalWrite(c, body);
        if (effect) {
          hazards.push(`${effect} before the result is read`);
          break;
        }
      }
    }
    // `evens(DATA)`: the producer reads a module-level object, which project functions called in the
    // ranges may change (`refresh()` appending to `DATA`); the link step checks their writes.
    const inputGlobals = new Set<string>();
    for (const input of inputs) {
      const root = input.split('.', 1)[0]!;
      const id = (body.loads.get(root) ?? [])[0] ?? body.moduleLoads.find((l) => l.text === root);
      const name = id ? this.moduleLevelName(id) : null;
      if (name) inputGlobals.add(name);
    }
    return { hazards, touchingCalls, rangeGlobalWrites: [...rangeGlobalWrites], rangeCalls, inputGlobals: [...inputGlobals], readsPerItem };
  }

  /**
   * Changes the loop body in [start, end) makes to objects reached through an attribute of a loop
   * target (`p.partner.hp = 0`): a hazard; and method calls on such objects (`p.partner.kill()`),
   * for the link step to check by name. Writes to the item itself (`p.hp -= 1`), into containers it
   * holds (`p.log.append(x)`, `rec["meta"]["seen"] = True`) do not count: most likely its own data.
   */
  private reachedThroughItem(body: BodyIndex, left: SyntaxNode | undefined, start: number, end: number): { hazard: string | null; calls: CallKey[] } {
    const targets = new Set<string>();
    if (left) walk(left, (t) => {
      if (t.type === 'identifier') targets.add(t.text);
      return true;
    });
    const reached = (node: SyntaxNode | undefined): string | null => {
      if (node?.type !== 'attribute') return null;
      const path = dottedName(node);
      return path && targets.has(path.split('.', 1)[0]!) ? path : null;
    };
    const calls: CallKey[] = [];
    for (let i = lowerBound(body.mutations, start); i < body.mutations.length; i++) {
      const m = body.mutations[i]!;
      if (m.start >= end) break;
      const path = m.type === 'attribute' ? reached(field(m, 'object')) : null;
      if (path) return { hazard: `\`${path}\`, reached through an item, is changed while the result is iterated`, calls };
    }
    for (let i = lowerBound(body.calls, start); i < body.calls.length; i++) {
      const c = body.calls[i]!;
      if (c.start >= end) break;
      const fn = field(c, 'function');
      const path = fn?.type === 'attribute' ? reached(field(fn, 'object')) : null;
      if (!path) continue;
      calls.push(callKey(c));
    }
    return { hazard: null, calls };
  }

  /**
   * Names and attribute paths bound in `body` to one of the plain-name `inputs`, or to a list,
   * tuple, set or dict display holding it (`view = table`, `state = {"rows": rows}`), and those an
   * input is bound from (`rows = self.rows`): writes through them reach the input's object.
   */
  private localAliases(body: BodyIndex, inputs: ReadonlySet<string>): string[] {
    const aliases: string[] = [];
    const add = (node: SyntaxNode | undefined) => {
      const path = node && (node.type === 'identifier' || node.type === 'attribute') ? dottedName(node) : null;
      if (path && !inputs.has(path)) aliases.push(path);
    };
    for (const input of inputs) {
      if (input.includes('.')) continue;
      for (const load of body.loads.get(input) ?? []) {
        let node = load;
        while (node.parent && (HOLDER_DISPLAYS.has(node.parent.type) || (node.parent.type === 'pair' && node.field === 'value'))) node = node.parent;
        if (node.parent?.type === 'assignment' && node.field === 'right') add(field(node.parent, 'left'));
      }
      for (const store of body.stores.get(input) ?? []) {
        if (store.parent?.type === 'assignment' && store.field === 'left') add(field(store.parent, 'right'));
      }
    }
    return aliases;
  }

  /** The qualified module-level name an identifier stands for, when it is bound at module level. */
  private moduleLevelName(id: SyntaxNode, orClassOrModule = false): string | null {
    const found = this.model.lookup(id.text, id);
    if (found?.scope.kind !== 'module') return null;
    // With `orClassOrModule`, also a class or module whose attribute is set (`Limits.HIGH = 25`,
    // `os.environ["STAGE"] = …`): a producer reading that attribute lazily would see the new value.
    const holder = orClassOrModule && (found.binding.kind === 'class' || found.binding.kind === 'import');
    if (!holder && found.binding.kind !== 'assignment' && !(found.binding.kind === 'import' && found.binding.fact.kind === 'member')) return null;
    return this.model.resolveExpression(id);
  }

  /** Module-level names whose objects the body changes inside [start, end): `QUEUE.remove(x)`, `CACHE[k] = v`, `del STATE[k]`. */
  private globalWrites(body: BodyIndex, start: number, end: number): string[] {
    const names = new Set<string>();
    const add = (object: SyntaxNode | undefined) => {
      const root = rootIdentifier(object);
      const name = root ? this.moduleLevelName(root, true) : null;
      if (name) names.add(name);
    };
    for (let i = lowerBound(body.mutations, start); i < body.mutations.length; i++) {
      const m = body.mutations[i]!;
      if (m.start >= end) break;
      if (m.end <= end) add(writtenObject(m));
    }
    // `global LIMIT` … `LIMIT = n`: the module-level name is rebound.
    if (body.kind === 'function' && body.declaresOuter) {
      for (const target of rebindings(body.node)) {
        if (target.start < start || target.end > end || !body.scope.declaredOuter.has(target.text)) continue;
        const name = this.model.resolveDotted(target.text, target);
        if (name) names.add(name);
      }
    }
    for (let i = lowerBound(body.calls, start); i < body.calls.length; i++) {
      const c = body.calls[i]!;
      if (c.start >= end) break;
      const fn = field(c, 'function');
      if (c.end > end) continue;
      const argument = this.mutatedArgument(c);
      if (argument) add(argument);
      if (fn?.type !== 'attribute') continue;
      const method = field(fn, 'attribute')?.text ?? '';
      // `.set(…)`: a `ContextVar` (or an `Event`) the producer may `.get()`.
      if (MUTATORS.has(method) || CLOSERS.has(method) || STATEMENT_RUNNERS.has(method) || method === 'set') add(field(fn, 'object'));
    }
    return [...names];
  }

  /**
   * Module-level containers the body reads: names bound at module level to a collection
   * (`QUEUE = []`, `deque()`), or imported by name from another module (which may be one).
   */
  private globalReads(body: BodyIndex): string[] {
    const names = new Set<string>();
    for (const id of body.moduleLoads) {
      const found = this.model.lookup(id.text, id);
      if (found?.scope.kind !== 'module') continue;
      const binding = found.binding;
      // `DB.execute("SELECT …")`, `REGISTRY.items()`: a module-level connection or mapping read through a method.
      const method = id.parent?.type === 'attribute' && id.field === 'object' && id.parent.parent?.type === 'call'
        ? field(id.parent, 'attribute')?.text ?? '' : '';
      if (READING_METHODS.has(method) && (binding.kind === 'assignment' || binding.kind === 'import')) {
        const name = this.model.resolveExpression(id);
        if (name) names.add(name);
        continue;
      }
      // `Limits.HIGH`, `settings.cutoff`, `os.environ`: an attribute of a module-level class,
      // object or module, which the caller may set (`Limits.HIGH = 25`) before reading the result.
      if (id.field === 'object' && id.parent?.type === 'attribute' && id.parent.parent?.type !== 'call'
        && (binding.kind === 'class' || binding.kind === 'assignment' || binding.kind === 'import')) {
        const name = this.model.resolveExpression(id);
        if (name) names.add(name);
        continue;
      }
      if (binding.kind === 'assignment' && this.globalDeclared().has(id.text)) {
        // A setting some function rebinds (`global LIMIT; LIMIT = n`): a lazy read sees the new value.
        const name = this.model.resolveExpression(id);
        if (name) names.add(name);
        continue;
      }
      if (binding.kind === 'assignment') {
        const statement = statementOf(binding.node);
        const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
        const value = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
        if (!value || !this.isMutableCollection(value)) continue;
      } else if (!(binding.kind === 'import' && binding.fact.kind === 'member')) {
        continue;
      }
      const name = this.model.resolveExpression(id);
      if (name) names.add(name);
    }
    return [...names];
  }

  private globalDeclaredMemo: Set<string> | null = null;

  /** Names some function of the module declares `global` (and so may rebind). */
  private globalDeclared(): Set<string> {
    if (this.globalDeclaredMemo) return this.globalDeclaredMemo;
    const names = new Set<string>();
    for (const b of this.index.bodies.values()) {
      if (b.kind !== 'function' || !b.declaresOuter) continue;
      for (const target of rebindings(b.node)) if (b.scope.declaredOuter.has(target.text)) names.add(target.text);
    }
    return (this.globalDeclaredMemo = names);
  }

  /** `[]`, `{}`, `{k: v}`, a comprehension, `list(...)`, `deque()`, `defaultdict(list)`: a collection that can change. */
  private isMutableCollection(value: SyntaxNode): boolean {
    if (value.type === 'list' || value.type === 'dictionary' || value.type === 'set' || value.type === 'list_comprehension'
      || value.type === 'dictionary_comprehension' || value.type === 'set_comprehension') return true;
    if (value.type !== 'call') return false;
    const name = this.calleeName(value);
    return name !== null && MUTABLE_CONTAINERS.has(name);
  }

  /**
   * Calls inside [start, end) that may reach a project function and are made on one of `paths`
   * (`world.despawn(eid)`, `self.flush()`) or hand one on (`archive(rows)`): the link step checks
   * whether the function they reach writes to what it is given.
   */
  private touchingCalls(body: BodyIndex, paths: ReadonlySet<string>, start: number, end: number): CallKey[] {
    const touches = (node: SyntaxNode | undefined): boolean => {
      const path = node && (node.type === 'identifier' || node.type === 'attribute') ? dottedName(node) : null;
      if (!path) return false;
      // Also the object holding an input (`quarantine(world)` after `due(world.agents)`,
      // `self.flush()` after `load(self.rows)`): what it is given reaches the input.
      for (const p of paths) if (path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`)) return true;
      return false;
    };
    const keys: CallKey[] = [];
    for (let i = lowerBound(body.calls, start); i < body.calls.length; i++) {
      const c = body.calls[i]!;
      if (c.start >= end) break;
      if (c.end > end) continue;
      const fn = field(c, 'function');
      const onInput = fn?.type === 'attribute' && touches(field(fn, 'object'));
      const handsOn = (field(c, 'arguments')?.children ?? []).some((a) => touches(a.type === 'keyword_argument' ? field(a, 'value') : a));
      // A method call on an input of unknown class (`world.respawn(p)` with `world` a parameter)
      // is kept too: the link step checks the project's methods of that name.
      if (onInput || (handsOn && this.callee(c, body))) keys.push(callKey(c));
    }
    return keys;
  }

  /**
   * The first of `paths` written (assigned into, deleted from, mutated, closed) inside [start, end),
   * also through an item: `agents[0].state = …`, or `a.state = …` in a loop over the input
   * (`for a in agents[:k]`, `for a in recovered(agents)`) — a lazy producer that filters on
   * `a.state` would see the change.
   */
  private writtenPath(body: BodyIndex, paths: ReadonlySet<string>, start: number, end: number): string | null {
    // Computed on the first write that is not to one of `paths` itself: most ranges have none.
    let aliases: Map<string, string> | null = null;
    const hit = (node: SyntaxNode | undefined): string | null => {
      const path = node ? dottedName(node) : null;
      if (!path) return null;
      for (const p of paths) if (path === p || path.startsWith(`${p}.`)) return p;
      aliases ??= this.itemAliases(body, paths, start, end);
      return aliases.get(path.split('.', 1)[0]!) ?? null;
    };
    // `a.b[i].c = …` writes into `a.b[i]`, `a.b` and `a`: test each object on the way down.
    const hitObject = (node: SyntaxNode | undefined): string | null => {
      for (let n = node; n; n = n.type === 'subscript' ? field(n, 'value') : n.type === 'attribute' ? field(n, 'object') : undefined) {
        const found = hit(n);
        if (found) return found;
      }
      return null;
    };
    for (let i = lowerBound(body.mutations, start); i < body.mutations.length; i++) {
      const m = body.mutations[i]!;
      if (m.start >= end) break;
      if (m.end > end) continue;
      const found = m.type === 'subscript' ? hitObject(field(m, 'value')) : m.type === 'attribute' ? hit(m) ?? hitObject(field(m, 'object')) : null;
      if (found) return found;
    }
    for (let i = lowerBound(body.calls, start); i < body.calls.length; i++) {
      const c = body.calls[i]!;
      if (c.start >= end) break;
      if (c.end > end) continue;
      const argument = this.mutatedArgument(c);
      const changed = argument ? hitObject(argument) : null;
      if (changed) return changed;
      const fn = field(c, 'function');
      if (fn?.type !== 'attribute') continue;
      const method = field(fn, 'attribute')?.text ?? '';
      if (!MUTATORS.has(method) && !CLOSERS.has(method) && !STATEMENT_RUNNERS.has(method) && !RANDOM_DRAWS.has(method)) continue;
      const found = hitObject(field(fn, 'object'));
      if (found) return found;
    }
    // `rows += [x]`, `rows |= extra`, `rows *= 2`: in place for a list, set or dict.
    for (const p of paths) {
      if (p.includes('.')) continue;
      const store = (body.stores.get(p) ?? []).find((st) => st.start >= start && st.end <= end
        && st.parent?.type === 'augmented_assignment' && st.field === 'left');
      if (store) return p;
    }
    return null;
  }

  /**
   * Every binding of local `name` makes a one-shot iterator: `iter(...)`, `open(...)` (also
   * `with open(...) as name`), a csv reader, `map`/`filter`/`zip`/`enumerate`, `itertools.*`, a
   * generator expression.
   */
  private isOneShotIterator(body: BodyIndex, name: string): boolean {
    const stores = body.stores.get(name) ?? [];
    return stores.length > 0 && stores.every((store) => {
      const parent = store.parent;
      let value: SyntaxNode | undefined;
      if (parent?.type === 'assignment' && store.field === 'left') value = field(parent, 'right');
      else if (parent?.type === 'as_pattern_target') value = parent.parent?.children.find((c) => c.isNamed);
      if (value?.type === 'generator_expression') return true;
      // `fh = sys.stdin`, `out = proc.stdout`.
      if (value?.type === 'attribute') return /^(stdin|stdout|stderr)$/.test(field(value, 'attribute')?.text ?? '');
      if (value?.type !== 'call') return false;
      const name = this.calleeName(value);
      return name !== null && (ONE_SHOT_ITERATORS.has(name) || name.startsWith('itertools.') || this.isGeneratorFunction(value, name));
    });
  }

  /** `call` calls a generator function of this module (`lines = read_lines(path)`, where it yields). */
  private isGeneratorFunction(call: SyntaxNode, name: string): boolean {
    if (!name.startsWith(`${this.model.module.name}.`)) return false;
    const fn = field(call, 'function');
    const found = fn?.type === 'identifier' ? this.model.lookup(fn.text, fn) : undefined;
    if (found?.binding.kind !== 'function' || found.scope.kind !== 'module') return false;
    const body = this.index.bodies.get(found.binding.node);
    return body?.kind === 'function' && body.yields > 0;
  }

  /**
   * `name` is a parameter of the function `body` that may hold an iterator (an open file, a
   * generator): it is never rebound, has no annotation or one naming an iterator or stream, and is
   * never indexed, measured with `len` or searched with `in` (which a one-shot iterator could not be).
   */
  private mayBeIteratorParameter(body: BodyIndex, name: string): boolean {
    if (body.kind !== 'function' || name === 'self' || name === 'cls') return false;
    const param = (field(body.node, 'parameters')?.children ?? []).find((p) => parameterName(p)?.text === name);
    if (!param || param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern') return false;
    if ((body.stores.get(name) ?? []).some((s) => s.start < param.start || s.end > param.end)) return false;
    const type = field(param, 'type');
    if (type && !ITERATOR_ANNOTATION.test(this.model.source.text.slice(type.start, type.end))) return false;
    return !(body.loads.get(name) ?? []).some((l) => {
      if (isRandomAccess(l)) return true;
      const call = l.parent?.type === 'argument_list' ? l.parent.parent : null;
      return call?.type === 'call' && this.calleeName(call) === 'builtins.len';
    });
  }

  /**
   * What a call of a function nested in `body` changes of `paths`, read from the enclosing scope
   * (`def quarantine(): for a in agents: a.state = …` then `quarantine()`), or null.
   */
  private closureWrite(body: BodyIndex, call: SyntaxNode, paths: ReadonlySet<string>): string | null {
    const fn = field(call, 'function');
    if (fn?.type !== 'identifier') return null;
    const found = this.model.lookup(fn.text, fn);
    if (found?.binding.kind !== 'function' || found.scope !== body.scope) return null;
    const inner = this.index.bodies.get(found.binding.node);
    if (!inner || inner.kind !== 'function') return null;
    const roots = new Set([...paths].map((p) => p.split('.', 1)[0]!));
    if (![...roots].some((r) => body.captured.has(r))) return null;
    const write = this.outerWriteOfBody(inner);
    return write ? `\`${fn.text}\` ${write}` : null;
  }

  /** The first of `paths` that `node` reads (`agents`, `self.rows.x`), or null. */
  private mentionedPath(node: SyntaxNode, paths: ReadonlySet<string>): string | null {
    let found: string | null = null;
    walk(node, (n) => {
      if (found) return false;
      // `os.path` does not read a local `path`, nor does the keyword of `mode="a"`.
      if (n.type === 'identifier' && (n.parent?.type === 'attribute' || n.parent?.type === 'keyword_argument') && n.field !== 'object' && n.field !== 'value') return false;
      const path = n.type === 'identifier' || n.type === 'attribute' ? dottedName(n) : null;
      if (path) for (const p of paths) if (path === p || path.startsWith(`${p}.`)) found = p;
      return !found;
    });
    return found;
  }

  /**
   * Loop variables of `for` statements inside [start, end) whose iterable reads one of `paths`
   * (`for a in agents[:k]`, `for a in recovered(agents)`), mapped to that path: they hold its items.
   */
  private itemAliases(body: BodyIndex, paths: ReadonlySet<string>, start: number, end: number): Map<string, string> {
    const aliases = new Map<string, string>();
    walk(body.node, (n) => {
      if (n.end <= start || n.start >= end) return false;
      if (n !== body.node && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) return false;
      if (n.type !== 'for_statement' || n.start < start) return true;
      const right = field(n, 'right');
      const left = field(n, 'left');
      const path = right ? this.mentionedPath(right, paths) : null;
      if (path && left) {
        walk(left, (t) => {
          if (t.type === 'identifier' && !paths.has(t.text)) aliases.set(t.text, path);
        });
      }
      return true;
    });
    return aliases;
  }

  // ---- flows --------------------------------------------------------------------------------

  /** Record where the results of other calls reach `call`'s arguments. */
  private collectFlows(call: SyntaxNode, body: BodyIndex, flows: BulkFlowFact[]): void {
    const list = field(call, 'arguments');
    if (!list || list.type !== 'argument_list') return;
    const statement = statementOf(call);
    const reboundName = statement ? assignedName(statement) : null;
    let position = 0;
    for (const arg of list.children) {
      if (!arg.isNamed || arg.type === 'comment') continue;
      if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return;
      const keyword = arg.type === 'keyword_argument' ? (field(arg, 'name')?.text ?? null) : null;
      const index = keyword === null ? position++ : -1;
      const value = this.throughCopies(arg.type === 'keyword_argument' ? field(arg, 'value') : arg);
      if (!value) continue;
      if (value.type === 'call') {
        flows.push({ from: callKey(value), to: callKey(call), index, keyword, via: 'direct' });
        continue;
      }
      if (body.kind === 'class') continue;
      if (value.type === 'attribute') {
        // `self.rows = self.load()` … `self.rows = self.clean(self.rows)`: a job keeping its data on itself.
        const source = this.reachingAttributeCall(body, value);
        const path = source ? dottedName(value) : null;
        if (source && path) {
          const rebound = statement ? assignedPath(statement) === path : false;
          flows.push({ from: callKey(source), to: callKey(call), index, keyword, via: rebound ? 'rebound' : 'held' });
        }
        continue;
      }
      if (value.type !== 'identifier') continue;
      const source = this.reachingCall(body, value);
      if (source) {
        flows.push({ from: callKey(source), to: callKey(call), index, keyword, via: reboundName === value.text ? 'rebound' : 'held' });
      }
    }
  }

  /**
   * The call whose result `self.x`, read at `read`, holds: the last `self.x = call(...)` before it
   * in the same block or an enclosing one, with no other write to `self.x` in between.
   */
  private reachingAttributeCall(body: BodyIndex, read: SyntaxNode): SyntaxNode | null {
    const object = field(read, 'object');
    if (object?.type !== 'identifier' || (object.text !== 'self' && object.text !== 'cls')) return null;
    const path = dottedName(read);
    if (!path) return null;
    let latest: SyntaxNode | undefined;
    // Writes before the reading statement (its own `self.rows = …` target comes first in the text).
    const before = statementOf(read)?.start ?? read.start;
    for (let i = lowerBound(body.mutations, before) - 1; i >= 0; i--) {
      const m = body.mutations[i]!;
      if (m.type === 'attribute' && dottedName(m) === path) {
        latest = m;
        break;
      }
    }
    const statement = latest ? statementOf(latest) : undefined;
    const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
    if (!statement || statement.end > read.start || assignment?.type !== 'assignment' || field(assignment, 'left') !== latest) return null;
    if (!statement.parent || !(statement.parent.start <= read.start && read.end <= statement.parent.end)) return null;
    const right = this.throughCopies(field(assignment, 'right'));
    return right?.type === 'call' ? right : null;
  }

  /**
   * The value behind parentheses, `await` and builtin copies: `list(normalize(rows))` passes
   * `normalize`'s result on (one more copy, but the data still flows from stage to stage).
   */
  private throughCopies(node: SyntaxNode | undefined): SyntaxNode | undefined {
    let value = node;
    for (let i = 0; value && i < 8; i++) {
      if (value.type === 'parenthesized_expression' || value.type === 'await') {
        value = value.children.find((c) => c.isNamed);
        continue;
      }
      if (value.type !== 'call') break;
      const fn = field(value, 'function');
      const name = fn?.type === 'identifier' ? this.model.resolveExpression(fn) : null;
      if (!name || !COPYING_BUILTINS.has(name)) break;
      const args = field(value, 'arguments')?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
      if (args.length < 1 || args[0]!.type === 'keyword_argument' || args[0]!.type === 'list_splat') break;
      const inner = args[0]!;
      if (inner.type !== 'call' && inner.type !== 'parenthesized_expression' && inner.type !== 'await') break;
      value = inner;
    }
    return value;
  }

  /** The call whose result the local read at `read` holds (`rows = load()` … `f(rows)`), if any. */
  private reachingCall(body: BodyIndex, read: SyntaxNode): SyntaxNode | null {
    const stores = body.stores.get(read.text);
    if (!stores) return null;
    let latest: SyntaxNode | undefined;
    // The last store whose statement ends before the read (`rows = f(rows)` reads the previous one).
    for (let i = lowerBound(stores, read.start) - 1; i >= 0; i--) {
      const st = statementOf(stores[i]!);
      if (st && st.end <= read.start) {
        latest = stores[i];
        break;
      }
    }
    if (!latest) return null;
    const statement = statementOf(latest)!;
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment' || field(assignment, 'left') !== latest) return null;
    const right = this.throughCopies(field(assignment, 'right'));
    if (right?.type !== 'call') return null;
    // The read must see this binding: it is among the binding's reads.
    return seesBinding(body, latest, statement, read) ? right : null;
  }

  // ---- functions ----------------------------------------------------------------------------

  private functionFact(body: BodyIndex): BulkFunctionFact {
    const fn = body.node;
    const params: BulkParamFact[] = [];
    for (const p of field(fn, 'parameters')?.children ?? []) {
      const name = parameterName(p);
      if (!name) continue;
      const use = p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern'
        ? { kind: 'other', reason: 'variadic' } as const
        : this.toUseFact(usageOfParameter(this.index, fn, name.text));
      // `self`/`cls` are never a stage's source (see `paramNames`): their many reads need no look.
      const receiver = name.text === 'self' || name.text === 'cls';
      params.push({ name: name.text, use, randomAccess: !receiver && (body.loads.get(name.text) ?? []).some(isRandomAccess) });
    }
    const callKeys: CallKey[] = [];
    for (const call of body.calls) if (this.callee(call, body)) callKeys.push(callKey(call));
    return {
      id: body.scope.id,
      params,
      producer: body.yields > 0 ? null : this.producerFact(body),
      sideEffect: this.sideEffectOfBody(body),
      outerWrite: this.outerWriteOfBody(body),
      // `raise NotImplementedError` marks a stub that subclasses override, not an error path.
      raises: body.raises.some((r) => !/^raise\s+NotImplementedError\b/.test(this.model.source.text.slice(r.start, r.end))),
      returnsClass: annotatedClass(this.model, field(fn, 'return_type')),
      globalReads: this.globalReads(body),
      globalWrites: this.globalWrites(body, body.node.start, body.node.end),
      calls: callKeys,
      returnsNestedFunction: body.returns.some((r) => {
        const value = r.children.find((c) => c.isNamed && c.type !== 'comment');
        return value?.type === 'identifier' && body.scope.bindings.get(value.text)?.kind === 'function';
      }),
    };
  }

  /** The object a library call changes in place: `queue` in `heapq.heappop(queue)`. */
  private mutatedArgument(call: SyntaxNode): SyntaxNode | null {
    const name = this.calleeName(call);
    if (!name || !ARGUMENT_MUTATORS.has(name)) return null;
    return field(call, 'arguments')?.children.find((c) => c.isNamed && c.type !== 'comment') ?? null;
  }

  /** A side effect of the body itself: I/O, logging, writes to globals, parameters or their items. */
  private sideEffectOfBody(body: BodyIndex): string | null {
    if (body.declaresOuter) return 'declares global or nonlocal names';
    for (const call of body.calls) {
      const effect = this.sideEffectOf(call, body);
      if (effect) return effect;
    }
    for (const m of body.mutations) {
      const root = mutatedOuterName(body, writtenObject(m), this.model);
      if (root) return `mutates \`${root}\``;
    }
    return null;
  }

  /**
   * A write of the body to state it does not own: mutating or closing a parameter (`self`
   * included), a global or their items. Unlike `sideEffectOfBody`, I/O and logging do not count:
   * this is what a caller's call can change under a lazy producer reading the same objects.
   */
  private outerWriteOfBody(body: BodyIndex): string | null {
    if (body.declaresOuter) return 'declares global or nonlocal names';
    for (const call of body.calls) {
      const fn = field(call, 'function');
      const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      const method = fn?.type === 'attribute' ? field(fn, 'attribute')?.text ?? '' : '';
      const argument = this.mutatedArgument(call);
      if (argument) {
        const root = mutatedOuterName(body, argument, this.model);
        if (root) return `mutates \`${root}\``;
      }
      if (!receiver || !(MUTATORS.has(method) || CLOSERS.has(method))) continue;
      const root = mutatedOuterName(body, receiver, this.model);
      if (root) return `${MUTATORS.has(method) ? 'mutates' : 'closes or resets'} \`${root}\``;
    }
    for (const m of body.mutations) {
      const root = mutatedOuterName(body, writtenObject(m), this.model);
      if (root) return `mutates \`${root}\``;
    }
    // `open(path, "a")`, `os.remove(path)` on a path it is given: a lazy reader of that file sees the change.
    for (const call of body.calls) {
      const path = this.writtenFile(call, body);
      if (path && body.scope.bindings.get(path)?.kind === 'parameter') return `writes the file \`${path}\``;
    }
    return null;
  }

  /** The name (or dotted path) of the file a call writes, removes or renames, when it is written as one: `open(spool, "a")`. */
  private writtenFile(call: SyntaxNode, body: BodyIndex): string | null {
    if (!this.externalWrite(call, body)) return null;
    const first = field(call, 'arguments')?.children.find((c) => c.isNamed && c.type !== 'comment');
    return first && (first.type === 'identifier' || first.type === 'attribute') ? dottedName(first) : null;
  }

  /** A call that changes files or processes: `open(p, "w")`, `os.remove`, `shutil.*`, `subprocess.*`. */
  private externalWrite(call: SyntaxNode, body: BodyIndex): string | null {
    const fn = field(call, 'function');
    if (!fn) return null;
    const name = this.calleeName(call);
    if (name === 'builtins.open' || name === 'io.open') return opensForWriting(call) ? 'a file is opened for writing' : null;
    if (name && (/^(os|shutil|subprocess)\./.test(name) && !name.startsWith('os.path.') && (IO_CALLS.has(name) || !name.startsWith('os.')))) return `\`${name}\` runs`;
    if (fn.type === 'attribute') {
      const method = field(fn, 'attribute')?.text ?? '';
      const root = rootName(field(fn, 'object') ?? fn);
      if (/^(write|writelines|truncate|unlink|rename|replace|rmdir|write_text|write_bytes)$/.test(method) && !(root && isPlainLocal(body, root) && !looksLikeIo(root))) {
        return `\`.${method}()\` runs`;
      }
    }
    return null;
  }

  private sideEffectOf(call: SyntaxNode, body: BodyIndex): string | null {
    const fn = field(call, 'function');
    if (!fn) return null;
    const name = this.outputAlias(fn) ?? this.calleeName(call);
    if (name) {
      if (IO_CALLS.has(name)) return `it calls \`${name.replace(/^builtins\./, '')}\``;
      // `next(_ids)` on a module-level counter or `self._ids`: the caller may draw from it too, and
      // lazily the draws would interleave with the caller's.
      if (name === 'builtins.next') {
        const root = rootIdentifier(field(call, 'arguments')?.children.find((c) => c.isNamed && c.type !== 'comment'));
        if (root && (root.text === 'self' || root.text === 'cls' || this.moduleLevelName(root))) return `it advances \`${root.text}\``;
      }
      if (IO_PREFIXES.some((p) => name.startsWith(p)) && !PRIVATE_STATE_CONSTRUCTORS.has(name)) return `it calls \`${name}\``;
      if (name === 'builtins.open' && opensForWriting(call)) return 'it opens a file for writing';
      const argument = this.mutatedArgument(call);
      const mutated = argument ? mutatedOuterName(body, argument, this.model) : null;
      if (mutated) return `it mutates \`${mutated}\``;
    }
    if (fn.type === 'attribute') {
      const method = field(fn, 'attribute')?.text ?? '';
      const receiver = field(fn, 'object');
      const root = receiver ? rootName(receiver) : null;
      if (WRITE_METHODS.has(method) && !(root && isPlainLocal(body, root) && !looksLikeIo(root))) return `it calls \`.${method}()\``;
      if (LOG_METHODS.has(method) && receiver && /log/i.test(this.model.source.text.slice(receiver.start, receiver.end))) return 'it logs';
      // A shared generator — a module-level `RNG = random.Random(seed)`, `self.rng` — would
      // interleave its draws with the caller's when run lazily. (A parameter rng is checked at each
      // call site instead: only a caller drawing from it too makes the rewrite unsafe.)
      if (RANDOM_DRAWS.has(method) && root && (root === 'self' || root === 'cls' || (!body.scope.bindings.has(root)
        && this.model.lookup(root, fn)?.scope.kind === 'module' && this.model.lookup(root, fn)?.binding.kind === 'assignment'))) {
        return `it draws from \`${root}\``;
      }
      // `audit.info(...)`, `self.events.warning(...)`: a logger kept outside the function, whatever its name.
      if (LOGGER_METHODS.has(method) && root && !isPlainLocal(body, root)) return 'it logs';
      const mutated = MUTATORS.has(method) && receiver ? mutatedOuterName(body, receiver, this.model) : null;
      if (mutated) return `it mutates \`${mutated}\``;
      // `conn.close()` on the caller's connection: lazily, it would run only once the caller has
      // read everything (or never, if it stops early).
      if (CLOSERS.has(method) && root && !isPlainLocal(body, root)) return `it calls \`${root}.${method}()\``;
    }
    return null;
  }

  /**
   * What a module-level alias of an output function stands for: `echo = print`,
   * `say = sys.stdout.write`, `out = functools.partial(print, "  ")`. Null for anything else.
   */
  private outputAlias(fn: SyntaxNode): string | null {
    if (fn.type !== 'identifier') return null;
    const found = this.model.lookup(fn.text, fn);
    if (found?.scope.kind !== 'module' || found.binding.kind !== 'assignment') return null;
    const statement = statementOf(found.binding.node);
    const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
    let value = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
    if (value?.type === 'call' && this.calleeName(value) === 'functools.partial') {
      value = field(value, 'arguments')?.children.find((c) => c.isNamed && c.type !== 'comment');
    }
    const name = value && (value.type === 'identifier' || value.type === 'attribute') ? this.model.resolveExpression(value) : null;
    return name && (IO_CALLS.has(name) || IO_PREFIXES.some((p) => name.startsWith(p))) ? name : null;
  }

  /** What the function returns when it returns a freshly built collection. */
  private producerFact(body: BodyIndex): ProducerFact | null {
    const fn = body.node;
    const valued = body.returns.filter((r) => r.children.some((c) => c.isNamed && c.type !== 'comment'));
    if (valued.length === 0 || valued.length !== body.returns.length) return null;
    const returns: { node: SyntaxNode; value: SyntaxNode }[] = valued.map((r) => ({ node: r, value: stripParentheses(r.children.find((c) => c.isNamed)!) }));
    const empties = returns.filter((r) => isEmptyCollection(r.value, this.model));
    const built = returns.filter((r) => !empties.includes(r));
    if (built.length === 0) return null;
    const first = built[0]!.value;
    const params = paramNames(body);

    // `return other(...)` everywhere: a forwarder.
    if (built.every((r) => r.value.type === 'call' && !this.materializer(r.value))) {
      if (empties.length > 0 || built.some((r) => !this.callee(r.value, body))) return null;
      return {
        form: 'forward', collection: null, span: this.span(first), sourceParams: [],
        forwardCalls: built.map((r) => callKey(r.value)), conversion: null, blocker: null, blockerKind: null,
      };
    }

    let shape: Omit<ProducerShape, 'model' | 'fn' | 'body'> | null = null;
    let sources: SyntaxNode[] = [];
    let span = first;
    const returnRoles = (builtSet: readonly SyntaxNode[]) => returns.map((r) => ({ node: r.node, role: builtSet.includes(r.node) ? 'built' as const : 'empty' as const }));
    const comprehensionKind = COMPREHENSION_KIND[first.type];
    if (comprehensionKind && built.every((r) => r.value.type === first.type)) {
      shape = { form: 'comprehension', collection: comprehensionKind, returns: returnRoles(built.map((r) => r.node)), built: built.map((r) => r.value) };
      sources = built.map((r) => firstIterable(r.value)).filter((n): n is SyntaxNode => !!n);
    } else if (first.type === 'call' && built.length === 1 && this.materializer(first)) {
      const kind = this.materializer(first)!;
      shape = { form: 'materialize', collection: kind, returns: returnRoles([built[0]!.node]), built: [first] };
      sources = [first];
    } else if (first.type === 'identifier' && built.every((r) => r.value.type === 'identifier' && r.value.text === first.text)) {
      const local = this.localProducer(body, first.text, built.map((r) => r.value));
      if (!local) return null;
      shape = { ...local.shape, returns: returnRoles(built.map((r) => r.node)) };
      sources = local.sources;
      span = local.span;
    }
    if (!shape && built.length === 1 && empties.length === 0 && first.type === 'list' && first.children.some((c) => c.type === 'list_splat')) {
      // `return [*orders, *refunds]`: a whole new list concatenated from the inputs.
      const parts = first.children.filter((c) => c.type === 'list_splat').map((c) => c.children.find((k) => k.isNamed)).filter((n): n is SyntaxNode => !!n);
      return {
        form: 'materialize', collection: 'list', span: this.span(first), sourceParams: sourceParams(params, parts, this.model),
        forwardCalls: [], conversion: null, blockerKind: 'hazard',
        blocker: 'it concatenates whole lists with `[*a, *b]`: a generator would `yield from` each part',
      };
    }
    if (!shape) return null;
    const full: ProducerShape = { model: this.model, fn, body, ...shape };
    const converted = convertToGenerator(full, (call) => this.sideEffectOf(call, body));
    const { blocker, blockerKind } = converted;
    let conversion = converted.conversion;
    const rebound = conversion ? this.reboundOuterRead(body) : null;
    if (conversion && rebound) {
      conversion = {
        ...conversion,
        hazards: [...conversion.hazards, `it reads \`${rebound}\`, which other code rebinds (\`global ${rebound}\`): run lazily, it could see a later value`],
      };
    }
    return {
      form: shape.form,
      collection: shape.collection,
      span: this.span(span),
      sourceParams: sourceParams(params, sources, this.model),
      forwardCalls: [],
      conversion,
      blocker,
      blockerKind,
    };
  }

  /**
   * A name the function reads from an enclosing scope that some function of this module rebinds
   * through `global`/`nonlocal` (a threshold or mode switched at run time), or null.
   */
  private reboundOuterRead(body: BodyIndex): string | null {
    if (!this.reboundNames) {
      this.reboundNames = new Set();
      for (const b of this.index.bodies.values()) for (const name of b.scope.declaredOuter) this.reboundNames.add(name);
    }
    if (this.reboundNames.size === 0) return null;
    const names = this.reboundNames;
    let found: string | null = null;
    walk(body.node, (n) => {
      if (found) return false;
      if (n.type !== 'identifier' || !names.has(n.text)) return true;
      const parent = n.parent;
      if ((parent?.type === 'attribute' && n.field === 'attribute') || (parent?.type === 'keyword_argument' && n.field === 'name')) return true;
      if (body.scope.bindings.has(n.text) && !body.scope.declaredOuter.has(n.text)) return true;
      found = n.text;
      return false;
    });
    return found;
  }

  private materializer(call: SyntaxNode): CollectionKind | null {
    const fn = field(call, 'function');
    const name = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? this.model.resolveExpression(fn) : null;
    const kind = name ? MATERIALIZERS.get(name) : undefined;
    if (!kind) return null;
    const args = field(call, 'arguments');
    if (args?.type === 'generator_expression') return kind;
    const positional = args?.children.filter((c) => c.isNamed && c.type !== 'comment' && c.type !== 'keyword_argument') ?? [];
    return positional.length === 1 && positional[0]!.type !== 'list_splat' ? kind : null;
  }

  /** `out = []` + ops + `return out`, or `rows = [...]` + `return rows`. */
  private localProducer(body: BodyIndex, name: string, returned: readonly SyntaxNode[]): {
    shape: Omit<ProducerShape, 'model' | 'fn' | 'body' | 'returns'>; sources: SyntaxNode[]; span: SyntaxNode;
  } | null {
    if (body.captured.has(name)) return null;
    const bindingKind = body.scope.bindings.get(name)?.kind;
    if (bindingKind !== 'assignment' && bindingKind !== 'parameter') return null;
    const pipeline = comprehensionPipeline(body, name, returned, bindingKind === 'parameter');
    if (pipeline) return pipeline;
    if (bindingKind !== 'assignment') return null;
    const stores = body.stores.get(name) ?? [];
    if (stores.length === 0) return null;
    const initTarget = stores[0]!;
    const init = statementOf(initTarget);
    const assignment = init?.type === 'expression_statement' ? init.children[0] : undefined;
    if (!init || assignment?.type !== 'assignment' || field(assignment, 'left') !== initTarget) return null;
    const rightNode = field(assignment, 'right');
    if (!rightNode) return null;
    const right = stripParentheses(rightNode);
    const loads = (body.loads.get(name) ?? []).filter((l) => !returned.includes(l));
    const rebound = stores.length > 1;

    const comprehensionKind = COMPREHENSION_KIND[right.type];
    if (comprehensionKind) {
      if (rebound || loads.length > 0) return null;
      const iterable = firstIterable(right);
      return {
        shape: { form: 'local-comprehension', collection: comprehensionKind, built: [right], localStatement: init },
        sources: iterable ? [iterable] : [], span: right,
      };
    }
    if (right.type === 'call' && this.materializer(right) && !rebound && loads.length === 0) {
      return {
        shape: { form: 'materialize', collection: this.materializer(right)!, built: [right], localStatement: init },
        sources: [right], span: right,
      };
    }
    // `lines = [header]` … `lines.append(…)`: a list seeded with its first items accumulates too.
    const kind = emptyCollectionKind(right, this.model) ?? (isSeededList(right) ? 'list' : null);
    if (!kind) return null;
    // Accumulate: classify every read of the accumulator.
    const ops: AccumulatorOp[] = [];
    const reads: SyntaxNode[] = [];
    const loops: SyntaxNode[] = [];
    let adds = 0;
    for (const load of loads) {
      const op = accumulatorOp(load, kind);
      if (op === 'grow') {
        adds++;
        addLoops(load, body.node, loops);
        continue;
      }
      if (op) {
        ops.push(op);
        adds++;
        addLoops(load, body.node, loops);
        continue;
      }
      reads.push(load);
    }
    // Augmented `out += xs` is a store too.
    for (const s of stores.slice(1)) {
      const aug = s.parent?.type === 'augmented_assignment' ? s.parent : undefined;
      if (aug && field(aug, 'left') === s) {
        const value = field(aug, 'right');
        const statement = aug.parent;
        if (value && statement?.type === 'expression_statement' && kind !== 'dict') {
          ops.push({ statement, expression: aug, kind: 'items', value });
          adds++;
          addLoops(s, body.node, loops);
        }
      }
    }
    if (adds === 0 || loops.length === 0) return null;
    // A dict read while it is filled (`d.get(k)`, `d[k] += …`) aggregates: it is not a copy of the data.
    if (kind === 'dict' && reads.length > 0) return null;
    const augmentedStores = stores.slice(1).filter((s) => s.parent?.type === 'augmented_assignment');
    return {
      shape: {
        form: 'accumulate', collection: kind, built: [],
        accumulator: { name, init, ops: ops.sort((a, b) => a.statement.start - b.statement.start), reads, rebound: stores.length - 1 > augmentedStores.length },
      },
      sources: loops.filter((l) => l.type === 'for_statement').map((l) => field(l, 'right')).filter((n): n is SyntaxNode => !!n),
      span: init,
    };
  }

  private span(node: SyntaxNode) {
    return this.model.source.span(node.start, node.end);
  }
}

/**
 * `rows = [... for r in rows]` rebound step by step, then returned: `rows = [clean(r) for r in raw]`,
 * `rows = [r for r in rows if r.ok]`, `return rows` (or the same steps over a parameter `rows`).
 * Each step builds a whole new collection from the previous one and the caller gets the last one,
 * so the function produces a fresh collection from the first step's input. Only consecutive plain
 * assignments of comprehensions of one kind, right before the function's only `return`, each
 * reading the name only as its iterable: then each step can become a generator expression.
 */
function comprehensionPipeline(body: BodyIndex, name: string, returned: readonly SyntaxNode[], isParameter: boolean): {
  shape: Omit<ProducerShape, 'model' | 'fn' | 'body' | 'returns'>; sources: SyntaxNode[]; span: SyntaxNode;
} | null {
  const stores = body.stores.get(name) ?? [];
  if (stores.length < (isParameter ? 1 : 2) || returned.length !== 1 || body.returns.length !== 1) return null;
  const statements: SyntaxNode[] = [];
  const comprehensions: SyntaxNode[] = [];
  for (const target of stores) {
    const statement = statementOf(target);
    const assignment = statement?.type === 'expression_statement' ? statement.children[0] : undefined;
    if (!statement || assignment?.type !== 'assignment' || field(assignment, 'left') !== target) return null;
    const right = field(assignment, 'right');
    const comprehension = right ? stripParentheses(right) : null;
    if (!comprehension || !COMPREHENSION_KIND[comprehension.type]) return null;
    statements.push(statement);
    comprehensions.push(comprehension);
  }
  const kind = COMPREHENSION_KIND[comprehensions[0]!.type]!;
  if (comprehensions.some((c) => COMPREHENSION_KIND[c.type] !== kind)) return null;
  const returnStatement = body.returns[0]!;
  const order = [...statements, returnStatement];
  for (let i = 1; i < order.length; i++) if (nextSibling(order[i - 1]!) !== order[i]) return null;
  // Every read of the name (but the return) is the iterable of a later step: nothing else sees a
  // whole intermediate collection.
  const readers = comprehensions.slice(isParameter ? 0 : 1).map(firstIterable);
  const loads = (body.loads.get(name) ?? []).filter((l) => !returned.includes(l));
  if (readers.some((it) => !it || !loads.some((l) => l.start >= it.start && l.end <= it.end))) return null;
  if (loads.some((l) => !readers.some((it) => it && l.start >= it.start && l.end <= it.end))) return null;
  const first = comprehensions[0]!;
  const iterable = firstIterable(first);
  return {
    shape: { form: 'local-comprehension', collection: kind, built: comprehensions, localStatement: statements[statements.length - 1]! },
    sources: iterable ? [iterable] : [], span: first,
  };
}

function nextSibling(statement: SyntaxNode): SyntaxNode | undefined {
  const siblings = statement.parent?.children ?? [];
  for (let i = siblings.indexOf(statement) + 1; i < siblings.length; i++) {
    const c = siblings[i]!;
    if (c.isNamed && c.type !== 'comment') return c;
  }
  return undefined;
}

/** Builtins whose result iterates their (iterable) arguments: `enumerate(rows)`, `sorted(rows)`. */
const ITERATING_CALLS: ReadonlySet<string> = new Set([
  'builtins.enumerate', 'builtins.zip', 'builtins.reversed', 'builtins.sorted', 'builtins.filter', 'builtins.map',
  'builtins.iter', 'builtins.list', 'builtins.set', 'builtins.tuple', 'builtins.frozenset', 'builtins.dict',
  'csv.reader', 'csv.DictReader',
]);

/**
 * Parameters whose items the collection is built from: iterated directly by the building loop or
 * comprehension (`for r in rows`, `enumerate(rows)`, `rows.items()`, `rows[1:]`, `sorted(rows)`),
 * not merely mentioned in it (`range(n)`, `len(rows)`, `f(rows)`).
 */
function sourceParams(params: readonly string[], sources: readonly SyntaxNode[], model: SemanticModel): string[] {
  if (params.length === 0) return [];
  const found = new Set<string>();
  const stack = [...sources];
  let steps = 0;
  while (stack.length > 0 && steps++ < 200) {
    const n = stripParentheses(stack.pop()!);
    switch (n.type) {
      case 'identifier':
        found.add(n.text);
        break;
      case 'attribute': {
        const dotted = dottedName(n);
        if (dotted) found.add(dotted.split('.')[0]!);
        break;
      }
      case 'subscript': {
        const value = field(n, 'value');
        if (value) stack.push(value);
        break;
      }
      case 'binary_operator':
        for (const c of n.children) if (c.isNamed) stack.push(c);
        break;
      case 'list_comprehension': case 'set_comprehension': case 'generator_expression': case 'dictionary_comprehension': {
        const first = firstIterable(n);
        if (first) stack.push(first);
        break;
      }
      case 'call': {
        const callee = field(n, 'function');
        const args = field(n, 'arguments');
        if (!callee || !args) break;
        if (callee.type === 'attribute' && /^(items|values|keys|copy)$/.test(field(callee, 'attribute')?.text ?? '')) {
          const object = field(callee, 'object');
          if (object) stack.push(object);
          break;
        }
        const name = callee.type === 'identifier' || callee.type === 'attribute' ? model.resolveExpression(callee) : null;
        if (!name || !(ITERATING_CALLS.has(name) || name.startsWith('itertools.'))) break;
        if (args.type === 'generator_expression') {
          stack.push(args);
          break;
        }
        const positional = args.children.filter((c) => c.isNamed && c.type !== 'comment' && c.type !== 'keyword_argument');
        const skip = name === 'builtins.map' || name === 'builtins.filter' || name === 'itertools.starmap' ? 1 : 0;
        for (const a of positional.slice(skip)) stack.push(a);
        break;
      }
    }
  }
  return params.filter((p) => found.has(p));
}

function enclosingFunctionBody(body: BodyIndex): BodyIndex | null {
  for (let b: BodyIndex | null = body; b; b = b.parent) if (b.kind === 'function') return b;
  return null;
}


function paramNames(body: BodyIndex): string[] {
  const out: string[] = [];
  for (const p of field(body.node, 'parameters')?.children ?? []) {
    const name = parameterName(p);
    if (name && name.text !== 'self' && name.text !== 'cls') out.push(name.text);
  }
  return out;
}

/** The first `for … in <iterable>` of a comprehension. */
function firstIterable(comprehension: SyntaxNode): SyntaxNode | undefined {
  const clause = comprehension.children.find((c) => c.type === 'for_in_clause');
  return clause ? field(clause, 'right') : undefined;
}

/** `return []`, `return list()`, `return ()`: an empty result a generator can replace with `return`. */
function isEmptyCollection(node: SyntaxNode, model: SemanticModel): boolean {
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'dictionary') {
    return !node.children.some((c) => c.isNamed && c.type !== 'comment');
  }
  if (node.type !== 'call') return false;
  const fn = field(node, 'function');
  const name = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? model.resolveExpression(fn) : null;
  const args = field(node, 'arguments')?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
  return args.length === 0 && !!name && /^builtins\.(list|set|tuple|dict|frozenset)$/.test(name);
}

/** `[a, b]`: a list display with items and no `*splat` (its items become the first `yield`s). */
function isSeededList(node: SyntaxNode): boolean {
  const items = node.type === 'list' ? node.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
  return items.length > 0 && items.every((c) => c.type !== 'list_splat');
}

/** `[]`, `{}`, `set()`, `list()`, `dict()`, `defaultdict(list)`: the kind of an empty collection. */
function emptyCollectionKind(node: SyntaxNode, model: SemanticModel): CollectionKind | null {
  if (node.type === 'list' && !node.children.some((c) => c.isNamed && c.type !== 'comment')) return 'list';
  if (node.type === 'dictionary' && !node.children.some((c) => c.isNamed && c.type !== 'comment')) return 'dict';
  if (node.type === 'call') {
    const fn = field(node, 'function');
    const name = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? model.resolveExpression(fn) : null;
    const kind = name ? EMPTY_CALLS.get(name) : undefined;
    if (!kind) return null;
    const args = field(node, 'arguments')?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
    return args.length === 0 || name === 'collections.defaultdict' ? kind : null;
  }
  return null;
}

/**
 * What a read of accumulator `out` does: an op the generator rewrite turns into `yield`, another
 * growing write (`out[k] = v`, `out[k].append(v)`, `out.setdefault(k, []).append(v)`), or null (a read).
 */
function accumulatorOp(load: SyntaxNode, kind: CollectionKind): AccumulatorOp | 'grow' | null {
  const parent = load.parent;
  if (!parent) return null;
  if (parent.type === 'attribute' && load.field === 'object') {
    const method = field(parent, 'attribute')?.text ?? '';
    const call = parent.parent;
    if (call?.type !== 'call' || parent.field !== 'function') return null;
    const args = field(call, 'arguments')?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
    if (kind === 'dict') {
      // out.update(pairs); out.setdefault(k, []).append(v)
      if (method === 'update' && call.parent?.type === 'expression_statement') return 'grow';
      const chained = call.parent?.type === 'attribute' && call.field === 'object' ? call.parent : undefined;
      return method === 'setdefault' && chained && /^(append|add|extend)$/.test(field(chained, 'attribute')?.text ?? '')
        && chained.parent?.type === 'call' && chained.parent.parent?.type === 'expression_statement' ? 'grow' : null;
    }
    const statement = call.parent?.type === 'expression_statement' ? call.parent : undefined;
    if (!statement) return null;
    const argList = field(call, 'arguments');
    const single = argList?.type === 'generator_expression' ? argList
      : args.length === 1 && args[0]!.type !== 'keyword_argument' && args[0]!.type !== 'list_splat' ? args[0]! : undefined;
    if (!single) return null;
    if (argList?.type === 'generator_expression' && !(method === 'extend' || method === 'update')) return null;
    if ((kind === 'list' && method === 'append') || (kind === 'set' && method === 'add')) return { statement, expression: call, kind: 'item', value: single };
    if ((kind === 'list' && method === 'extend') || (kind === 'set' && method === 'update')) return { statement, expression: call, kind: 'items', value: single };
    return null;
  }
  if (kind !== 'dict' || parent.type !== 'subscript' || load.field !== 'value') return null;
  // out[k] = v
  const up = parent.parent;
  if (up?.type === 'assignment' && field(up, 'left') === parent) return 'grow';
  // out[k].append(v) on a defaultdict(list)
  if (up?.type === 'attribute' && parent.field === 'object' && /^(append|add|extend)$/.test(field(up, 'attribute')?.text ?? '')
    && up.parent?.type === 'call' && up.parent.parent?.type === 'expression_statement') return 'grow';
  return null;
}

/** Add the `for`/`while` loops (inside `stop`) around `node` to `loops`. */
function addLoops(node: SyntaxNode, stop: SyntaxNode, loops: SyntaxNode[]): void {
  for (let p = node.parent; p && p !== stop; p = p.parent) {
    if ((p.type === 'for_statement' || p.type === 'while_statement') && !loops.includes(p)) loops.push(p);
  }
}

/** `self.x = …` statement: the assigned attribute path. */
function assignedPath(statement: SyntaxNode): string | null {
  const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
  const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
  return left?.type === 'attribute' ? dottedName(left) : null;
}

/** `x = …` statement: the bound name. */
function assignedName(statement: SyntaxNode): string | null {
  const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
  const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
  return left?.type === 'identifier' ? left.text : null;
}

const LOOKUP_METHODS: ReadonlySet<string> = new Set(['get', 'index', 'pop', 'setdefault', 'count', '__getitem__', '__contains__']);

/** `p[k]` (not a slice), `p.get(k)`, `x in p`: the value is looked up, not streamed. */
function isRandomAccess(load: SyntaxNode): boolean {
  const parent = load.parent;
  if (!parent) return false;
  const type = parent.type;
  if (type === 'subscript') {
    return load.field === 'value' && !parent.children.some((c) => c.field === 'subscript' && c.type === 'slice');
  }
  if (type === 'attribute') return load.field === 'object' && LOOKUP_METHODS.has(field(parent, 'attribute')?.text ?? '');
  if (type === 'comparison_operator') {
    const op = parent.children.find((c) => c.field === 'operators');
    const operands = parent.children.filter((c) => c.isNamed);
    return (op?.type === 'in' || op?.type === 'not in') && operands[1] === load;
  }
  return false;
}

function opensForWriting(call: SyntaxNode): boolean {
  const args = field(call, 'arguments')?.children.filter((c) => c.isNamed) ?? [];
  const mode = args.find((a) => a.type === 'keyword_argument' && field(a, 'name')?.text === 'mode') ?? args[1];
  const value = mode?.type === 'keyword_argument' ? field(mode, 'value') : mode;
  const text = value?.children.find((c) => c.type === 'string_content')?.text ?? '';
  return /[wax+]/.test(text);
}

/** Receivers named like files, sockets or streams write somewhere even when local. */
function looksLikeIo(name: string): boolean {
  return /^(f|fh|fp|out|output|stream|file|sock|conn|writer|w|csv_writer|handle|dst|dest)$/i.test(name) || /(file|stream|writer|socket|conn)/i.test(name);
}
