// PSL304's per-file analysis: caught exceptions (and tracebacks) kept past their handler, and
// what the link step needs to follow one into a function of another file.
import type { SemanticModel } from './scope.js';
import { statementText as firstLine } from './cycles.js';
import type { ExceptionFacts, ExceptionFinding, ExceptionHandoff, ExceptionMessageId } from './cycle-types.js';
import { field, walk, type SyntaxNode } from '../source/syntax.js';

/** Methods that put their argument into the receiver. `put`/`set_exception` hand it over instead. */
const CONTAINER_METHODS: ReadonlySet<string> = new Set([
  'append', 'appendleft', 'add', 'insert', 'extend', 'setdefault', 'update', 'push',
]);

const SIMPLE_STATEMENTS: ReadonlySet<string> = new Set([
  'expression_statement', 'return_statement', 'raise_statement', 'assert_statement', 'delete_statement',
]);

const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda']);

/** Attributes of an exception or traceback that lead to frames. */
const FRAME_ATTRIBUTES: ReadonlySet<string> = new Set(['__traceback__', 'tb_frame', 'tb_next', 'f_back']);
/** Attributes that hold another exception. */
const EXCEPTION_ATTRIBUTES: ReadonlySet<string> = new Set(['__context__', '__cause__']);
const CHAINING_ATTRIBUTES: ReadonlySet<string> = new Set(['__context__', '__cause__']);

type StoreKind = 'local' | 'object' | 'container';

interface Store {
  readonly kind: StoreKind;
  readonly statement: SyntaxNode;
  /** Local names bound to the exception (for `local` stores). */
  readonly names: readonly string[];
  /** The value came from `sys.exc_info()` / `sys.exception()` / a traceback. */
  readonly excInfo: boolean;
  /** Container stores into a local (`errors.append(e)`): its name, which a `finally` may clear. */
  readonly container?: string;
  /** A `global`/`nonlocal` name. */
  readonly outer?: boolean;
  /** Handed to a helper of this file that keeps it (`self._fail(item, e)`). */
  readonly helper?: boolean;
  /**
   * Handed to a function this file does not define (`record_failure(step, exc)` from another
   * module): the arguments that carry it. Not a store until the link step finds that it keeps them.
   */
  readonly handoff?: ExceptionHandoff['args'];
  /** The call of a `handoff`. */
  readonly call?: SyntaxNode;
}

/**
 * PSL304's facts for one file: the stores it decides here, the calls that hand a caught exception
 * to a function of another file, and which parameters this file's functions keep (for the calls
 * other files make to them).
 */
export function collectExceptionFacts(model: SemanticModel): ExceptionFacts {
  const findings: ExceptionFinding[] = [];
  const handoffs: ExceptionHandoff[] = [];
  const reported = new Set<number>();
  const pending = new Map<number, ExceptionHandoff>();
  const report = (store: Store, name: string) => {
    if (reported.has(store.statement.start)) return;
    if (store.handoff) {
      if (!pending.has(store.statement.start)) {
        const call = store.call!;
        pending.set(store.statement.start, {
          span: model.source.span(store.statement.start, store.statement.end),
          text: statementText(model, store.statement), name,
          callStart: call.start, callEnd: call.end,
          // A traceback handed on (`__exit__`'s `tb`) is one, whatever the argument looks like.
          args: store.excInfo ? store.handoff.map((a) => ({ ...a, excInfo: true })) : store.handoff,
        });
      }
      return;
    }
    reported.add(store.statement.start);
    const messageId: ExceptionMessageId = store.excInfo
      ? store.kind === 'local' ? 'excInfoLocal' : 'excInfoStored'
      : store.outer ? 'keptInOuter' : store.helper ? 'keptByHelper'
        : store.kind === 'local' ? 'keptInLocal' : store.kind === 'object' ? 'storedOnObject' : 'storedInContainer';
    // `_, _, tb = sys.exc_info()`: name `tb` in the message, and clear every name that holds one.
    const shown = store.names.find((n) => n !== '_') ?? store.names[0] ?? name;
    const cleared = store.names.length > 0 ? [...new Set(store.names)].join('`, `') : name;
    findings.push({
      span: model.source.span(store.statement.start, store.statement.end),
      messageId,
      text: statementText(model, store.statement),
      name: shown,
      clear: store.kind === 'local' ? cleared : null,
    });
  };
  const keptParams: { functionId: string; param: string }[] = [];
  walk(model.root, (node) => {
    if (node.type === 'except_clause' || node.type === 'except_group_clause') {
      for (const { store, name } of handlerStores(model, node)) report(store, name);
    } else if (node.type === 'function_definition') {
      for (const { store, name } of exitStores(model, node)) report(store, name);
      keptParams.push(...keptParamsOf(model, node));
    } else if (node.type === 'call' && isExcInfoCall(model, node)) {
      const store = excInfoStore(model, node);
      if (store) report(store, store.names[0] ?? 'exc_info');
    }
  });
  for (const [start, handoff] of pending) if (!reported.has(start)) handoffs.push(handoff);
  return { findings, handoffs, keptParams };
}

/**
 * The parameters a module-level function or a method keeps (what other files can call; nested
 * functions are only called here). The instance or class of a method is left out.
 */
function keptParamsOf(model: SemanticModel, def: SyntaxNode): { functionId: string; param: string }[] {
  const scope = model.scopeFor(def);
  const parent = scope?.parent;
  if (!scope || !parent || (parent.kind !== 'module' && parent.kind !== 'class')) return [];
  // A constructor called on its own (`Wrapper(e)` as a statement) makes an object dropped at once;
  // a kept one is followed where it is kept (`self.err = Wrapper(e)`).
  if (field(def, 'name')?.text === '__init__') return [];
  const params = (field(def, 'parameters')?.children ?? []).filter((p) => p.isNamed && p.type !== 'comment');
  const skip = parent.kind === 'class' && !isStatic(def) ? 1 : 0;
  const out: { functionId: string; param: string }[] = [];
  for (const p of params.slice(skip)) {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator' || p.type === 'positional_separator') continue;
    const name = paramName(p);
    if (name && paramKept(model, def, name)) out.push({ functionId: scope.id, param: name });
  }
  return out;
}

function isStatic(def: SyntaxNode): boolean {
  const decorated = def.parent?.type === 'decorated_definition' ? def.parent : null;
  return !!decorated?.children.some((d) => d.type === 'decorator' && /^@\s*staticmethod\b/.test(d.text));
}

/** Stores of the handler's exception (and its aliases) that outlive the handler. */
function handlerStores(model: SemanticModel, clause: SyntaxNode): { store: Store; name: string }[] {
  const as = clause.children.find((c) => c.type === 'as_pattern');
  const alias = as ? field(as, 'alias')?.children.find((c) => c.type === 'identifier')?.text : undefined;
  const block = clause.children.find((c) => c.type === 'block');
  if (!block) return [];
  // A handler without `as` may still take the exception from `sys.exc_info()` into locals
  // (`_, _, tb = sys.exc_info()`) and keep one of those (`self.tracebacks[name] = tb`).
  const name = alias ?? 'exc_info';
  const carriers = new Set(alias ? [alias] : []);
  /** Locals holding what `sys.exc_info()` returned: keeping one keeps a traceback. */
  const traces = new Set<string>();
  const out: { store: Store; name: string }[] = [];
  const statements = simpleStatements(block);
  // `e.__traceback__ = None` / `e.with_traceback(None)`: the exception no longer holds any frame.
  const stripped = alias !== undefined && statements.some((st) => dropsTraceback(st, alias));
  for (const statement of statements) {
    for (const found of storesIn(model, statement, carriers)) {
      // Kept through a local of `sys.exc_info()`: a traceback store, however it is spelled.
      const store = !found.excInfo && traces.size > 0 && storesIn(model, statement, traces).length > 0
        ? { ...found, excInfo: true } : found;
      if (stripped && !store.excInfo) continue;
      if (store.kind === 'local' && store.excInfo && !store.outer) for (const n of store.names) traces.add(n);
      if (store.kind === 'local' && !store.outer) {
        // Rebinding the handler's own name: Python deletes it at the end of the handler anyway.
        const names = store.names.filter((n) => n !== alias);
        if (names.length === 0) continue;
        for (const n of names) carriers.add(n);
        // Returning or raising the alias does not help: the frame the traceback holds keeps
        // the local after the function has left (`raise last_exc` after a retry loop, `return
        // value, error`). Only clearing it (`del`, `= None`, in a `finally`) breaks the cycle.
        if (isCleared(model, { ...store, names }, clause)) continue;
      }
      if (store.kind === 'container' && store.container && isCleared(model, { ...store, names: [store.container] }, clause)) continue;
      out.push({ store, name });
    }
  }
  return out;
}

/**
 * A context manager's `__exit__(self, exc_type, exc, tb)` is handed the exception the `with` block
 * raised: its traceback holds the frame of that block, which holds the context manager (`with
 * capture() as c`). Keeping `exc` or `tb` on the manager (or in a container) makes a cycle;
 * locals of `__exit__` do not, as its own frame is not in the traceback.
 */
function exitStores(model: SemanticModel, def: SyntaxNode): { store: Store; name: string }[] {
  const method = field(def, 'name')?.text;
  if ((method !== '__exit__' && method !== '__aexit__') || def.parent?.parent?.type !== 'class_definition') return [];
  const params = field(def, 'parameters')?.children.filter((c) => c.isNamed).map(paramName) ?? [];
  const body = field(def, 'body');
  if (params.length !== 4 || !body) return [];
  const [exc, tb] = [params[2], params[3]];
  if (!exc || !tb) return [];
  const statements = simpleStatements(body);
  const out: { store: Store; name: string }[] = [];
  // The traceback first, so that a statement keeping both reads as a traceback store.
  for (const [name, isTraceback] of [[tb, true], [exc, false]] as const) {
    if (!isTraceback && statements.some((st) => dropsTraceback(st, exc))) continue;
    const carriers = new Set([name]);
    for (const statement of statements) {
      for (const store of storesIn(model, statement, carriers)) {
        if (store.kind === 'local') {
          for (const n of store.names) carriers.add(n);
          continue;
        }
        const target = storeTarget(model, statement);
        // `exc.__traceback__ = tb` puts back what an exception already held.
        if (target && (carriers.has(target.split('.')[0]!) || target.endsWith('.__traceback__') || target === exc)) continue;
        // `self._errors = None` in a `finally` of `__exit__` drops what it kept.
        if (target && clearedInFinally(model, statements, target, statement)) continue;
        out.push({ store: isTraceback ? { ...store, excInfo: true } : store, name });
      }
    }
  }
  return out;
}

/** What a store statement writes into: `self.error` for `self.error = e` and `self.error.append(e)`. */
function storeTarget(model: SemanticModel, statement: SyntaxNode): string | null {
  const expr = statement.children[0];
  let node: SyntaxNode | undefined;
  if (expr?.type === 'assignment') {
    const left = field(expr, 'left');
    node = left?.type === 'attribute' ? left : left?.type === 'subscript' ? field(left, 'value') : undefined;
  } else if (expr?.type === 'call') {
    const callee = field(expr, 'function');
    node = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
  }
  return node ? model.source.slice(node) : null;
}

function clearedInFinally(model: SemanticModel, statements: readonly SyntaxNode[], target: string, after: SyntaxNode): boolean {
  return statements.some((st) => {
    if (st.start < after.end || !isInFinally(st)) return false;
    if (st.type === 'delete_statement') return st.children.some((c) => model.source.slice(c) === target);
    const expr = st.children[0];
    const left = expr?.type === 'assignment' ? field(expr, 'left') : undefined;
    return left !== undefined && model.source.slice(left) === target && field(expr!, 'right')?.type === 'none';
  });
}

/** `name.__traceback__ = None` or `name.with_traceback(None)` as a statement. */
function dropsTraceback(statement: SyntaxNode, name: string): boolean {
  const expr = statement.type === 'expression_statement' ? statement.children[0] : undefined;
  if (expr?.type === 'assignment') {
    const left = field(expr, 'left');
    return left?.type === 'attribute' && field(left, 'attribute')?.text === '__traceback__'
      && field(left, 'object')?.text === name && field(expr, 'right')?.type === 'none';
  }
  if (expr?.type === 'call') {
    const callee = field(expr, 'function');
    const arg = field(expr, 'arguments')?.children.filter((c) => c.isNamed);
    return callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'with_traceback'
      && field(callee, 'object')?.text === name && arg?.length === 1 && arg[0]!.type === 'none';
  }
  return false;
}

/** `x = sys.exc_info()` and friends: a local only counts inside a handler of the same function. */
function excInfoStore(model: SemanticModel, call: SyntaxNode): Store | null {
  let statement: SyntaxNode | null = call.parent;
  while (statement && !SIMPLE_STATEMENTS.has(statement.type)) {
    if (NESTED_SCOPES.has(statement.type) || statement.type === 'block') return null;
    statement = statement.parent;
  }
  if (!statement) return null;
  const stores = storesIn(model, statement, new Set()).filter((s) => s.excInfo);
  const store = stores[0];
  if (!store) return null;
  const handler = enclosingHandler(statement);
  if (store.kind === 'container' && store.container && handler && isCleared(model, { ...store, names: [store.container] }, handler)) return null;
  if (store.kind !== 'local') return store;
  if (!handler) return null;
  return isCleared(model, store, handler) ? null : store;
}

function enclosingHandler(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'except_clause' || p.type === 'except_group_clause') return p;
    if (NESTED_SCOPES.has(p.type)) return null;
  }
  return null;
}

/** Simple statements of a block, in order, not entering nested functions or classes. */
function simpleStatements(block: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(block, (n) => {
    if (NESTED_SCOPES.has(n.type) || n.type === 'decorated_definition') return false;
    if (SIMPLE_STATEMENTS.has(n.type)) {
      out.push(n);
      return false;
    }
    return true;
  });
  return out;
}

/** `a = b = value`: the targets, left to right, and the value they all get. */
function chainedAssignment(assignment: SyntaxNode): { targets: SyntaxNode[]; value: SyntaxNode | undefined } {
  let value: SyntaxNode | undefined = assignment;
  const targets: SyntaxNode[] = [];
  while (value?.type === 'assignment') {
    const left = field(value, 'left');
    if (left) targets.push(left);
    value = field(value, 'right');
  }
  return { targets, value };
}

function storesIn(model: SemanticModel, statement: SyntaxNode, carriers: ReadonlySet<string>): Store[] {
  if (statement.type !== 'expression_statement') return [];
  const out: Store[] = [];
  const add = (kind: StoreKind, names: string[], excInfo: boolean, extra: Partial<Store> = {}) =>
    out.push({ kind, statement, names, excInfo, ...extra });
  walk(statement, (n) => {
    if (n.type === 'lambda' || n.type === 'generator_expression' || COMPREHENSIONS.has(n.type)) return false;
    if (n.type === 'assignment') {
      const { targets, value } = chainedAssignment(n);
      if (!value) return false;
      const carried = carries(model, value, carriers, 0);
      if (!carried) return true;
      const excInfo = carried === 'exc-info';
      for (const target of targets) {
        if (target.type === 'identifier') {
          if (target.text !== value.text) add('local', [target.text], excInfo, isGlobal(model, target) ? { outer: true } : {});
        } else if (target.type === 'attribute') {
          // `new.__cause__ = e` chains exceptions (what `raise new from e` does): not keeping it.
          if (!CHAINING_ATTRIBUTES.has(field(target, 'attribute')?.text ?? '')) add('object', [], excInfo);
        } else if (target.type === 'subscript') {
          const holder = field(target, 'value');
          add('container', [], excInfo, holder?.type === 'identifier' ? { container: holder.text } : {});
        } else {
          const names = patternNames(model, target, value, carriers);
          if (names.length > 0) add('local', names, excInfo);
        }
      }
      return false;
    }
    if (n.type === 'augmented_assignment') {
      const right = field(n, 'right');
      const carried = right ? carries(model, right, carriers, 0) : false;
      const left = field(n, 'left');
      if (carried) add('container', [], carried === 'exc-info', left?.type === 'identifier' ? { container: left.text } : {});
      return false;
    }
    if (n.type === 'named_expression') {
      const value = field(n, 'value');
      const name = field(n, 'name');
      const carried = value ? carries(model, value, carriers, 0) : false;
      if (carried && name) add('local', [name.text], carried === 'exc-info');
      return true;
    }
    if (n.type === 'call') {
      const callee = field(n, 'function');
      const args = field(n, 'arguments');
      if (callee?.type === 'attribute' && args) {
        const method = field(callee, 'attribute')?.text;
        if (method && CONTAINER_METHODS.has(method)) {
          const carried = args.children.map((a) => (a.isNamed ? carries(model, a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a, carriers, 0) : false)).find((c) => c);
          const holder = field(callee, 'object');
          if (carried) add('container', [], carried === 'exc-info', holder?.type === 'identifier' ? { container: holder.text } : {});
          return true;
        }
      } else if (callee?.type === 'identifier' && callee.text === 'setattr' && args) {
        const value = args.children.filter((c) => c.isNamed)[2];
        const carried = value ? carries(model, value, carriers, 0) : false;
        if (carried) add('object', [], carried === 'exc-info');
        return true;
      }
      // `self._record_failure(item, e)`, `remember(e)`: a helper in this file that keeps it.
      const kept = carriers.size > 0 && args ? helperKeeps(model, n, carriers) : false;
      if (kept === ELSEWHERE) {
        // A function of another file (or none): the link step looks at what it does.
        const carried = carriedArgs(model, n, carriers);
        if (carried.length > 0) add('object', [], false, { helper: true, handoff: carried, call: n });
      } else if (kept) add('object', [], kept === 'exc-info', { helper: true });
    }
    return true;
  });
  return out;
}

const COMPREHENSIONS: ReadonlySet<string> = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension']);

/** Helpers being looked into (a helper that calls itself is not followed again). */
const helpersInProgress = new Set<SyntaxNode>();
const helperVerdicts = new WeakMap<SyntaxNode, Map<string, false | 'exception' | 'exc-info'>>();

/**
 * Whether a call hands a carried value to a helper defined in this file that keeps its
 * parameter beyond the call: a method of the caller's own class (`self._fail(e)`) or a
 * module-level function (`remember(e)`) whose body stores the parameter on an object, in a
 * container it does not own as a local, or in a global. A local alias in the helper is no
 * cycle: the exception's traceback does not hold the helper's frame.
 */
function helperKeeps(model: SemanticModel, call: SyntaxNode, carriers: ReadonlySet<string>): false | 'exception' | 'exc-info' | typeof ELSEWHERE {
  const target = helperDefinition(model, call);
  if (target === ELSEWHERE) return ELSEWHERE;
  if (!target) return false;
  const params = (field(target.def, 'parameters')?.children ?? []).filter((p) => p.isNamed).map(paramName);
  const offset = target.method ? 1 : 0;
  let position = 0;
  for (const a of field(call, 'arguments')?.children ?? []) {
    if (!a.isNamed || a.type === 'comment') continue;
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return false;
    const keyword = a.type === 'keyword_argument' ? field(a, 'name')?.text : undefined;
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const param = keyword ?? params[offset + position++];
    const carried = value ? carries(model, value, carriers, 0) : false;
    if (!carried || !param) continue;
    const kept = paramKept(model, target.def, param);
    if (kept) return carried === 'exc-info' ? carried : kept;
  }
  return false;
}

/** A helper this file does not define: `record(e)` imported, `reporting.record(e)`, an inherited `self.record(e)`. */
const ELSEWHERE = 'elsewhere';

function helperDefinition(model: SemanticModel, call: SyntaxNode): { def: SyntaxNode; method: boolean } | typeof ELSEWHERE | null {
  const callee = field(call, 'function');
  if (callee?.type === 'identifier') {
    const def = definitionIn(model.root, callee.text);
    return def ? { def, method: false } : ELSEWHERE;
  }
  if (callee?.type !== 'attribute') return null;
  // `reporting.record_failure(e)`, `self.report.add_error(e)`: resolved (or not) by the link step.
  if (!isSelfMethodCall(call, callee)) return ELSEWHERE;
  const receiver = field(callee, 'object');
  const method = field(callee, 'attribute')?.text;
  const fn = functionOf(call);
  const body = fn?.parent?.type === 'block' ? fn.parent : fn?.parent?.parent?.type === 'block' ? fn.parent.parent : null;
  const cls = body?.parent?.type === 'class_definition' ? body.parent : null;
  const self = fn ? paramName((field(fn, 'parameters')?.children ?? []).find((p) => p.isNamed)) : undefined;
  if (!cls || !method || receiver?.type !== 'identifier' || receiver.text !== self) return null;
  const def = methodIn(model, cls, method, 0);
  // Not in the class or a base of this file: perhaps a base class of another module.
  return def ? { def, method: true } : ELSEWHERE;
}

/** `self.method(...)`: the receiver is the first parameter of the enclosing method. */
function isSelfMethodCall(call: SyntaxNode, callee: SyntaxNode): boolean {
  const receiver = field(callee, 'object');
  const fn = functionOf(call);
  const self = fn ? paramName((field(fn, 'parameters')?.children ?? []).find((p) => p.isNamed)) : undefined;
  return receiver?.type === 'identifier' && receiver.text === self;
}

/** The arguments of a call that carry the exception (none when a splat makes positions unknown). */
function carriedArgs(model: SemanticModel, call: SyntaxNode, carriers: ReadonlySet<string>): ExceptionHandoff['args'] {
  const out: { position: number | null; keyword: string | null; excInfo: boolean }[] = [];
  let position = 0;
  for (const a of field(call, 'arguments')?.children ?? []) {
    if (!a.isNamed || a.type === 'comment') continue;
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return [];
    const keyword = a.type === 'keyword_argument' ? (field(a, 'name')?.text ?? null) : null;
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const index = keyword === null ? position++ : null;
    const carried = value ? carries(model, value, carriers, 0) : false;
    if (carried) out.push({ position: index, keyword, excInfo: carried === 'exc-info' });
  }
  return out;
}

/** `name` defined in `cls` or, failing that, in a base class defined in the same file. */
function methodIn(model: SemanticModel, cls: SyntaxNode, name: string, depth: number): SyntaxNode | null {
  const own = definitionIn(field(cls, 'body')!, name);
  if (own || depth > 8) return own;
  for (const base of field(cls, 'superclasses')?.children ?? []) {
    if (base.type !== 'identifier') continue;
    for (const c of model.root.children) {
      const def = c.type === 'decorated_definition' ? field(c, 'definition') : c;
      if (def?.type !== 'class_definition' || field(def, 'name')?.text !== base.text || def === cls) continue;
      const found = methodIn(model, def, name, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** A `def name` directly in `block` (decorated or not). */
function definitionIn(block: SyntaxNode, name: string): SyntaxNode | null {
  for (const c of block.children) {
    const def = c.type === 'decorated_definition' ? field(c, 'definition') : c;
    if (def?.type === 'function_definition' && field(def, 'name')?.text === name) return def;
  }
  return null;
}

function paramKept(model: SemanticModel, def: SyntaxNode, param: string): false | 'exception' | 'exc-info' {
  let verdicts = helperVerdicts.get(def);
  if (!verdicts) helperVerdicts.set(def, (verdicts = new Map()));
  const known = verdicts.get(param);
  if (known !== undefined) return known;
  const body = field(def, 'body');
  if (!body || helpersInProgress.has(def)) return false;
  helpersInProgress.add(def);
  let kept: false | 'exception' | 'exc-info' = false;
  try {
    for (const { statement, names } of namedStatements(model, body)) {
      // A statement that does not name the parameter cannot keep it (`sys.exc_info()` aside).
      if (!names.has(param) && !names.has(EXC_INFO_CALL)) continue;
      // `except E as exc:` inside the helper binds the name to another exception.
      if (rebindsInHandler(statement, param, body)) continue;
      for (const store of storesIn(model, statement, new Set([param]))) {
        // Handed on to another file's function: not followed (one step across files).
        if (store.handoff) continue;
        const keeps = store.kind === 'object' || (store.kind === 'local' && store.outer)
          || (store.kind === 'container' && (!store.container || !isLocalOf(model, store.container, statement)));
        if (keeps) kept = store.excInfo ? 'exc-info' : 'exception';
      }
      if (kept) break;
    }
  } finally {
    helpersInProgress.delete(def);
  }
  verdicts.set(param, kept);
  return kept;
}

const statementNames = new WeakMap<SyntaxNode, { statement: SyntaxNode; names: ReadonlySet<string> }[]>();

/** A body's simple statements with the names each mentions, listed once per body (every parameter is asked about). */
/** Among a statement's names: it calls `sys.exc_info()`, which keeps a traceback whatever it is handed. */
const EXC_INFO_CALL = '(sys.exc_info)';

function namedStatements(model: SemanticModel, body: SyntaxNode): { statement: SyntaxNode; names: ReadonlySet<string> }[] {
  let found = statementNames.get(body);
  if (!found) {
    found = simpleStatements(body).map((statement) => {
      const names = new Set<string>();
      walk(statement, (n) => {
        if (n.type === 'identifier') names.add(n.text);
        else if (isExcInfoCall(model, n)) names.add(EXC_INFO_CALL);
        return true;
      });
      return { statement, names };
    });
    statementNames.set(body, found);
  }
  return found;
}

function rebindsInHandler(statement: SyntaxNode, name: string, body: SyntaxNode): boolean {
  for (let p = statement.parent; p && p !== body; p = p.parent) {
    if (p.type !== 'except_clause' && p.type !== 'except_group_clause') continue;
    const as = p.children.find((c) => c.type === 'as_pattern');
    if (as && field(as, 'alias')?.children.some((c) => c.type === 'identifier' && c.text === name)) return true;
  }
  return false;
}

/** `name` is a plain local (or parameter) of the function `node` is in. */
function isLocalOf(model: SemanticModel, name: string, node: SyntaxNode): boolean {
  const found = model.lookup(name, node);
  return !!found && found.scope.kind === 'function' && !found.scope.declaredOuter.has(name) && found.binding.kind !== 'parameter';
}

/** Which names of an unpacking target receive the exception or a traceback. */
function patternNames(model: SemanticModel, target: SyntaxNode, value: SyntaxNode, carriers: ReadonlySet<string>): string[] {
  const items = target.children.filter((c) => c.isNamed);
  const values = value.type === 'expression_list' || value.type === 'tuple' ? value.children.filter((c) => c.isNamed) : null;
  const out: string[] = [];
  items.forEach((item, i) => {
    if (item.type !== 'identifier') return;
    if (values && values.length === items.length) {
      if (carries(model, values[i]!, carriers, 0)) out.push(item.text);
    } else if (isExcInfoCall(model, value)) {
      // `etype, value, tb = sys.exc_info()`: the type alone holds no frame.
      if (i > 0) out.push(item.text);
    } else {
      out.push(item.text);
    }
  });
  return out;
}

/**
 * Whether a value holds the exception (or a traceback): the name itself, `e.__traceback__`,
 * `sys.exc_info()`, a tuple/list/dict holding one, or a new object built from one. Strings made
 * from it (`str(e)`, f-strings, `traceback.format_exc()`) and plain function results do not.
 */
function carries(model: SemanticModel, node: SyntaxNode, carriers: ReadonlySet<string>, depth: number): false | 'exception' | 'exc-info' {
  if (depth > 12) return false;
  switch (node.type) {
    case 'identifier':
      return carriers.has(node.text) ? 'exception' : false;
    case 'attribute': {
      const attr = field(node, 'attribute')?.text;
      const object = field(node, 'object');
      if (!attr || !object) return false;
      if (EXCEPTION_ATTRIBUTES.has(attr)) return carries(model, object, carriers, depth + 1) ? 'exception' : false;
      if (!FRAME_ATTRIBUTES.has(attr)) return false;
      return carries(model, object, carriers, depth + 1) ? 'exc-info' : false;
    }
    case 'call': {
      if (isExcInfoCall(model, node)) return 'exc-info';
      const callee = field(node, 'function');
      if (!callee) return false;
      if (callee.type === 'attribute' && field(callee, 'attribute')?.text === 'with_traceback') {
        const object = field(callee, 'object');
        const arg = field(node, 'arguments')?.children.find((c) => c.isNamed);
        if (arg?.type === 'none') return false;
        return object ? carries(model, object, carriers, depth + 1) : false;
      }
      const last = callee.type === 'identifier' ? callee.text : callee.type === 'attribute' ? (field(callee, 'attribute')?.text ?? '') : '';
      const qualified = model.resolveExpression(callee);
      const keeps = /^_*[A-Z]/.test(last) || qualified === 'builtins.dict' || qualified === 'builtins.tuple'
        || qualified === 'builtins.list' || qualified === 'dataclasses.replace' || qualified === 'types.SimpleNamespace';
      if (!keeps) return false;
      const args = field(node, 'arguments')?.children.filter((c) => c.isNamed) ?? [];
      const kept = args.filter((a, i) => carries(model, a, carriers, depth + 1) && constructorKeeps(model, callee, a, i));
      // The new object holds the exception (and with it the traceback).
      return kept.length > 0 ? 'exception' : false;
    }
    case 'subscript': {
      const value = field(node, 'value');
      if (!value || !isExcInfoCall(model, value)) return false;
      const index = node.children.find((c) => c.field === 'subscript');
      if (index?.type === 'integer' && (index.text === '0' || index.text === '-3')) return false;
      if (index?.type === 'unary_operator' && model.source.slice(index).replace(/\s/g, '') === '-3') return false;
      return 'exc-info';
    }
    case 'tuple':
    case 'list':
    case 'set':
    case 'expression_list':
    case 'parenthesized_expression':
      return anyCarried(model, node.children, carriers, depth);
    case 'dictionary':
      return anyCarried(model, node.children.filter((c) => c.type === 'pair').map((p) => field(p, 'value')!).filter(Boolean), carriers, depth);
    case 'conditional_expression': {
      const parts = node.children.filter((c) => c.isNamed);
      return anyCarried(model, [parts[0], parts[2]].filter((p): p is SyntaxNode => !!p), carriers, depth);
    }
    case 'boolean_operator':
      return anyCarried(model, node.children, carriers, depth);
    case 'keyword_argument': {
      const value = field(node, 'value');
      return value ? carries(model, value, carriers, depth + 1) : false;
    }
    default:
      return false;
  }
}

function anyCarried(model: SemanticModel, nodes: readonly (SyntaxNode | undefined)[], carriers: ReadonlySet<string>, depth: number): false | 'exception' | 'exc-info' {
  let found: false | 'exception' | 'exc-info' = false;
  for (const n of nodes) {
    if (!n?.isNamed) continue;
    const c = carries(model, n, carriers, depth + 1);
    if (c === 'exc-info') return c;
    if (c) found = c;
  }
  return found;
}

/**
 * Whether a class built in this file keeps the argument: its `__init__` stores the parameter
 * (or hands it to a base `__init__`), rather than only `repr()`-ing it. Classes from elsewhere,
 * and classes without their own `__init__`, are assumed to keep it.
 */
function constructorKeeps(model: SemanticModel, callee: SyntaxNode, arg: SyntaxNode, index: number): boolean {
  const qualified = model.resolveExpression(callee);
  if (!qualified || !qualified.startsWith(`${model.module.name}.`)) return true;
  const name = qualified.slice(model.module.name.length + 1);
  if (name.includes('.')) return true;
  const cls = model.root.children
    .map((c) => (c.type === 'decorated_definition' ? field(c, 'definition') : c))
    .find((c) => c?.type === 'class_definition' && field(c, 'name')?.text === name);
  if (!cls) return true;
  const init = field(cls, 'body')?.children
    .map((c) => (c.type === 'decorated_definition' ? field(c, 'definition') : c))
    .find((c) => c?.type === 'function_definition' && field(c, 'name')?.text === '__init__');
  if (!init) return true;
  const params = (field(init, 'parameters')?.children ?? []).filter((p) => p.isNamed);
  const keyword = arg.type === 'keyword_argument' ? field(arg, 'name')?.text : undefined;
  const param = keyword ?? paramName(params[index + 1]);
  if (!param) return true;
  let kept = false;
  let cleared = false;
  walk(field(init, 'body')!, (n) => {
    // `self.exc.__traceback__ = None`: the wrapper drops the traceback, and with it the frames.
    if (n.type === 'assignment' && field(n, 'left')?.type === 'attribute'
      && field(field(n, 'left')!, 'attribute')?.text === '__traceback__' && field(n, 'right')?.type === 'none') cleared = true;
    if (kept) return !cleared;
    if (n.type !== 'identifier' || n.text !== param) return true;
    // Stored as is: the right side of an assignment, an item of a display, an argument of a
    // base `__init__`/`super().__init__`.
    let p = n.parent;
    while (p && (p.type === 'tuple' || p.type === 'list' || p.type === 'pair' || p.type === 'dictionary' || p.type === 'expression_list' || p.type === 'parenthesized_expression')) p = p.parent;
    if (p?.type === 'assignment' && n.field !== 'left') kept = true;
    if (p?.type === 'argument_list') {
      const call = p.parent;
      const fn = call ? field(call, 'function') : undefined;
      if (fn?.type === 'attribute' && /^(__init__|append|add|insert|extend|setdefault)$/.test(field(fn, 'attribute')?.text ?? '')) kept = true;
    }
    return false;
  });
  return kept && !cleared;
}

function paramName(p: SyntaxNode | undefined): string | undefined {
  if (!p) return undefined;
  if (p.type === 'identifier') return p.text;
  return (field(p, 'name') ?? p.children.find((c) => c.type === 'identifier'))?.text;
}

function isExcInfoCall(model: SemanticModel, node: SyntaxNode): boolean {
  if (node.type !== 'call') return false;
  const callee = field(node, 'function');
  if (!callee || (callee.type !== 'attribute' && callee.type !== 'identifier')) return false;
  const q = model.resolveExpression(callee);
  return q === 'sys.exc_info' || q === 'sys.exception';
}

function isGlobal(model: SemanticModel, id: SyntaxNode): boolean {
  const scope = model.scopeOf(id);
  return scope.declaredOuter.has(id.text);
}

// ---- when a local alias is not a kept exception ------------------------------------------

function functionOf(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return null;
}

/** What `isCleared` asks of a function (or module), found in one walk. */
interface ScopeIndex {
  /** `del x`, `x = None`, `x.clear()`, by the name they clear. */
  readonly clears: ReadonlyMap<string, readonly SyntaxNode[]>;
  /** `traceback.clear_frames(…)` calls and their argument's text (which clears a name it starts with). */
  readonly clearFrames: readonly { readonly node: SyntaxNode; readonly arg: string }[];
}

const scopeIndexes = new WeakMap<SyntaxNode, ScopeIndex>();

/**
 * The index of a function (or module): built once, so that each of many stores in it costs the
 * clears of its own names, not a walk of the whole function.
 */
function scopeIndex(model: SemanticModel, scope: SyntaxNode): ScopeIndex {
  const cached = scopeIndexes.get(scope);
  if (cached) return cached;
  const clears = new Map<string, SyntaxNode[]>();
  const clearFrames: { node: SyntaxNode; arg: string }[] = [];
  const add = (map: Map<string, SyntaxNode[]>, name: string, node: SyntaxNode) => {
    const list = map.get(name);
    if (list) {
      if (list[list.length - 1] !== node) list.push(node);
    } else map.set(name, [node]);
  };
  walk(scope, (n) => {
    if (n !== scope && NESTED_SCOPES.has(n.type)) return false;
    if (n.type === 'identifier') return false;
    const cleared = clearedBy(model, n);
    if (typeof cleared === 'string') clearFrames.push({ node: n, arg: cleared });
    else for (const name of cleared) add(clears, name, n);
    return true;
  });
  const index = { clears, clearFrames };
  scopeIndexes.set(scope, index);
  return index;
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let p = node;
  while (p.parent) p = p.parent;
  return p;
}

/** `del x`, `x = None` or `traceback.clear_frames(x)` after the store, where it surely runs later. */
function isCleared(model: SemanticModel, store: Store, handler: SyntaxNode): boolean {
  if (store.names.length === 0) return false;
  const index = scopeIndex(model, functionOf(handler) ?? rootOf(handler));
  const tryStatement = handler.parent;
  const storeEnd = store.statement.end;
  const surelyRuns = (n: SyntaxNode) => n.start >= storeEnd
    && ((n.start >= handler.start && n.end <= handler.end) || (tryStatement ? n.start >= tryStatement.end : false) || isInFinally(n));
  return store.names.some((name) => index.clears.get(name)?.some(surelyRuns))
    || index.clearFrames.some(({ node, arg }) => store.names.some((name) => arg.startsWith(name)) && surelyRuns(node));
}

/**
 * The names `n` clears: `del a, b`, `a = b = None`, `a.clear()`; for `traceback.clear_frames(…)`,
 * its argument's text (it clears a name that text starts with).
 */
function clearedBy(model: SemanticModel, n: SyntaxNode): readonly string[] | string {
  if (n.type === 'delete_statement') {
    const names: string[] = [];
    walk(n, (c) => {
      if (c.type === 'identifier' && c.field !== 'attribute') names.push(c.text);
      return c.type !== 'attribute' && c.type !== 'subscript';
    });
    return names;
  }
  if (n.type === 'assignment') {
    const { targets, value } = chainedAssignment(n);
    return value?.type === 'none' ? targets.filter((t) => t.type === 'identifier').map((t) => t.text) : [];
  }
  if (n.type === 'call') {
    const callee = field(n, 'function');
    if (callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'clear') {
      const object = field(callee, 'object');
      return object?.type === 'identifier' ? [object.text] : [];
    }
    if (!callee || model.resolveExpression(callee) !== 'traceback.clear_frames') return [];
    const arg = field(n, 'arguments')?.children.find((c) => c.isNamed);
    return arg ? model.source.slice(arg) : [];
  }
  return [];
}

function isInFinally(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'finally_clause') return true;
    if (NESTED_SCOPES.has(p.type)) return false;
  }
  return false;
}

function statementText(model: SemanticModel, statement: SyntaxNode): string {
  return firstLine(model.source.slice(statement));
}
