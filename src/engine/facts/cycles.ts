// Tier 1 facts for the reference-cycle rules: a per-function "who holds whom" graph, built by
// walking each body once in source order with a small abstract environment (names and stored
// attributes → the objects they refer to), plus what each class stores on `self`.
import { field, stringContent, walk, type SyntaxNode } from '../source/syntax.js';
import type { Span } from '../types.js';
import { annotatedClass } from './annotations.js';
import { dottedName, parameterName, type Scope, type SemanticModel } from './scope.js';
import { componentsOf } from './strongly-connected.js';
import { collectExceptionFacts } from './exception-cycles.js';
import {
  CLASS_OBJECT_TYPE, type ClassAttrFact, type ClassCycleFacts, type CycleArg, type CycleCall, type CycleEdge,
  type CycleEdgeKind, type CycleFacts, type CycleObject, type CycleObjectKind, type FunctionCycleFacts,
} from './cycle-types.js';

/** Calls whose result refers to its argument only weakly. */
export const WEAK_REFERENCE_FACTORIES: ReadonlySet<string> = new Set([
  'weakref.ref', 'weakref.proxy', 'weakref.WeakMethod', '_weakref.ref', '_weakref.proxy', 'weakref.finalize',
]);

/** Containers that hold their elements (all of them, or their values) weakly. */
export const WEAK_CONTAINERS: ReadonlySet<string> = new Set([
  'weakref.WeakSet', 'weakref.WeakValueDictionary', '_weakrefset.WeakSet',
]);

/** Builtins and stdlib containers whose result holds the elements of their first argument. */
const COPYING_CONTAINERS: ReadonlySet<string> = new Set([
  'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.frozenset', 'builtins.dict', 'builtins.sorted',
  'builtins.reversed', 'builtins.iter', 'collections.deque', 'collections.OrderedDict', 'collections.ChainMap',
]);

/** Wrappers whose iteration yields the elements of their arguments (for `for x in enumerate(xs)`). */
const ITERATION_WRAPPERS: ReadonlySet<string> = new Set([
  'builtins.enumerate', 'builtins.reversed', 'builtins.sorted', 'builtins.list', 'builtins.tuple', 'builtins.iter',
  'builtins.zip', 'builtins.filter', 'itertools.chain', 'itertools.islice',
]);

const DATACLASS_DECORATORS: ReadonlySet<string> = new Set([
  'dataclasses.dataclass', 'attr.s', 'attr.attrs', 'attr.define', 'attr.mutable', 'attr.frozen', 'attrs.define',
  'attrs.mutable', 'attrs.frozen', 'pydantic.dataclasses.dataclass',
]);
const FIELD_CLASS_BASES: ReadonlySet<string> = new Set(['typing.NamedTuple', 'pydantic.BaseModel', 'msgspec.Struct']);

/** Test assertions and similar helpers: they look at their arguments and keep none. */
const NON_STORING_METHODS = /^(assert|fail|skipTest|subTest)/;

/** Methods whose result is an element of the receiver. */
const ELEMENT_GETTERS: ReadonlySet<string> = new Set(['get', 'setdefault', 'pop', '__getitem__', 'popleft']);

/**
 * Event-loop methods whose result holds what it was given: a task its coroutine, a handle its
 * callback and arguments (`Handle` keeps them after it has run, until cancelled).
 */
const SERVER_TYPE = 'asyncio.Server';
/** Functions that start a server holding its client handler: `await asyncio.start_server(self.handle, …)`. */
const SERVER_FACTORIES: ReadonlySet<string> = new Set([
  'asyncio.start_server', 'asyncio.start_unix_server', 'asyncio.streams.start_server', 'asyncio.streams.start_unix_server',
]);
const HOLDING_RESULTS: ReadonlyMap<string, string> = new Map([
  ['create_task', 'asyncio.Task'], ['ensure_future', 'asyncio.Task'], ['call_later', 'asyncio.TimerHandle'],
  ['call_at', 'asyncio.TimerHandle'], ['call_soon', 'asyncio.Handle'], ['call_soon_threadsafe', 'asyncio.Handle'],
  // A server keeps its protocol factory / client handler for as long as it serves.
  ['create_server', SERVER_TYPE], ['create_unix_server', SERVER_TYPE],
]);
/** `getattr(self, f"on_{kind}")`: a dynamic name with one of these prefixes looks up a method. */
/** A CapWords name, as classes are named (`Plugin`, `HTTPHandler`), not a constant (`MAX_SIZE`). */
const CLASS_NAME = /^_*[A-Z](?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]*$/;
/** Locals that name a class chosen at run time: `plugin_cls`, `handler_class`, `klass`. */
const RUNTIME_CLASS_NAME = /^_*(cls|klass|[a-z0-9_]*_(cls|class|klass|type|factory))$/;

const HANDLER_PREFIX = /^_*(on|handle|do|visit|cmd|command|callback|cb|dispatch|process)_/i;
/** Functions that wrap a coroutine in a task (which holds it until it finishes). */
const TASK_FACTORIES: ReadonlySet<string> = new Set(['asyncio.create_task', 'asyncio.ensure_future', 'asyncio.tasks.create_task', 'asyncio.tasks.ensure_future']);

/**
 * Methods that build a child object and keep it in their receiver: `subs = self.parser.add_subparsers()`,
 * `p = subs.add_parser("sync")`. What the child is then given (`p.set_defaults(func=self.sync)`)
 * is reachable from the receiver.
 */
const CHILD_BUILDING_METHODS: ReadonlySet<string> = new Set([
  'add_subparsers', 'add_parser', 'add_argument_group', 'add_mutually_exclusive_group',
]);

const EXIT_STATEMENTS: ReadonlySet<string> = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/** Augmented assignments that put the right side's elements into the left side. */
const ADDING_OPERATORS: ReadonlySet<string> = new Set(['+=', '|=', '^=']);

/** Expressions and statements nested deeper than this are skipped (bounded recursion). */
const MAX_DEPTH = 60;

/**
 * A value may be at most this many objects. Where alternatives meet (branches, loops, `a or b`,
 * `x if c else y`) sets grow with each statement — doubling, for `a = a.b if c else a.d` — so
 * they keep only the latest few.
 */
const MAX_ALTERNATIVES = 32;

interface Env {
  names: Map<string, number[]>;
  /** `${objectId}.${attr}` → what this function stored there last. */
  attrs: Map<string, number[]>;
}

interface FunctionContext {
  readonly node: SyntaxNode | null;
  readonly functionId: string | null;
  readonly selfName: string | null;
  readonly selfClassId: string | null;
  readonly scope: Scope;
  /** A classmethod's first parameter and its class: `cls(...)` builds an instance. */
  readonly clsName: string | undefined;
  readonly clsId: string | undefined;
}

/**
 * Every context is made here, with every field present: the analyzer's hot paths read
 * `this.context` constantly, and one object shape keeps them from deoptimizing.
 */
function functionContext(
  node: SyntaxNode | null, functionId: string | null, selfName: string | null, selfClassId: string | null, scope: Scope,
  clsName?: string, clsId?: string,
): FunctionContext {
  return { node, functionId, selfName, selfClassId, scope, clsName, clsId };
}

export function collectCycleFacts(model: SemanticModel): CycleFacts {
  return { ...new CycleCollector(model).run(), exceptions: collectExceptionFacts(model) };
}

class CycleCollector {
  private readonly model: SemanticModel;
  private readonly functions: FunctionCycleFacts[] = [];
  private readonly classAttrs = new Map<string, Map<string, MutableAttr>>();
  private readonly classFacts: { classId: string; initFields: string[] | null }[] = [];
  private readonly propertySetters = new Set<string>();
  private readonly queue: FunctionContext[] = [];

  constructor(model: SemanticModel) {
    this.model = model;
  }

  run(): Omit<CycleFacts, 'exceptions'> {
    this.analyze(functionContext(null, null, null, null, this.model.moduleScope));
    for (let i = 0; i < this.queue.length; i++) this.analyze(this.queue[i]!);
    const classes: ClassCycleFacts[] = this.classFacts.map(({ classId, initFields }) => ({
      classId,
      initFields,
      attrs: [...(this.classAttrs.get(classId)?.values() ?? [])]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map(freezeAttr),
    }));
    return { classes, functions: this.functions, propertySetters: [...this.propertySetters].sort() };
  }

  /** Called by function analyzers when they meet a def or class. */
  enqueueDefinition(node: SyntaxNode, outer: FunctionContext): void {
    if (node.type === 'class_definition') {
      this.collectClass(node);
      return;
    }
    const scope = this.model.scopeFor(node);
    if (!scope) return;
    const parent = scope.parent;
    const params = field(node, 'parameters')?.children ?? [];
    const first = params.map(parameterName).find((n) => n !== undefined);
    let selfName: string | null = null;
    let selfClassId: string | null = null;
    if (parent?.kind === 'class') {
      if (first && isInstanceMethod(this.model, node)) {
        selfName = first.text;
        selfClassId = parent.id;
      }
    } else if (outer.selfName && !scope.bindings.has(outer.selfName)) {
      // A function nested in a method sees the method's `self` as a free variable.
      selfName = outer.selfName;
      selfClassId = outer.selfClassId;
    }
    const classMethod = parent?.kind === 'class' && first !== undefined && isClassMethod(this.model, node);
    this.queue.push(functionContext(node, scope.id, selfName, selfClassId, scope, classMethod ? first.text : undefined, classMethod ? parent.id : undefined));
  }

  /**
   * A class body's fields and methods. Classes nested in it are collected on an explicit stack
   * (each finishes before its outer class, methods are queued in source order).
   */
  private collectClass(node: SyntaxNode): void {
    const frames: ClassFrame[] = [];
    const open = (cls: SyntaxNode) => {
      const scope = this.model.scopeFor(cls);
      const body = field(cls, 'body');
      if (!scope || !body) return;
      frames.push({
        scope, statements: body.children, next: 0, attrs: this.attrsOf(scope.id),
        dataclassLike: isDataclassLike(this.model, cls), initFields: [],
        context: functionContext(cls, scope.id, null, null, scope),
      });
    };
    open(node);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const stmt = frame.statements[frame.next++];
      if (!stmt) {
        frames.pop();
        this.classFacts.push({ classId: frame.scope.id, initFields: frame.dataclassLike ? frame.initFields : null });
        continue;
      }
      const def = stmt.type === 'decorated_definition' ? field(stmt, 'definition') : stmt;
      if (def?.type === 'function_definition' || def?.type === 'class_definition') {
        if (stmt.type === 'decorated_definition') this.notePropertySetter(stmt, def);
        if (def.type === 'class_definition') open(def);
        else this.enqueueDefinition(def, frame.context);
        continue;
      }
      this.classStatement(stmt, frame);
    }
  }

  /** `name: T = …` / `name = attr.ib()` (a field) or `name = …` (a class attribute) in a class body. */
  private classStatement(stmt: SyntaxNode, frame: ClassFrame): void {
    const { attrs, dataclassLike, initFields } = frame;
    if (stmt.type !== 'expression_statement') return;
    const assign = stmt.children[0];
    if (assign?.type !== 'assignment') return;
    const left = field(assign, 'left');
    if (left?.type !== 'identifier') return;
    const type = field(assign, 'type');
    const right = field(assign, 'right');
    const attr = attrEntry(attrs, left.text);
    const isClassVar = type !== undefined && /\bClassVar\b/.test(this.model.source.slice(type));
    const isField = (type !== undefined && !isClassVar) || (right !== undefined && isAttrsField(this.model, right));
    if (isField) {
      attr.declared = 'field';
      attr.declaredAt = this.model.source.span(stmt.start, stmt.end);
      attr.declaredText = statementText(this.model.source.text.slice(stmt.start, Math.min(stmt.end, stmt.start + 200)));
      if (type) {
        const t = annotatedClass(this.model, type);
        if (t) attr.types.add(t);
      }
      if (dataclassLike && !isInitFalse(right) && !/\bKW_ONLY\b/.test(this.model.source.slice(type ?? left))) {
        initFields.push(left.text);
      }
    } else if (!attr.declared) {
      attr.declared = 'class';
    }
  }

  private notePropertySetter(decorated: SyntaxNode, def: SyntaxNode): void {
    for (const d of decorated.children) {
      if (d.type !== 'decorator') continue;
      const expr = d.children.find((c) => c.isNamed);
      if (expr?.type === 'attribute' && field(expr, 'attribute')?.text === 'setter') {
        const name = field(def, 'name')?.text;
        if (name) this.propertySetters.add(name);
      }
    }
  }

  attrsOf(classId: string): Map<string, MutableAttr> {
    let attrs = this.classAttrs.get(classId);
    if (!attrs) this.classAttrs.set(classId, (attrs = new Map()));
    return attrs;
  }

  private analyze(context: FunctionContext): void {
    const facts = new FunctionAnalyzer(this.model, this, context).run();
    if (facts) this.functions.push(facts);
  }
}

/** A class body being collected (see `collectClass`). */
interface ClassFrame {
  readonly scope: Scope;
  readonly statements: readonly SyntaxNode[];
  next: number;
  readonly attrs: Map<string, MutableAttr>;
  readonly dataclassLike: boolean;
  readonly initFields: string[];
  readonly context: FunctionContext;
}

interface MutableAttr {
  name: string;
  strongStores: number;
  weakStores: number;
  types: Set<string>;
  declared: 'field' | 'class' | null;
  declaredAt?: Span;
  declaredText?: string;
  storedAt?: Span;
  storedText?: string;
  storedInInit?: boolean;
}

function attrEntry(attrs: Map<string, MutableAttr>, name: string): MutableAttr {
  let attr = attrs.get(name);
  if (!attr) attrs.set(name, (attr = { name, strongStores: 0, weakStores: 0, types: new Set(), declared: null }));
  return attr;
}

function freezeAttr(a: MutableAttr): ClassAttrFact {
  return {
    name: a.name,
    strongStores: a.strongStores,
    weakStores: a.weakStores,
    types: [...a.types].sort(),
    declared: a.declared,
    ...(a.declaredAt ? { declaredAt: a.declaredAt } : {}),
    ...(a.declaredText ? { declaredText: a.declaredText } : {}),
    ...(a.storedAt ? { storedAt: a.storedAt, storedText: a.storedText ?? a.name } : {}),
  };
}

/** A label made from another object's (`rows[…]`, `self.items`), computed only if the object is kept. */
interface DerivedLabel {
  readonly of: number;
  readonly suffix: string;
}
/**
 * An object while its function is analyzed: the label is computed only if the object is kept.
 * Made only by `rawObject`, with every field present (undefined when it does not apply): the
 * analysis reads these in its hottest paths, where objects of several shapes made V8 deoptimize
 * and recompile them over and over.
 */
interface RawObject {
  readonly kind: CycleObjectKind;
  label: string | SyntaxNode | DerivedLabel;
  readonly paramIndex: number | undefined;
  readonly base: number | undefined;
  readonly attr: string | undefined;
  readonly type: string | undefined;
  readonly classId: string | undefined;
  readonly subclassOk?: boolean;
}
/** The optional parts of a `RawObject`. */
type RawObjectExtra = Partial<Pick<RawObject, 'paramIndex' | 'base' | 'attr' | 'type' | 'classId' | 'subclassOk'>>;

function rawObject(kind: CycleObjectKind, label: RawObject['label'], extra: RawObjectExtra = NO_EXTRA): RawObject {
  return {
    kind, label, paramIndex: extra.paramIndex, base: extra.base, attr: extra.attr, type: extra.type, classId: extra.classId,
    ...(extra.subclassOk ? { subclassOk: true } : {}),
  };
}
const NO_EXTRA: RawObjectExtra = {};

/** Edges and calls while analyzed: the statement's span and text are computed at the end. */
interface RawEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: CycleEdgeKind;
  readonly attr: string | undefined;
  readonly stmt: SyntaxNode;
}
/**
 * A `CycleCall` while analyzed: its statement instead of span and text, and every field present
 * (made by one function, `rawCall`, so that all have one shape).
 */
type RawCall = Omit<CycleCall, 'site' | 'text' | 'applied' | 'runtimeClass'> & {
  readonly stmt: SyntaxNode;
  readonly applied: boolean;
  readonly runtimeClass: boolean;
};

function rawCall(
  stmt: SyntaxNode, receiver: number | null, method: string | null, callee: string | null, superCall: boolean,
  result: number | null, args: readonly CycleArg[], applied = false, runtimeClass = false,
): RawCall {
  return { stmt, receiver, method, callee, superCall, result, args, applied, runtimeClass };
}

/** Every argument is made here (see `RawObject`). */
function cycleArg(keyword: string | null, splat: boolean, refs: readonly number[]): CycleArg {
  return { keyword, splat, refs };
}

/** One function body (or module-level code) → its holds-graph. */
class FunctionAnalyzer {
  private readonly model: SemanticModel;
  private readonly collector: CycleCollector;
  private readonly context: FunctionContext;
  private readonly objects: RawObject[] = [];
  private readonly objectKeys = new Map<string, number>();
  private readonly nodeObjects = new Map<string, Map<SyntaxNode, number>>();
  private readonly edges: RawEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  /** A display's (or comprehension's) items: the targets of its `literal` edges. */
  private readonly literalItems = new Map<number, number[]>();
  private readonly calls: RawCall[] = [];
  private readonly returns = new Set<number>();
  /** Attribute objects by `${base}.${attr}`, to decide liveness at the end. */
  private readonly attrObjects = new Map<string, number>();
  private env: Env = { names: new Map(), attrs: new Map() };
  /** Slices (`items[1:]`): a new container of the same elements as the sliced one. */
  private readonly sliceOf = new Map<number, number>();
  /** Parameters annotated `type[C]`: the class each holds (`plugin_cls: type[Plugin]`). */
  private readonly classParams = new Map<number, string>();
  /**
   * Loop variables over a fixed set of classes (`for cls in (HelpCommand, RollCommand)`): the
   * classes, and what the loop bound the name to (a later binding replaces that array).
   */
  private readonly classChoices = new Map<string, { readonly bound: readonly number[] | undefined; readonly classes: readonly string[] }>();
  /** The simple statement being evaluated: every reference it creates is reported there. */
  private statement: SyntaxNode | null = null;
  private readonly freeNameCache = new Map<SyntaxNode, string[]>();
  private cachedProperty: string | null | undefined;
  /** Loop bodies being run a second time (see `loopBody`). */
  private replaying = 0;

  constructor(model: SemanticModel, collector: CycleCollector, context: FunctionContext) {
    this.model = model;
    this.collector = collector;
    this.context = context;
  }

  run(): FunctionCycleFacts | null {
    const { node } = this.context;
    if (node) {
      this.bindParameters(node);
      const body = field(node, 'body');
      if (body) this.block(body, 0);
    } else {
      this.block(this.model.root, 0);
    }
    if (this.edges.length === 0 && this.calls.length === 0 && this.returns.size === 0) return null;
    return this.finish();
  }

  // ---- objects -------------------------------------------------------------------------

  private object(key: string, make: () => RawObject): number {
    const found = this.objectKeys.get(key);
    if (found !== undefined) return found;
    const id = this.objects.length;
    this.objects.push(make());
    this.objectKeys.set(key, id);
    return id;
  }

  /** The attribute a `@cached_property` method caches its result in (the method's name), else null. */
  private cachedPropertyName(): string | null {
    if (this.cachedProperty !== undefined) return this.cachedProperty;
    const def = this.context.node;
    this.cachedProperty = null;
    if (!def || def.type !== 'function_definition' || this.context.selfName === null || def.parent?.type !== 'decorated_definition') return null;
    for (const d of def.parent.children) {
      if (d.type !== 'decorator') continue;
      const expr = d.children.find((c) => c.isNamed);
      const q = expr && expr.type !== 'call' ? this.model.resolveExpression(expr) : null;
      // functools, Django and Werkzeug spell it the same way.
      if (q === 'functools.cached_property' || q?.endsWith('.cached_property')) {
        this.cachedProperty = field(def, 'name')?.text ?? null;
      }
    }
    return this.cachedProperty;
  }

  private selfObject(): number {
    return this.object('self', () => rawObject('self', this.context.selfName ?? 'self', {
      // Only a method's own first parameter is its param 0; a nested function merely captures it.
      paramIndex: isDirectMethod(this.context) ? 0 : undefined,
      classId: this.context.selfClassId ?? undefined,
    }));
  }

  private nodeObject(kind: CycleObjectKind, node: SyntaxNode, extra: RawObjectExtra = NO_EXTRA): number {
    let byNode = this.nodeObjects.get(kind);
    if (!byNode) this.nodeObjects.set(kind, (byNode = new Map()));
    const found = byNode.get(node);
    if (found !== undefined) return found;
    const id = this.objects.length;
    this.objects.push(rawObject(kind, node, extra));
    byNode.set(node, id);
    return id;
  }

  /** An object's label. Derived labels may chain (`a.b.b.b…`) as long as the code: no recursion. */
  private labelOf(id: number): string {
    const chain: RawObject[] = [];
    let o = this.objects[id]!;
    while (typeof o.label !== 'string' && isDerivedLabel(o.label)) {
      chain.push(o);
      o = this.objects[o.label.of]!;
    }
    if (typeof o.label !== 'string') o.label = this.label(o.label);
    let text = o.label;
    for (let i = chain.length - 1; i >= 0; i--) {
      const derived = chain[i]!;
      text = `${text}${(derived.label as DerivedLabel).suffix}`.slice(0, 60);
      derived.label = text;
    }
    return text;
  }

  private label(node: SyntaxNode): string {
    if (node.type === 'function_definition') return field(node, 'name')?.text ?? 'function';
    const target = node.type === 'call' ? (field(node, 'function') ?? node) : node;
    // Never slice more than a line's worth: a display may span thousands of lines.
    const text = this.model.source.text.slice(target.start, Math.min(target.end, target.start + 60)).replace(/\s+/g, ' ');
    const cut = target.end - target.start > 60 || text.length > 40 ? `${text.slice(0, 39)}…` : text;
    return node.type === 'call' ? `${cut}(…)` : cut;
  }

  private bindParameters(fn: SyntaxNode): void {
    const params = field(fn, 'parameters')?.children ?? [];
    let index = 0;
    for (const p of params) {
      // `*args: Any`, `**options: Any`: the name sits inside the splat pattern.
      const name = parameterName(p)
        ?? (p.type === 'typed_parameter' ? p.children.find((c) => c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern') : undefined)
          ?.children.find((c) => c.type === 'identifier');
      if (!name) continue;
      const i = index++;
      if (i === 0 && this.context.selfName === name.text && this.context.selfClassId !== null && isDirectMethod(this.context)) {
        this.env.names.set(name.text, [this.selfObject()]);
        continue;
      }
      const typeNode = field(p, 'type');
      const type = (typeNode ? annotatedClass(this.model, typeNode) : null)
        ?? (holdsClassObject(this.model, fn, i, name.text) ? CLASS_OBJECT_TYPE : null);
      const id = this.object(`param:${name.text}`, () => rawObject('param', name.text, { paramIndex: i, type: type || undefined }));
      const classObject = annotatedClassObject(this.model, typeNode);
      if (classObject) this.classParams.set(id, classObject);
      this.env.names.set(name.text, [id]);
    }
  }

  // ---- edges and calls -----------------------------------------------------------------

  private edge(from: number, to: number, kind: CycleEdgeKind, attr?: string): void {
    const stmt = this.statement;
    if (!stmt) return;
    const key = `${from}>${to}:${kind}:${attr ?? ''}:${stmt.start}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to, kind, attr, stmt });
    if (kind === 'literal') {
      const items = this.literalItems.get(from);
      if (items) items.push(to);
      else this.literalItems.set(from, [to]);
    }
  }

  private statementText(stmt: SyntaxNode): string {
    return statementText(this.model.source.text.slice(stmt.start, Math.min(stmt.end, stmt.start + 200)), stmt.end - stmt.start > 200);
  }

  // ---- statements ----------------------------------------------------------------------

  /** Runs a block's statements; true when it always leaves (return, raise, continue, break). */
  private block(block: SyntaxNode, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    let exits = false;
    for (const stmt of block.children) {
      this.stmt(stmt, depth);
      if (EXIT_STATEMENTS.has(stmt.type)) exits = true;
    }
    return exits;
  }

  private stmt(stmt: SyntaxNode, depth: number): void {
    switch (stmt.type) {
      case 'expression_statement':
        this.statement = stmt;
        for (const c of stmt.children) this.expressionStatementPart(c);
        return;
      case 'return_statement': {
        this.statement = stmt;
        // A `cached_property` stores what it returns in the instance's `__dict__`: `self` holds it.
        const cachedOn = this.cachedPropertyName();
        for (const c of stmt.children) {
          if (!c.isNamed) continue;
          for (const r of this.refs(c, 0)) {
            this.returns.add(r);
            if (cachedOn !== null) this.edge(this.selfObject(), r, 'attr', cachedOn);
          }
        }
        return;
      }
      case 'raise_statement':
      case 'assert_statement':
        this.statement = stmt;
        for (const c of stmt.children) if (c.isNamed) this.refs(c, 0);
        return;
      case 'delete_statement':
        this.statement = stmt;
        for (const c of stmt.children) this.deleteTarget(c);
        return;
      case 'if_statement':
        this.ifStatement(stmt, depth);
        return;
      case 'for_statement':
        this.forStatement(stmt, depth);
        return;
      case 'while_statement': {
        this.statement = stmt;
        const condition = field(stmt, 'condition');
        if (condition) this.refs(condition, 0);
        const before = cloneEnv(this.env);
        const body = field(stmt, 'body');
        if (body) this.loopBody(before, () => this.block(body, depth + 1));
        this.env = this.mergeEnvs([before, this.env]);
        const alt = field(stmt, 'alternative');
        if (alt) this.block(alt.children.find((c) => c.type === 'block') ?? alt, depth + 1);
        return;
      }
      case 'try_statement':
        for (const c of stmt.children) {
          if (c.type === 'block') this.block(c, depth + 1);
          else if (c.type === 'except_clause' || c.type === 'except_group_clause') this.exceptClause(c, depth);
          else if (c.type === 'else_clause' || c.type === 'finally_clause') {
            const body = c.children.find((b) => b.type === 'block');
            if (body) this.block(body, depth + 1);
          }
        }
        return;
      case 'with_statement':
        this.withStatement(stmt, depth);
        return;
      case 'match_statement':
        this.matchStatement(stmt, depth);
        return;
      case 'function_definition':
      case 'class_definition':
        this.definition(stmt, null);
        return;
      case 'decorated_definition': {
        const def = field(stmt, 'definition');
        if (def) this.definition(def, stmt);
        return;
      }
      case 'block':
        this.block(stmt, depth + 1);
        return;
      default:
        return;
    }
  }

  private expressionStatementPart(node: SyntaxNode): void {
    if (node.type === 'assignment') this.assignment(node);
    else if (node.type === 'augmented_assignment') this.augmentedAssignment(node);
    else if (node.isNamed) this.refs(node, 0);
  }

  private assignment(node: SyntaxNode): void {
    // `a = b = value`: the innermost right side is the value; every left side is a target.
    const targets: SyntaxNode[] = [];
    let current: SyntaxNode | undefined = node;
    while (current?.type === 'assignment') {
      const left = field(current, 'left');
      if (left) targets.push(left);
      const right = field(current, 'right');
      if (!right) return; // `x: int` declares, stores nothing
      current = right;
    }
    const value = current!;
    if (targets.length === 1 && isPattern(targets[0]!) && isSequenceDisplay(value)) {
      const lefts = namedItems(targets[0]!);
      const rights = namedItems(value);
      if (lefts.length === rights.length && !rights.some((r) => r.type === 'list_splat')) {
        const values = rights.map((r) => ({ refs: this.refs(r, 0), node: r }));
        lefts.forEach((l, i) => this.store(l, values[i]!.refs, values[i]!.node));
        return;
      }
    }
    const refs = this.refs(value, 0);
    for (const target of targets) this.store(target, refs, value);
  }

  private augmentedAssignment(node: SyntaxNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return;
    const operator = node.children.find((c) => !c.isNamed)?.type ?? '';
    const values = this.refs(right, 0);
    // `xs += [item]`, `s |= other`: the container on the left now holds the other's elements
    // (not the other container itself); `-=`, `&=`, `*=` add nothing.
    if (values.length === 0 || !ADDING_OPERATORS.has(operator)) return;
    const elements = this.elementsOf(values);
    for (const holder of this.refs(left, 0)) for (const v of elements) this.edge(holder, v, 'item');
  }

  /** What a container's elements are: a display's own items, else its element object. */
  private elementsOf(containers: readonly number[]): number[] {
    const out: number[] = [];
    for (const c of containers) {
      if (this.objects[c]!.kind === 'container') {
        out.push(...(this.literalItems.get(c) ?? []));
        continue;
      }
      out.push(this.elementOf(c));
    }
    // Every item at once, not alternatives: no bound.
    return dedupe(out);
  }

  /**
   * Bind an assignment target to `refs`. The parts of an unpacking target (`a, (b, c) = value`)
   * get unknown values: one explicit-stack walk, since targets nest as deep as the code does.
   */
  private store(target: SyntaxNode, refs: number[], valueNode: SyntaxNode, depth = 0): void {
    walk(target, (n) => {
      const whole = n === target;
      switch (n.type) {
        case 'identifier':
          this.env.names.set(n.text, whole ? refs : []);
          return false;
        case 'attribute':
          this.storeAttribute(n, whole ? refs : [], whole ? valueNode : n, depth);
          return false;
        case 'subscript':
          this.storeItem(n, whole ? refs : [], depth);
          return false;
        case 'pattern_list':
        case 'tuple_pattern':
        case 'list_pattern':
        case 'tuple':
        case 'list':
        case 'list_splat_pattern':
        case 'parenthesized_expression':
          // Unpacking a value we cannot split: the targets get unknown values.
          return true;
        default:
          return false;
      }
    });
  }

  /** `obj.attr = value`. */
  private storeAttribute(target: SyntaxNode, refs: number[], valueNode: SyntaxNode, depth: number): void {
    const object = field(target, 'object');
    const attr = field(target, 'attribute')?.text;
    if (!object || !attr) return;
    for (const base of this.refs(object, depth + 1)) {
      for (const v of refs) this.edge(base, v, 'attr', attr);
      this.env.attrs.set(`${base}.${attr}`, refs);
      this.noteSelfStore(base, attr, refs, valueNode);
    }
  }

  /** `xs[k] = value`, `xs[a:b] = values`. */
  private storeItem(target: SyntaxNode, refs: number[], depth: number): void {
    const object = field(target, 'value');
    if (!object) return;
    // `xs[a:b] = ys` copies ys's elements in; `xs[k] = y` stores y itself.
    const isSlice = target.children.some((c) => c.field === 'subscript' && c.type === 'slice');
    const values = isSlice ? this.elementsOf(refs) : refs;
    const key = isSlice ? null : stringKey(target.children.find((c) => c.field === 'subscript') ?? null);
    for (const base of this.refs(object, depth + 1)) for (const v of values) this.edge(base, v, 'item', key ?? undefined);
  }

  /** What a class's methods store on `self.<attr>` (strong, weak, of which class). */
  private noteSelfStore(base: number, attr: string, refs: readonly number[], valueNode: SyntaxNode): void {
    const object = this.objects[base]!;
    if (object.kind !== 'self' || object.classId === undefined) return;
    const entry = attrEntry(this.collector.attrsOf(object.classId), attr);
    if (isWeakValue(this.model, valueNode, 0)) entry.weakStores++;
    else if (refs.length > 0) {
      entry.strongStores++;
      const inInit = this.context.node !== null && field(this.context.node, 'name')?.text === '__init__';
      if (this.statement && (!entry.storedAt || (inInit && !entry.storedInInit))) {
        entry.storedAt = this.model.source.span(this.statement.start, this.statement.end);
        entry.storedText = this.statementText(this.statement);
        entry.storedInInit = inInit;
      }
    }
    for (const r of refs) {
      const t = this.objects[r]!.type;
      if (t) entry.types.add(t);
    }
  }

  /** `del a`, `del obj.attr`, `del a, [b, c]`: an explicit-stack walk through nested lists. */
  private deleteTarget(target: SyntaxNode): void {
    walk(target, (node) => {
      if (node.type === 'identifier') this.env.names.set(node.text, []);
      else if (node.type === 'attribute') {
        const object = field(node, 'object');
        const attr = field(node, 'attribute')?.text;
        if (object && attr) for (const base of this.refs(object, 0)) this.env.attrs.set(`${base}.${attr}`, []);
      } else if (node.type === 'expression_list' || node.type === 'tuple' || node.type === 'list') {
        return true;
      }
      return false;
    });
  }

  private ifStatement(stmt: SyntaxNode, depth: number): void {
    this.statement = stmt;
    const condition = field(stmt, 'condition');
    if (condition) this.refs(condition, 0);
    const before = cloneEnv(this.env);
    // Branches that return or raise do not reach the code after the `if`.
    const outcomes: Env[] = [];
    let hasElse = false;
    const consequence = field(stmt, 'consequence');
    if (condition) this.narrow(condition);
    if (!(consequence && this.block(consequence, depth + 1))) outcomes.push(this.env);
    for (const alt of stmt.children) {
      if (alt.type !== 'elif_clause' && alt.type !== 'else_clause') continue;
      this.env = cloneEnv(before);
      if (alt.type === 'elif_clause') {
        this.statement = alt;
        const cond = field(alt, 'condition');
        if (cond) {
          this.refs(cond, 0);
          this.narrow(cond);
        }
      } else hasElse = true;
      const body = field(alt, 'consequence') ?? field(alt, 'body') ?? alt.children.find((c) => c.type === 'block');
      if (!(body && this.block(body, depth + 1))) outcomes.push(this.env);
    }
    if (!hasElse) outcomes.push(before);
    this.env = outcomes.length > 0 ? this.mergeEnvs(outcomes) : before;
  }

  /**
   * Inside `if isinstance(x, C):` (or `elif …`, or `… and isinstance(x, C)`), `x` names a view of
   * its object, typed `C` when that is one class: the object holds the view (so cycles through
   * the branch still close through it), but views from exclusive branches
   * (`if isinstance(x, A): … elif isinstance(x, B): …`) are distinct objects, not one merged one.
   */
  private narrow(condition: SyntaxNode): void {
    walk(condition, (node) => {
      if (node.type === 'boolean_operator') return node.children.some((c) => c.type === 'and');
      if (node.type === 'parenthesized_expression') return true;
      if (node.type !== 'call') return false;
      const callee = field(node, 'function');
      if (!callee || this.model.resolveExpression(callee) !== 'builtins.isinstance') return false;
      const [subject, classes] = (field(node, 'arguments')?.children ?? []).filter((c) => c.isNamed && c.type !== 'comment');
      if (subject?.type !== 'identifier' || !classes) return false;
      const type = annotatedClass(this.model, classes);
      const views: number[] = [];
      for (const id of this.env.names.get(subject.text) ?? []) {
        if (this.objects[id]!.kind === 'self') {
          views.push(id);
          continue;
        }
        const view = this.object(`narrow:${id}:${node.start}`, () => rawObject('element', { of: id, suffix: '' }, { type: type || undefined }));
        this.edge(id, view, 'iter');
        views.push(view);
      }
      this.env.names.set(subject.text, views);
      return false;
    });
  }

  private forStatement(stmt: SyntaxNode, depth: number): void {
    this.statement = stmt;
    const left = field(stmt, 'left');
    const right = field(stmt, 'right');
    const split = left && right ? this.splitIteration(left, right) : null;
    const sources = right && !split ? this.iterationSources(right, 0) : [];
    const before = cloneEnv(this.env);
    if (split) for (const [target, from] of split) this.bindElements(target, from, stmt, 0);
    else if (left) {
      this.bindElements(left, sources, stmt, 0);
      if (right) this.noteClassChoices(left, right);
    }
    const body = field(stmt, 'body');
    if (body) this.loopBody(before, () => this.block(body, depth + 1));
    this.env = this.mergeEnvs([before, this.env]);
    const alt = field(stmt, 'alternative');
    if (alt) this.block(alt.children.find((c) => c.type === 'block') ?? alt, depth + 1);
  }

  /**
   * Runs a loop body. When an object built in the body is still named after it (`tail = node`),
   * the next iteration sees the previous one's object under that name: the body runs once more
   * with the name bound to a stand-in for it, so `tail.next = node; node.prev = tail` links two
   * objects (a doubly linked list built in a loop) — not one object to itself, not to nothing.
   */
  private loopBody(before: Env, body: () => void): void {
    body();
    // Nested loops each replay only if they carry an object; the cap bounds the rare worst case.
    if (this.replaying >= 2) return;
    const carried: [string, number[]][] = [];
    for (const [name, ids] of this.env.names) {
      const old = before.names.get(name);
      if (old === undefined) continue;
      const fresh = ids.filter((id) => !old.includes(id) && this.objects[id]!.kind === 'new');
      if (fresh.length > 0) carried.push([name, union([...old, ...fresh.map((id) => this.previousIteration(id))])]);
    }
    if (carried.length === 0) return;
    this.env = this.mergeEnvs([before, this.env]);
    for (const [name, ids] of carried) this.env.names.set(name, ids);
    const seen = new Set(this.calls.map(recordedCallKey));
    const firstReplayed = this.calls.length;
    this.replaying++;
    body();
    this.replaying--;
    // The replay repeats the body's calls; keep only those that involve the stand-ins.
    const replayed = this.calls.splice(firstReplayed);
    for (const c of replayed) {
      const key = recordedCallKey(c);
      if (!seen.has(key)) {
        seen.add(key);
        this.calls.push(c);
      }
    }
  }

  /** The object an earlier iteration of a loop built at the same place (see `loopBody`). */
  private previousIteration(id: number): number {
    return this.object(`previous:${id}`, () => {
      const o = this.objects[id]!;
      return rawObject(o.kind, o.label, o);
    });
  }

  /**
   * `for a, b in zip(xs, ys)`: each name takes the elements of its own iterable (not of both);
   * `for i, x in enumerate(xs)`: the index holds nothing. Null when the loop does not split so.
   */
  private splitIteration(left: SyntaxNode, right: SyntaxNode): [SyntaxNode, number[]][] | null {
    if (!isPattern(left) || right.type !== 'call') return null;
    const callee = field(right, 'function');
    const keysAndValues = this.splitItems(left, callee);
    if (keysAndValues) return keysAndValues;
    const qualified = callee ? this.model.resolveExpression(callee) : null;
    if (qualified !== 'builtins.zip' && qualified !== 'builtins.enumerate') return null;
    const args = (field(right, 'arguments')?.children ?? []).filter((c) => c.isNamed && c.type !== 'comment' && c.type !== 'keyword_argument');
    const targets = namedItems(left);
    if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
    if (qualified === 'builtins.enumerate') {
      if (args.length !== 1 || targets.length !== 2) return null;
      return [[targets[0]!, []], [targets[1]!, this.iterationSources(args[0]!, 1)]];
    }
    if (targets.length !== args.length) return null;
    return targets.map((t, i) => [t, this.iterationSources(args[i]!, 1)]);
  }

  /**
   * `for key, value in d.items()`: the key and the value are different objects (both held by
   * d): the value is taken from a `d.values()` view, so that `value.add(key)` is no self-store.
   */
  private splitItems(left: SyntaxNode, callee: SyntaxNode | undefined): [SyntaxNode, number[]][] | null {
    if (callee?.type !== 'attribute' || field(callee, 'attribute')?.text !== 'items') return null;
    const targets = namedItems(left);
    const object = field(callee, 'object');
    if (targets.length !== 2 || !object) return null;
    const dicts = this.refs(object, 1);
    const views = dicts.map((d) => {
      const view = this.object(`values:${d}`, () => rawObject('element', { of: d, suffix: '.values()' }));
      this.edge(d, view, 'iter');
      return view;
    });
    return [[targets[0]!, dicts], [targets[1]!, views]];
  }

  /**
   * Bind each name in a loop target to an element of the iterated containers. `shadowed` collects
   * what each name bound before (first binding only), for scopes that end (comprehensions).
   */
  private bindElements(
    target: SyntaxNode, sources: readonly number[], owner: SyntaxNode, depth: number,
    shadowed?: Map<string, number[] | undefined>,
  ): void {
    const saved = this.statement;
    this.statement = owner;
    const elements = sources.map((s) => this.elementOf(s));
    this.statement = saved;
    walk(target, (n) => {
      if (n.type === 'identifier') {
        if (shadowed && !shadowed.has(n.text)) shadowed.set(n.text, this.env.names.get(n.text));
        this.env.names.set(n.text, elements);
        return false;
      }
      if (n.type === 'attribute' || n.type === 'subscript') {
        this.store(n, [], n, depth);
        return false;
      }
      return true;
    });
  }

  /** The (one, abstract) element of a container: what iterating or indexing it yields. */
  private elementOf(container: number): number {
    const source = this.sliceOf.get(container) ?? container;
    const element = this.object(`element:${source}`, () => rawObject('element', { of: source, suffix: '[…]' }));
    this.edge(container, element, 'iter');
    return element;
  }

  /**
   * The containers a loop over `expr` takes its elements from (`enumerate(xs)` → xs). `depth` is
   * the expression depth, passed on to `refs`: nested comprehensions count towards MAX_DEPTH.
   */
  private iterationSources(expr: SyntaxNode, depth: number): number[] {
    if (depth > MAX_DEPTH) return [];
    if (expr.type === 'call') {
      const callee = field(expr, 'function');
      const args = field(expr, 'arguments');
      const qualified = callee ? this.model.resolveExpression(callee) : null;
      if (qualified && ITERATION_WRAPPERS.has(qualified) && args) {
        const sources: number[] = [];
        for (const a of args.children) {
          if (a.isNamed && a.type !== 'keyword_argument') pushIds(sources, this.iterationSources(a, depth + 1));
        }
        return sources;
      }
      // `ast.iter_child_nodes(node)` yields what `node` holds in its fields.
      const first = args?.children.find((c) => c.isNamed && c.type !== 'keyword_argument');
      if (qualified === 'ast.iter_child_nodes' && first) return this.refs(first, depth + 1);
      if (callee?.type === 'attribute') {
        const method = field(callee, 'attribute')?.text;
        const object = field(callee, 'object');
        if (object && (method === 'values' || method === 'items' || method === 'copy')) {
          return this.iterationSources(object, depth + 1);
        }
        if (method === 'keys') return [];
      }
    }
    return this.refs(expr, depth);
  }

  private exceptClause(clause: SyntaxNode, depth: number): void {
    const saved = this.statement;
    for (const c of clause.children) {
      if (c.type === 'as_pattern') {
        const target = field(c, 'alias');
        const name = target?.children.find((n) => n.type === 'identifier');
        if (name) this.env.names.set(name.text, []);
      } else if (c.type === 'block') this.block(c, depth + 1);
    }
    this.statement = saved;
  }

  private withStatement(stmt: SyntaxNode, depth: number): void {
    this.statement = stmt;
    walk(stmt, (n) => {
      if (n === stmt || n.type === 'with_clause') return true;
      if (n.type === 'with_item') {
        const value = field(n, 'value');
        if (value?.type === 'as_pattern') {
          const expr = value.children.find((c) => c.isNamed && c.type !== 'as_pattern_target');
          const refs = expr ? this.refs(expr, 0) : [];
          const entered = refs.filter((r) => this.objects[r]!.kind === 'new');
          const target = field(value, 'alias')?.children.find((c) => c.isNamed);
          if (target?.type === 'identifier') {
            this.env.names.set(target.text, entered.length > 0 ? entered : [this.nodeObject('value', target)]);
          }
        } else if (value) this.refs(value, 0);
        return false;
      }
      if (n.type === 'block') {
        this.block(n, depth + 1);
        return false;
      }
      return false;
    });
  }

  private matchStatement(stmt: SyntaxNode, depth: number): void {
    this.statement = stmt;
    const subject = field(stmt, 'subject');
    if (subject) this.refs(subject, 0);
    const before = cloneEnv(this.env);
    const outcomes: Env[] = [before];
    const body = field(stmt, 'body');
    for (const clause of body?.children ?? []) {
      if (clause.type !== 'case_clause') continue;
      this.env = cloneEnv(before);
      const consequence = field(clause, 'consequence') ?? clause.children.find((c) => c.type === 'block');
      if (consequence) this.block(consequence, depth + 1);
      outcomes.push(this.env);
    }
    this.env = this.mergeEnvs(outcomes);
  }

  private definition(def: SyntaxNode, decorated: SyntaxNode | null): void {
    this.collector.enqueueDefinition(def, this.context);
    const name = field(def, 'name')?.text;
    if (!name) return;
    if (def.type === 'class_definition') {
      this.env.names.set(name, []);
      return;
    }
    this.statement = decorated ?? def;
    // Module-level functions are globals, called by name: keep them resolvable.
    if (this.context.functionId === null) return;
    const closure = this.closureFor(def, this.freeNames(def));
    this.env.names.set(name, [closure]);
    if (decorated) this.decoratorRegistrations(decorated, closure);
  }

  /** `@button.on_click` / `@bus.subscribe("topic")` on a nested def registers the closure. */
  private decoratorRegistrations(decorated: SyntaxNode, closure: number): void {
    for (const d of decorated.children) {
      if (d.type !== 'decorator') continue;
      const expr = d.children.find((c) => c.isNamed);
      const target = expr?.type === 'call' ? field(expr, 'function') : expr;
      if (target?.type !== 'attribute') continue;
      const object = field(target, 'object');
      const method = field(target, 'attribute')?.text;
      if (!object || !method) continue;
      const extra = expr?.type === 'call' ? this.argList(field(expr, 'arguments')) : [];
      for (const receiver of this.refs(object, 0)) {
        this.calls.push(rawCall(d, receiver, method, null, false, null, [cycleArg(null, false, [closure]), ...extra]));
      }
    }
  }

  // ---- expressions ---------------------------------------------------------------------

  /** The objects an expression's value may be (empty when it cannot hold anything we track). */
  refs(node: SyntaxNode, depth: number): number[] {
    if (depth > MAX_DEPTH) return [];
    switch (node.type) {
      case 'identifier':
        return this.nameRefs(node);
      case 'attribute': {
        const object = field(node, 'object');
        const attr = field(node, 'attribute')?.text;
        if (!object || !attr) return [];
        const out: number[] = [];
        for (const base of this.refs(object, depth + 1)) out.push(...this.readAttr(base, attr));
        return out;
      }
      case 'call':
        return this.callRefs(node, depth);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'dictionary':
        return [this.display(node, depth)];
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return [this.comprehension(node, depth)];
      case 'parenthesized_expression': {
        const inner = node.children.find((c) => c.isNamed && c.type !== 'comment');
        return inner ? this.refs(inner, depth + 1) : [];
      }
      case 'conditional_expression':
      case 'boolean_operator':
        return this.alternativeRefs(node, depth);
      case 'named_expression': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        const refs = value ? this.refs(value, depth + 1) : [];
        if (name) this.env.names.set(name.text, refs);
        return refs;
      }
      case 'lambda':
        return [this.closureFor(node, this.lambdaCaptures(node))];
      case 'subscript':
        return this.subscriptRefs(node, depth);
      case 'await':
        return this.awaitRefs(node, depth);
      case 'not_operator':
      case 'comparison_operator':
      case 'binary_operator':
      case 'unary_operator':
        for (const c of node.children) if (c.isNamed) this.refs(c, depth + 1);
        return [];
      default:
        return [];
    }
  }

  // The larger cases of `refs` are methods of their own: V8 re-optimizes a function whole when
  // one of its rare paths first runs, and `refs` is among the hottest.

  private alternativeRefs(node: SyntaxNode, depth: number): number[] {
    const parts = node.children.filter((c) => c.isNamed);
    // `a if cond else b`: the condition's value is not the result. `a and b` is `a` only when
    // `a` is falsy (None, an empty container), which holds nothing: only `b` counts.
    const isAnd = node.type === 'boolean_operator' && node.children.some((c) => c.type === 'and');
    const values = node.type === 'conditional_expression' ? [parts[0], parts[2]] : isAnd ? parts.slice(-1) : parts;
    if (node.type === 'conditional_expression' && parts[1]) this.refs(parts[1], depth + 1);
    if (isAnd && parts[0]) this.refs(parts[0], depth + 1);
    const all: number[] = [];
    for (const v of values) if (v) pushIds(all, this.refs(v, depth + 1));
    return union(all);
  }

  private subscriptRefs(node: SyntaxNode, depth: number): number[] {
    const value = field(node, 'value');
    if (!value) return [];
    const containers = this.refs(value, depth + 1);
    for (const c of node.children) if (c.field === 'subscript') this.refs(c, depth + 1);
    // `items[1:]` is a new container of `items`'s elements (`zip(items, items[1:])` pairs them).
    if (node.children.some((c) => c.field === 'subscript' && c.type === 'slice')) {
      if (containers.length !== 1) return [this.nodeObject('value', node)];
      const slice = this.nodeObject('container', node);
      this.sliceOf.set(slice, this.sliceOf.get(containers[0]!) ?? containers[0]!);
      return [slice];
    }
    // `node["name"]` and `node["children"]` are different fields of a dict-based record.
    const key = stringKey(node.children.find((c) => c.field === 'subscript') ?? null);
    return containers.map((c) => (key === null ? this.elementOf(c) : this.fieldOf(c, key)));
  }

  /** The value under a plain string key of a container (`node["children"]`). */
  private fieldOf(container: number, key: string): number {
    const source = this.sliceOf.get(container) ?? container;
    const element = this.object(`element:${source}:${key}`, () => rawObject('element', { of: source, suffix: `["${key}"]` }));
    this.edge(container, element, 'iter');
    return element;
  }

  private awaitRefs(node: SyntaxNode, depth: number): number[] {
    const awaited = node.children.filter((c) => c.isNamed).map((c) => this.refs(c, depth + 1));
    // `await asyncio.start_server(...)`, `await loop.create_server(...)`: the server itself.
    const server = awaited.length === 1 ? awaited[0]!.filter((r) => this.objects[r]!.type === SERVER_TYPE) : [];
    return server.length > 0 ? server : [this.nodeObject('value', node)];
  }

  private nameRefs(id: SyntaxNode): number[] {
    const name = id.text;
    const bound = this.env.names.get(name);
    if (bound) return bound;
    const found = this.model.lookup(name, id);
    if (!found) return [];
    const { scope } = found;
    if (scope === this.context.scope) return [];
    if (scope.kind === 'module' || scope.kind === 'class') return [];
    // A variable of an enclosing function.
    if (name === this.context.selfName && this.context.selfClassId !== null) return [this.selfObject()];
    return [this.object(`free:${name}`, () => rawObject('free', name))];
  }

  private readAttr(base: number, attr: string): number[] {
    const stored = this.env.attrs.get(`${base}.${attr}`);
    if (stored) return stored;
    const key = `${base}.${attr}`;
    const id = this.object(`attr:${key}`, () => rawObject('attr', { of: base, suffix: `.${attr}` }, { base, attr }));
    this.attrObjects.set(key, id);
    return [id];
  }

  private display(node: SyntaxNode, depth: number): number {
    const container = this.nodeObject('container', node);
    for (const c of node.children) {
      if (!c.isNamed || c.type === 'comment') continue;
      let value: SyntaxNode | undefined = c;
      let name: string | null = null;
      if (c.type === 'pair') {
        const key = field(c, 'key');
        if (key) this.refs(key, depth + 1);
        value = field(c, 'value');
        name = stringKey(key ?? null);
      } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
        value = c.children.find((x) => x.isNamed);
      }
      if (!value) continue;
      for (const v of this.refs(value, depth + 1)) this.edge(container, v, 'literal', name ?? undefined);
    }
    return container;
  }

  private comprehension(node: SyntaxNode, depth: number): number {
    const container = this.nodeObject('container', node);
    // The loop variables are the comprehension's own: put back what they named outside (only
    // those, so a comprehension costs its own size, not the function's, at every nesting level).
    const shadowed = new Map<string, number[] | undefined>();
    for (const clause of node.children) {
      if (clause.type === 'for_in_clause') {
        const right = field(clause, 'right');
        const left = field(clause, 'left');
        const sources = right ? this.iterationSources(right, depth + 1) : [];
        if (left) this.bindElements(left, sources, clause, depth + 1, shadowed);
        if (left && right) this.noteClassChoices(left, right);
      } else if (clause.type === 'if_clause') {
        for (const c of clause.children) if (c.isNamed) this.refs(c, depth + 1);
      }
    }
    const body = field(node, 'body');
    if (body) {
      const values = body.type === 'pair' ? [field(body, 'value')] : [body];
      for (const v of values) if (v) for (const r of this.refs(v, depth + 1)) this.edge(container, r, 'literal');
    }
    for (const [name, outer] of shadowed) {
      if (outer === undefined) this.env.names.delete(name);
      else this.env.names.set(name, outer);
    }
    return container;
  }

  private callRefs(call: SyntaxNode, depth: number): number[] {
    const callee = field(call, 'function');
    const argsNode = field(call, 'arguments');
    if (!callee) return [];
    if (callee.type === 'attribute') {
      const object = field(callee, 'object');
      if (object?.type === 'call' && field(object, 'function')?.text === 'super') return this.superCallRefs(call, callee, argsNode, depth);
      // A method call on an object this function tracks: `self.m(...)`, `child.attach(...)`.
      const receivers = this.refs(object!, depth + 1);
      if (receivers.length > 0) return this.methodCallRefs(call, callee, argsNode, receivers, depth);
    }
    const dotted = dottedName(callee);
    const qualified = dotted === this.context.clsName && this.context.clsId !== undefined
      ? `${this.model.module.name}.${this.context.clsId}`
      : dotted ? this.model.resolveDotted(dotted, callee) : null;
    if (qualified !== null) {
      const known = this.knownCallRefs(call, argsNode, qualified, depth);
      if (known !== null) return known;
    }
    const args = this.argList(argsNode, depth);
    if (callee.type === 'call') return this.appliedCallRefs(call, callee, args, depth);
    if (callee.type !== 'identifier' && callee.type !== 'attribute') return [];
    return this.plainCallRefs(call, callee, dotted, qualified, args);
  }

  /** `super().m(...)`: resolved at link time in the bases of self's class. */
  private superCallRefs(call: SyntaxNode, callee: SyntaxNode, argsNode: SyntaxNode | undefined, depth: number): number[] {
    const method = field(callee, 'attribute')?.text ?? null;
    const args = this.argList(argsNode, depth);
    if (this.context.selfClassId !== null && args.some(passesObjects)) {
      this.calls.push(rawCall(this.statement ?? call, this.selfObject(), method, null, true, null, args));
    }
    return [this.nodeObject('value', call, method === '__new__' && buildsClass(argsNode, 4) ? { type: CLASS_OBJECT_TYPE } : NO_EXTRA)];
  }

  /** `recv.m(...)` on receivers this function tracks. */
  private methodCallRefs(
    call: SyntaxNode, callee: SyntaxNode, argsNode: SyntaxNode | undefined, receivers: number[], depth: number,
  ): number[] {
    const method = field(callee, 'attribute')?.text ?? null;
    let args = this.argList(argsNode, depth);
    // `module.Plugin(self)` on a module loaded at run time (`importlib.import_module(...)`,
    // an untyped parameter): a class known only at run time, handed its owner.
    if (method && CLASS_NAME.test(method) && this.handsSelf(args)
      && receivers.every((r) => this.objects[r]!.kind === 'value' || (this.objects[r]!.kind === 'param' && !this.objects[r]!.type))) {
      return [this.runtimeInstance(call, args)];
    }
    if (method === 'extend' || method === 'update') {
      // These copy the argument's elements in, not the argument itself.
      args = args.map((a) => (a.keyword === null ? cycleArg(a.keyword, a.splat, this.elementsOf(a.refs)) : a));
    }
    // `d.setdefault(k, [])`, `d.get(k)`: the result is (or becomes) one of d's elements — or
    // the default (`options.get("on_error", self._on_error)`, `kwargs.pop("cb", self._cb)`).
    const fromContainer = method !== null && ELEMENT_GETTERS.has(method);
    const holding = !fromContainer && method !== null ? HOLDING_RESULTS.get(method) : undefined;
    const withDefault = method === 'setdefault' || method === 'get' || method === 'pop';
    // `r = history.pop()`, `job = queue.popleft()`: the element is taken out, so the container no
    // longer holds it (`r.history = history` makes no cycle). A fresh value, not the container's
    // shared element, which the container keeps holding.
    const removed = method === 'pop' || method === 'popleft';
    const result = fromContainer
      ? union([
        ...(removed ? [this.nodeObject('value', call)] : this.elementsOf(receivers)),
        ...(withDefault && args[1]?.keyword === null ? args[1].refs : []),
      ])
      : holding
        ? [this.nodeObject('new', call, { type: holding })]
        : [this.nodeObject('value', call)];
    if (holding) {
      // A task holds its coroutine until it finishes; a handle its callback until cancelled.
      for (const a of args) for (const r of a.refs) this.edge(result[0]!, r, 'item');
    }
    if (method !== null && CHILD_BUILDING_METHODS.has(method)) {
      for (const receiver of receivers) this.edge(receiver, result[0]!, 'item');
    }
    // Calls on `self` are kept even without arguments: `self._run()` may build a coroutine.
    // Assertion helpers (`self.assertEqual(a, b)`) keep nothing.
    const onSelf = receivers.some((r) => this.objects[r]!.kind === 'self');
    if (method && !NON_STORING_METHODS.test(method) && (args.some(passesObjects) || onSelf)) {
      for (const receiver of receivers) {
        this.calls.push(rawCall(
          this.statement ?? call, receiver, method, null, false, fromContainer || result.length !== 1 ? null : result[0]!, args,
        ));
      }
    }
    return result;
  }

  /**
   * Calls of builtins and library functions this analysis knows (`type(...)`, weak references,
   * `partial`, `setattr`, copying containers), or null for any other callee.
   */
  private knownCallRefs(call: SyntaxNode, argsNode: SyntaxNode | undefined, qualified: string, depth: number): number[] | null {
    // `type(name, bases, ns)`, `type.__new__(mcls, name, bases, ns)`: a class object.
    if ((qualified === 'builtins.type' && buildsClass(argsNode, 3)) || (qualified === 'builtins.type.__new__' && buildsClass(argsNode, 4))) {
      this.argList(argsNode, depth);
      return [this.nodeObject('value', call, { type: CLASS_OBJECT_TYPE })];
    }
    if (WEAK_REFERENCE_FACTORIES.has(qualified)) {
      this.argList(argsNode, depth);
      return [];
    }
    if (qualified === 'functools.partial' || qualified === 'functools.partialmethod' || qualified === 'types.MethodType'
      || qualified === 'functools.lru_cache' || qualified === 'functools.cache') {
      const closure = this.nodeObject('closure', call);
      for (const a of this.argList(argsNode, depth)) for (const r of a.refs) this.edge(closure, r, 'capture');
      // `partial(sink.write, …)` in a factory that does not know `sink`'s class: the callable
      // is almost always a bound method, which holds `sink`. (On `self` the class says.)
      const fn = argsNode?.children.find((c) => c.isNamed && c.type !== 'comment');
      const owner = fn?.type === 'attribute' ? field(fn, 'object') : null;
      if (owner?.type === 'identifier') {
        for (const r of this.refs(owner, depth + 1)) {
          const kind = this.objects[r]!.kind;
          if (kind === 'param' || kind === 'free') this.edge(closure, r, 'capture');
        }
      }
      return [closure];
    }
    // `object.__setattr__(self, "parent", p)`: how frozen dataclasses store, same as `setattr`.
    const setattr = qualified === 'builtins.setattr' || qualified === 'builtins.object.__setattr__';
    if (setattr || qualified === 'builtins.getattr') {
      const args = this.argList(argsNode, depth);
      const name = argsNode?.children.filter((c) => c.isNamed)[1];
      const attr = name?.type === 'string' ? stringContent(name) : null;
      if (qualified === 'builtins.getattr') {
        if (!attr) return name && HANDLER_PREFIX.test(literalPrefix(name)) ? [this.dynamicMethod(call, args[0]?.refs ?? [])] : [];
        const read: number[] = [];
        for (const b of args[0]?.refs ?? []) pushIds(read, this.readAttr(b, attr));
        return read;
      }
      for (const holder of args[0]?.refs ?? []) {
        for (const v of args[2]?.refs ?? []) this.edge(holder, v, 'attr', attr ?? undefined);
        if (attr) this.env.attrs.set(`${holder}.${attr}`, [...(args[2]?.refs ?? [])]);
      }
      return [];
    }
    if (COPYING_CONTAINERS.has(qualified)) {
      const container = this.nodeObject('container', call);
      const args = argsNode?.children.filter((c) => c.isNamed) ?? [];
      for (const a of args) {
        if (a.type === 'keyword_argument') {
          // `dict(a=x)` holds x; `sorted(xs, key=f)` does not hold f.
          const v = field(a, 'value');
          const refs = v ? this.refs(v, depth + 1) : [];
          if (qualified === 'builtins.dict' || qualified === 'collections.OrderedDict') for (const r of refs) this.edge(container, r, 'literal');
          continue;
        }
        const sources = this.iterationSources(a.type === 'list_splat' || a.type === 'dictionary_splat' ? (a.children.find((x) => x.isNamed) ?? a) : a, depth + 1);
        // The copy holds the source's elements, not the source itself.
        for (const element of this.elementsOf(sources)) this.edge(container, element, 'literal');
      }
      return [container];
    }
    return null;
  }

  /** `factory(...)(args)`: the callee is itself a call. */
  private appliedCallRefs(call: SyntaxNode, callee: SyntaxNode, args: CycleArg[], depth: number): number[] {
    // A decorator factory applied by hand (`functools.lru_cache(maxsize=128)(self._load)`,
    // `retry(times=3)(self.fetch)`): the wrapper it returns holds what it wraps. Not
    // `type(x)(...)` and other builtins, which build plain values.
    const inner = field(callee, 'function');
    // `hooks.register("startup")(self.on_startup)`, `bus.on("tick")(handler)`: the receiver's
    // registering decorator keeps what it is applied to (the link step decides by the name).
    const innerObject = inner?.type === 'attribute' ? field(inner, 'object') : null;
    const innerMethod = inner?.type === 'attribute' ? (field(inner, 'attribute')?.text ?? null) : null;
    if (innerObject && innerMethod && args.some(passesObjects)) {
      for (const receiver of this.refs(innerObject, depth + 1)) {
        this.calls.push(rawCall(this.statement ?? call, receiver, innerMethod, null, false, null, args, true));
      }
    }
    const innerName = inner ? dottedName(inner) : null;
    const innerQualified = inner && innerName ? this.model.resolveDotted(innerName, inner) : null;
    if (!innerName || innerQualified?.startsWith('builtins.')) return [];
    // `ep.load()(self)`: no decorator wraps the instance itself; a class loaded at run time
    // is built with its owner.
    if (this.handsSelf(args)) return [this.runtimeInstance(call, args)];
    const wrapper = this.nodeObject('closure', call);
    for (const a of args) for (const r of a.refs) this.edge(wrapper, r, 'capture');
    return [wrapper];
  }

  /** `f(...)`, `Cls(...)`, `mod.f(...)` on a name or dotted name. */
  private plainCallRefs(call: SyntaxNode, callee: SyntaxNode, dotted: string | null, qualified: string | null, args: CycleArg[]): number[] {
    const last = dotted ? dotted.slice(dotted.lastIndexOf('.') + 1) : '';
    // `plugin_cls(self)` with `plugin_cls: type[Plugin]`: an instance of `Plugin` (or a subclass).
    const paramClass = !qualified && callee.type === 'identifier' ? this.classParamNamed(callee.text) : null;
    if (paramClass) {
      const result = this.nodeObject('new', call, { type: paramClass, subclassOk: true });
      this.calls.push(rawCall(this.statement ?? call, null, null, paramClass, false, result, args));
      return [result];
    }
    const choices = !qualified && callee.type === 'identifier' ? this.classChoicesNamed(callee.text) : null;
    if (choices) {
      const result = this.nodeObject('new', call);
      for (const cls of choices) this.calls.push(rawCall(this.statement ?? call, null, null, cls, false, result, args));
      return [result];
    }
    if (!qualified) {
      // A class held in a local (`plugin_cls(self)`, `handler_class(self, request)`) and handed
      // the instance: what it builds keeps its owner, as a class from outside the project would.
      if (callee.type === 'identifier' && RUNTIME_CLASS_NAME.test(callee.text) && this.handsSelf(args)) {
        return [this.runtimeInstance(call, args)];
      }
      // Calling a local (a factory passed in, a nested def): its result is unknown.
      return [this.nodeObject('value', call)];
    }
    const holder = TASK_FACTORIES.has(qualified) ? 'asyncio.Task' : SERVER_FACTORIES.has(qualified) ? SERVER_TYPE : null;
    const looksLikeClass = (/^_*[A-Z]/.test(last) && !/^_*[A-Z0-9_]+$/.test(last)) || holder !== null;
    const result = looksLikeClass || WEAK_CONTAINERS.has(qualified)
      ? this.nodeObject('new', call, { type: holder ?? qualified })
      : this.nodeObject('value', call);
    if (holder !== null) {
      // A task holds its coroutine until it finishes; a server its client handler.
      for (const a of args) for (const r of a.refs) this.edge(result, r, 'item');
      return [result];
    }
    // Builtins (`len`, `isinstance`, `str`, exception classes) keep nothing they are given.
    if (qualified.startsWith('builtins.')) return [result];
    if (args.some(passesObjects) || looksLikeClass) {
      this.calls.push(rawCall(this.statement ?? call, null, null, qualified, false, result, args));
    }
    return [result];
  }

  /**
   * `for cls in (HelpCommand, RollCommand)`, `for cls in COMMANDS` (a module-level tuple of
   * classes): the loop variable is one of these classes, and `cls(self)` builds an instance of
   * one of them, which their constructors say what it keeps.
   */
  private noteClassChoices(left: SyntaxNode, right: SyntaxNode): void {
    if (left.type !== 'identifier') return;
    const classes = this.literalClasses(right, 0);
    if (classes) this.classChoices.set(left.text, { bound: this.env.names.get(left.text), classes });
  }

  /** The classes a tuple, list or set display names, directly or through a module-level constant. */
  private literalClasses(expr: SyntaxNode, depth: number): string[] | null {
    if (expr.type === 'parenthesized_expression') {
      const inner = expr.children.find((c) => c.isNamed && c.type !== 'comment');
      return inner && depth < 2 ? this.literalClasses(inner, depth + 1) : null;
    }
    if (expr.type === 'identifier') {
      const found = depth === 0 ? this.model.lookup(expr.text, expr) : undefined;
      const assignment = found?.scope.kind === 'module' && found.binding.kind === 'assignment' ? found.binding.node : null;
      const value = assignment?.type === 'assignment' && field(assignment, 'left')?.text === expr.text ? field(assignment, 'right') : undefined;
      return value ? this.literalClasses(value, depth + 1) : null;
    }
    if (expr.type !== 'tuple' && expr.type !== 'list' && expr.type !== 'set') return null;
    const classes: string[] = [];
    for (const item of expr.children) {
      if (!item.isNamed || item.type === 'comment') continue;
      const qualified = item.type === 'identifier' || item.type === 'attribute' ? this.model.resolveExpression(item) : null;
      const last = qualified?.slice(qualified.lastIndexOf('.') + 1) ?? '';
      if (!qualified || qualified.startsWith('builtins.') || !/^_*[A-Z]/.test(last) || /^_*[A-Z0-9_]+$/.test(last)) return null;
      classes.push(qualified);
    }
    return classes.length > 0 ? classes : null;
  }

  /** The class a `type[C]` parameter still holds under `name` (null once the name is rebound). */
  private classParamNamed(name: string): string | null {
    const refs = this.env.names.get(name);
    return refs?.length === 1 ? this.classParams.get(refs[0]!) ?? null : null;
  }

  /** The classes a loop variable over a fixed set of classes still holds under `name`. */
  private classChoicesNamed(name: string): readonly string[] | null {
    const choice = this.classChoices.get(name);
    return choice && choice.bound !== undefined && this.env.names.get(name) === choice.bound ? choice.classes : null;
  }

  /** The method's own instance is passed as is (`f(self)`, `f(owner=self)`). */
  private handsSelf(args: readonly CycleArg[]): boolean {
    return args.some((a) => !a.splat && a.refs.some((r) => this.objects[r]!.kind === 'self'));
  }

  /** An instance of a class known only at run time, built from `args`. */
  private runtimeInstance(call: SyntaxNode, args: CycleArg[]): number {
    const result = this.nodeObject('new', call);
    this.calls.push(rawCall(this.statement ?? call, null, null, null, false, result, args, false, true));
    return result;
  }

  private argList(args: SyntaxNode | undefined, depth = 0): CycleArg[] {
    if (!args) return [];
    if (args.type === 'generator_expression') return [cycleArg(null, false, this.refs(args, depth + 1))];
    const out: CycleArg[] = [];
    for (const a of args.children) {
      if (!a.isNamed || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const value = field(a, 'value');
        out.push(cycleArg(field(a, 'name')?.text ?? null, false, value ? this.refs(value, depth + 1) : []));
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        const inner = a.children.find((c) => c.isNamed);
        out.push(cycleArg(null, true, inner ? this.refs(inner, depth + 1) : []));
      } else {
        out.push(cycleArg(null, false, this.refs(a, depth + 1)));
      }
    }
    return out;
  }

  // ---- closures ------------------------------------------------------------------------

  /** A closure object holding `names` as they are bound now. */
  private closureFor(node: SyntaxNode, names: readonly string[]): number {
    const named: number[] = [];
    for (const n of names) pushIds(named, this.nameRefsByText(n));
    const captured = dedupe(named);
    const closure = this.nodeObject('closure', node);
    for (const r of captured) this.edge(closure, r, 'capture');
    // Default values are evaluated once and kept by the function: `lambda s=self: s.close()`.
    for (const p of field(node, 'parameters')?.children ?? []) {
      if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
      const value = field(p, 'value');
      if (value) for (const r of this.refs(value, 1)) this.edge(closure, r, 'capture');
    }
    return closure;
  }

  /**
   * `getattr(self, f"on_{kind}")`: a method looked up by a handler-like name. Which one is not
   * known, so it stands as a callable capturing the object (a bound method holds its instance).
   */
  private dynamicMethod(call: SyntaxNode, bases: readonly number[]): number {
    const method = this.nodeObject('closure', call);
    for (const b of bases) this.edge(method, b, 'capture');
    return method;
  }

  /** A captured name (already known to be a variable of this or an enclosing function). */
  private nameRefsByText(name: string): number[] {
    const bound = this.env.names.get(name);
    if (bound) return bound;
    if (name === this.context.selfName && this.context.selfClassId !== null) return [this.selfObject()];
    if (this.context.functionId === null || !this.boundInEnclosingFunction(name)) return [];
    return [this.object(`free:${name}`, () => rawObject('free', name))];
  }

  /** Names a nested def reads from this function (or from further out, but not globals). */
  private freeNames(def: SyntaxNode): string[] {
    const cached = this.freeNameCache.get(def);
    if (cached) return cached;
    const own = this.model.scopeFor(def);
    const body = field(def, 'body');
    const list = own && body ? this.capturedIn(body, own) : [];
    this.freeNameCache.set(def, list);
    return list;
  }

  private lambdaCaptures(lambda: SyntaxNode): string[] {
    const own = this.model.scopeFor(lambda);
    const body = field(lambda, 'body');
    return own && body ? this.capturedIn(body, own) : [];
  }

  /** Identifiers in `body` that name a variable of this function or an enclosing one. */
  private capturedIn(body: SyntaxNode, own: Scope): string[] {
    const names = new Set<string>();
    const rejected = new Set<string>();
    walk(body, (n) => {
      if (n.type !== 'identifier') return true;
      if (n.field === 'attribute' || (n.field === 'name' && n.parent?.type === 'keyword_argument')) return false;
      const name = n.text;
      if (names.has(name) || rejected.has(name)) return false;
      const local = own.bindings.has(name) && !own.declaredOuter.has(name);
      if (!local && (this.env.names.has(name) || name === this.context.selfName || this.boundInEnclosingFunction(name))) names.add(name);
      else rejected.add(name);
      return false;
    });
    return [...names];
  }

  private boundInEnclosingFunction(name: string): boolean {
    for (let scope: Scope | null = this.context.scope; scope && scope.kind !== 'module'; scope = scope.parent) {
      if ((scope.kind === 'function' || scope.kind === 'lambda') && scope.bindings.has(name)) return true;
    }
    return false;
  }

  /** After branches: a name may hold what any branch left in it. */
  private mergeEnvs(envs: readonly Env[]): Env {
    if (envs.length === 1) return envs[0]!;
    const merged: Env = { names: new Map(), attrs: new Map() };
    for (const key of ['names', 'attrs'] as const) {
      const keys = new Set<string>();
      for (const e of envs) for (const k of e[key].keys()) keys.add(k);
      for (const k of keys) {
        const values: number[] = [];
        let missing = false;
        for (const e of envs) {
          const v = e[key].get(k);
          if (v === undefined) missing = true;
          else values.push(...v);
        }
        // An attribute not stored on some path still holds its old value there.
        if (key === 'attrs' && missing) {
          const dot = k.indexOf('.');
          values.push(...this.readAttrUnstored(Number(k.slice(0, dot)), k.slice(dot + 1)));
        }
        merged[key].set(k, union(values));
      }
    }
    return merged;
  }

  private readAttrUnstored(base: number, attr: string): number[] {
    const saved = this.env;
    this.env = { names: saved.names, attrs: new Map() };
    const out = this.readAttr(base, attr);
    this.env = saved;
    return out;
  }

  // ---- output --------------------------------------------------------------------------

  /**
   * Whether a call-free function can still show up in the link step, where only `base ↔
   * base.attr` edges (`implicit`, `bound`) are added to its own: with those (both ways), do its
   * edges close a cycle, or lead from a parameter or a returned object to another parameter
   * through a store (a summary its callers would apply)?
   */
  private mayMatterWithoutCalls(edges: readonly RawEdge[]): boolean {
    // Local numbering of the objects the edges touch and their bases: an attribute object no
    // edge touches hangs off its base alone and cannot be part of a cycle through an edge.
    const local = new Map<number, number>();
    const ids: number[] = [];
    const add = (id: number) => {
      for (let cur: number | undefined = id; cur !== undefined && !local.has(cur); cur = this.objects[cur]!.base) {
        local.set(cur, ids.length);
        ids.push(cur);
      }
    };
    for (const e of edges) {
      if (e.from === e.to) return true;
      add(e.from);
      add(e.to);
    }
    for (const r of this.returns) add(r);
    for (const [i, o] of this.objects.entries()) if (o.paramIndex !== undefined) add(i);
    const links: number[][] = ids.map(() => []);
    const stores: number[][] = ids.map(() => []);
    for (const e of edges) {
      const from = local.get(e.from)!;
      // `capture` and `iter` edges are structural: a summary needs a store on its path.
      (e.kind === 'capture' || e.kind === 'iter' ? links : stores)[from]!.push(local.get(e.to)!);
    }
    ids.forEach((id, i) => {
      const base = this.objects[id]!.base;
      if (base === undefined) return;
      links[local.get(base)!]!.push(i);
      links[i]!.push(local.get(base)!);
    });
    const component = componentsOf(ids.map((_, i) => [...links[i]!, ...stores[i]!]));
    if (edges.some((e) => component[local.get(e.from)!] === component[local.get(e.to)!])) return true;
    // Breadth-first over (object, has a store been passed) from each parameter and returned object.
    const isParam = (i: number) => this.objects[ids[i]!]!.paramIndex !== undefined;
    for (const r of ids.keys()) {
      if (!isParam(r) && !this.returns.has(ids[r]!)) continue;
      const seen = new Set<number>([r * 2]);
      const todo = [r * 2];
      while (todo.length > 0) {
        const state = todo.pop()!;
        const node = state >> 1;
        const stored = state & 1;
        const step = (next: number, nowStored: number) => {
          const key = next * 2 + nowStored;
          if (seen.has(key)) return false;
          if (nowStored && next !== r && isParam(next)) return true;
          seen.add(key);
          todo.push(key);
          return false;
        };
        for (const next of links[node]!) if (step(next, stored)) return true;
        for (const next of stores[node]!) if (step(next, 1)) return true;
      }
    }
    return false;
  }

  /**
   * Whether a returned object holds a parameter through callables alone: a closure or `partial`
   * capturing it (`lambda: self.poll()`), or `param.name` — a bound method if `name` turns out
   * to be a method, which only the link step knows. Capture edges are no store, so
   * `mayMatterWithoutCalls` does not count them.
   */
  private holdsParamThroughCallables(start: number, captures: ReadonlyMap<number, readonly number[]>): boolean {
    if (this.objects[start]!.paramIndex !== undefined) return false;
    const seen = new Set<number>([start]);
    const todo = [start];
    while (todo.length > 0) {
      const id = todo.pop()!;
      const o = this.objects[id]!;
      if (id !== start && o.paramIndex !== undefined) return true;
      if (o.kind === 'attr' && o.base !== undefined && this.objects[o.base]!.paramIndex !== undefined) return true;
      for (const next of captures.get(id) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(next);
      }
    }
    return false;
  }

  private finish(): FunctionCycleFacts | null {
    const edges = this.liveEdges();
    const calls = this.callsThatMatter(edges);
    if (edges.length === 0 && calls.length === 0 && !this.context.node) return null;
    // A factory of callables (`return lambda: self.poll()`, `return self.poll`): a caller that
    // keeps the result keeps the parameter the callable holds.
    const captures = new Map<number, number[]>();
    for (const e of edges) {
      if (e.kind !== 'capture') continue;
      const list = captures.get(e.from);
      if (list) list.push(e.to);
      else captures.set(e.from, [e.to]);
    }
    const callableReturns = new Set<number>();
    for (const r of this.returns) if (this.holdsParamThroughCallables(r, captures)) callableReturns.add(r);
    if (edges.length === 0 && calls.length === 0 && callableReturns.size === 0
      && ![...this.returns].some((r) => this.objects[r]!.kind === 'param' || this.objects[r]!.kind === 'self')) return null;
    // Without calls, the link step adds only `base ↔ base.attr` edges: a function whose graph
    // (with those, both ways) has no cycle and links no parameter to another can never matter.
    // A getter of its instance's state (`return self._handlers[topic]`) matters to callers that fill it.
    const heldReturns = [...this.returns].some((r) => this.objects[r]!.kind === 'attr' || this.objects[r]!.kind === 'element');
    if (calls.length === 0 && callableReturns.size === 0 && !heldReturns && !this.mayMatterWithoutCalls(edges)) return null;
    // Keep only objects an edge or call mentions, and the bases of kept attribute objects.
    const keep = new Set<number>();
    for (const e of edges) {
      this.keepWithBases(keep, e.from);
      this.keepWithBases(keep, e.to);
    }
    for (const c of calls) {
      if (c.receiver !== null) this.keepWithBases(keep, c.receiver);
      if (c.result !== null) this.keepWithBases(keep, c.result);
      for (const a of c.args) for (const r of a.refs) this.keepWithBases(keep, r);
    }
    // Returned objects matter only if they can hold something: a parameter, or what a call built.
    const returns = [...this.returns].filter((r) => keep.has(r) || callableReturns.has(r) || this.objects[r]!.kind === 'param' || this.objects[r]!.kind === 'self');
    for (const r of returns) this.keepWithBases(keep, r);
    const order = [...keep].sort((a, b) => a - b);
    const renumber = new Map<number, number>();
    for (let i = 0; i < order.length; i++) renumber.set(order[i]!, i);
    const sites = new Map<SyntaxNode, Site>();
    return {
      functionId: this.context.functionId,
      selfClassId: this.context.selfClassId,
      objects: this.outputObjects(order, renumber),
      edges: this.outputEdges(edges, renumber, sites),
      calls: this.outputCalls(calls, renumber, sites),
      returns: renumbered(returns, renumber).sort((a, b) => a - b),
    };
  }

  /** The edges still there at the end: a store a later store (or `del`, or `= None`) replaced holds nothing. */
  private liveEdges(): RawEdge[] {
    return this.edges.filter((e) => {
      if (e.kind !== 'attr' || e.attr === undefined) return true;
      const stored = this.env.attrs.get(`${e.from}.${e.attr}`);
      return stored === undefined || stored.includes(e.to);
    });
  }

  /**
   * The calls that matter, without the arguments that cannot: an argument that holds nothing
   * and can be given nothing (a call result, an element, an empty display) can never close a
   * cycle. A call matters if it still passes objects, or if what it returns is used by
   * something kept (`self._task = create_task(self._run())`).
   */
  private callsThatMatter(edges: readonly RawEdge[]): RawCall[] {
    const holders = new Set<number>();
    for (const e of edges) holders.add(e.from);
    for (const c of this.calls) {
      if (c.receiver !== null) holders.add(c.receiver);
      if (c.result !== null) holders.add(c.result);
    }
    // `x.attr` holding something means `x` does too (through the attribute).
    for (const h of [...holders]) {
      for (let base = this.objects[h]!.base; base !== undefined && !holders.has(base); base = this.objects[base]!.base) holders.add(base);
    }
    const pruned: RawCall[] = [];
    for (const c of this.calls) {
      const alive = (r: number) => !this.isDeadEnd(r, holders);
      pruned.push(c.args.every((a) => a.refs.every(alive))
        ? c
        : rawCall(c.stmt, c.receiver, c.method, c.callee, c.superCall, c.result,
          c.args.map((a) => cycleArg(a.keyword, a.splat, a.refs.filter(alive))), c.applied, c.runtimeClass));
    }
    const used = new Set<number>();
    for (const e of edges) used.add(e.from).add(e.to);
    for (const c of pruned) for (const a of c.args) for (const r of a.refs) used.add(r);
    for (const r of this.returns) used.add(r);
    return pruned.filter((c) => c.args.some(passesObjects) || (c.result !== null && used.has(c.result)));
  }

  /** An object that holds nothing and can be given nothing. (`a.b.c…` may chain as long as the code: a loop down the bases.) */
  private isDeadEnd(start: number, holders: ReadonlySet<number>): boolean {
    for (let id: number | undefined = start; id !== undefined; id = this.objects[id]!.base) {
      const o = this.objects[id]!;
      if (o.kind === 'self' || o.kind === 'param' || o.kind === 'free' || o.kind === 'new' || holders.has(id)) return false;
      if (o.kind !== 'attr') return true;
    }
    return false;
  }

  /** Adds `id` and its bases (an attribute object is reached through its base) to `keep`. */
  private keepWithBases(keep: Set<number>, id: number): void {
    for (let cur: number | undefined = id; cur !== undefined && !keep.has(cur); cur = this.objects[cur]!.base) keep.add(cur);
  }

  private outputObjects(order: readonly number[], renumber: ReadonlyMap<number, number>): CycleObject[] {
    // An attribute object is still held by its base at the end unless a later store replaced it.
    const live = new Map<number, boolean>();
    for (const [key, id] of this.attrObjects) {
      const stored = this.env.attrs.get(key);
      live.set(id, stored === undefined || stored.includes(id));
    }
    const objects: CycleObject[] = [];
    for (const old of order) {
      const o = this.objects[old]!;
      const out: { -readonly [K in keyof CycleObject]: CycleObject[K] } = { kind: o.kind, label: this.labelOf(old) };
      if (o.paramIndex !== undefined) out.paramIndex = o.paramIndex;
      if (o.base !== undefined) out.base = renumber.get(o.base)!;
      if (o.attr !== undefined) out.attr = o.attr;
      // Only the exception is written: an attribute object is live unless it says otherwise.
      if (o.kind === 'attr' && live.get(old) === false) out.live = false;
      if (o.type !== undefined) out.type = o.type;
      if (o.subclassOk) out.subclassOk = true;
      // (`classId` stays behind: only this analysis reads it, the link step has `selfClassId`.)
      objects.push(out);
    }
    return objects;
  }

  /** A statement's span and text, computed once per statement. */
  private siteOf(stmt: SyntaxNode, sites: Map<SyntaxNode, Site>): Site {
    let found = sites.get(stmt);
    if (!found) sites.set(stmt, (found = { site: this.model.source.span(stmt.start, stmt.end), text: this.statementText(stmt) }));
    return found;
  }

  // Plain constructions (no object spread): these run for every function of every file.
  private outputEdges(edges: readonly RawEdge[], renumber: ReadonlyMap<number, number>, sites: Map<SyntaxNode, Site>): CycleEdge[] {
    const outEdges: CycleEdge[] = [];
    for (const e of edges) {
      const where = this.siteOf(e.stmt, sites);
      const from = renumber.get(e.from)!;
      const to = renumber.get(e.to)!;
      outEdges.push(e.attr === undefined
        ? { from, to, kind: e.kind, site: where.site, text: where.text }
        : { from, to, kind: e.kind, attr: e.attr, site: where.site, text: where.text });
    }
    return outEdges;
  }

  private outputCalls(calls: readonly RawCall[], renumber: ReadonlyMap<number, number>, sites: Map<SyntaxNode, Site>): CycleCall[] {
    const outCalls: CycleCall[] = [];
    for (const c of calls) {
      const where = this.siteOf(c.stmt, sites);
      const args: CycleArg[] = [];
      for (const a of c.args) args.push(cycleArg(a.keyword, a.splat, renumbered(a.refs, renumber)));
      outCalls.push({
        site: where.site, text: where.text,
        receiver: c.receiver === null ? null : renumber.get(c.receiver)!,
        method: c.method, callee: c.callee, superCall: c.superCall,
        result: c.result === null ? null : renumber.get(c.result)!,
        args,
        ...(c.applied ? { applied: true as const } : {}),
        ...(c.runtimeClass ? { runtimeClass: true as const } : {}),
      });
    }
    return outCalls;
  }
}

/** Where an edge or call is made, and its short text. */
interface Site {
  readonly site: Span;
  readonly text: string;
}

/** `ids` in the numbering of the kept objects. */
function renumbered(ids: readonly number[], renumber: ReadonlyMap<number, number>): number[] {
  const out: number[] = [];
  for (const id of ids) out.push(renumber.get(id)!);
  return out;
}

// ---- helpers ---------------------------------------------------------------------------

function isDirectMethod(context: FunctionContext): boolean {
  return context.scope.parent?.kind === 'class';
}

function isClassMethod(model: SemanticModel, def: SyntaxNode): boolean {
  const wrapper = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
  return !!wrapper?.children.some((d) => {
    if (d.type !== 'decorator') return false;
    const expr = d.children.find((c) => c.isNamed);
    return !!expr && model.resolveExpression(expr) === 'builtins.classmethod';
  });
}

/** The `type` of a parameter that holds a class object (see `CLASS_OBJECT_TYPE`). */
const CLASS_PARAMETER_NAMES: ReadonlySet<string> = new Set(['cls', 'mcs', 'mcls', 'metacls', 'klass']);

/** `model_cls`, `base_klass` (not `*_class`: `school_class`, `css_class` are often not classes). */
const CLASS_PARAMETER_SUFFIX = /^_*[a-z0-9_]*_(cls|klass)$/;

/**
 * Methods that are handed the class they are attached to, by position (the instance is 0): a
 * descriptor's `__set_name__(self, owner, name)` and `__get__(self, instance, owner)`, and the
 * `contribute_to_class(self, cls, name)` protocol of Django-style model fields and managers.
 */
const OWNER_CLASS_PARAMETERS: ReadonlyMap<string, number> = new Map([
  ['__set_name__', 1], ['__get__', 2], ['contribute_to_class', 1],
]);

/**
 * A parameter that holds a class, not an instance: the first one of a classmethod, `__new__`,
 * `__init_subclass__` or `__class_getitem__`, the owner class a descriptor or model field is
 * attached to, or one named like a class (`cls` of a class decorator or a metaclass method,
 * `model_cls`).
 */
function holdsClassObject(model: SemanticModel, def: SyntaxNode, index: number, name: string): boolean {
  if (CLASS_PARAMETER_NAMES.has(name) || CLASS_PARAMETER_SUFFIX.test(name)) return true;
  const fnName = field(def, 'name')?.text;
  if (fnName !== undefined && OWNER_CLASS_PARAMETERS.get(fnName) === index) return true;
  if (index !== 0) return false;
  return fnName === '__new__' || fnName === '__init_subclass__' || fnName === '__class_getitem__' || isClassMethod(model, def);
}

/**
 * A `__new__` or `type(...)` call that makes a class: a metaclass passes `(mcls, name, bases,
 * namespace)`, `type` itself `(name, bases, namespace)`; `object.__new__(cls)` makes an instance.
 */
function buildsClass(args: SyntaxNode | null | undefined, positional: number): boolean {
  const named = args?.children.filter((c) => c.isNamed && c.type !== 'comment') ?? [];
  return named.length >= positional && named.slice(0, positional).every((a) => a.type !== 'list_splat' && a.type !== 'dictionary_splat' && a.type !== 'keyword_argument');
}

/** A plain instance method (or property): its first parameter is the instance. */
function isInstanceMethod(model: SemanticModel, def: SyntaxNode): boolean {
  const name = field(def, 'name')?.text;
  if (name === '__new__' || name === '__init_subclass__' || name === '__class_getitem__') return false;
  const wrapper = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
  for (const d of wrapper?.children ?? []) {
    if (d.type !== 'decorator') continue;
    const expr = d.children.find((c) => c.isNamed);
    const target = expr?.type === 'call' ? field(expr, 'function') : expr;
    const q = target ? model.resolveExpression(target) : null;
    if (q === 'builtins.staticmethod' || q === 'builtins.classmethod') return false;
  }
  return true;
}

function isDataclassLike(model: SemanticModel, cls: SyntaxNode): boolean {
  const wrapper = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
  for (const d of wrapper?.children ?? []) {
    if (d.type !== 'decorator') continue;
    const expr = d.children.find((c) => c.isNamed);
    const target = expr?.type === 'call' ? field(expr, 'function') : expr;
    const q = target ? model.resolveExpression(target) : null;
    if (q && DATACLASS_DECORATORS.has(q)) return true;
  }
  for (const base of field(cls, 'superclasses')?.children ?? []) {
    if (!base.isNamed || base.type === 'keyword_argument') continue;
    const q = model.resolveExpression(base);
    if (q && FIELD_CLASS_BASES.has(q)) return true;
  }
  return false;
}

function isAttrsField(model: SemanticModel, value: SyntaxNode): boolean {
  if (value.type !== 'call') return false;
  const callee = field(value, 'function');
  const q = callee ? model.resolveExpression(callee) : null;
  return q === 'attr.ib' || q === 'attr.attrib' || q === 'attrs.field' || q === 'attr.field';
}

function isInitFalse(value: SyntaxNode | undefined): boolean {
  if (value?.type !== 'call') return false;
  const args = field(value, 'arguments');
  return !!args?.children.some((a) => a.type === 'keyword_argument' && field(a, 'name')?.text === 'init'
    && field(a, 'value')?.type === 'false');
}

/** `weakref.ref(x)`, `weakref.proxy(x)` (also as a branch of `a if c else b`). */
export function isWeakValue(model: SemanticModel, node: SyntaxNode, depth: number): boolean {
  if (depth > 8) return false;
  if (node.type === 'call') {
    const callee = field(node, 'function');
    const q = callee ? model.resolveExpression(callee) : null;
    return q !== null && (WEAK_REFERENCE_FACTORIES.has(q) || WEAK_CONTAINERS.has(q));
  }
  if (node.type === 'conditional_expression' || node.type === 'parenthesized_expression') {
    return node.children.some((c) => c.isNamed && isWeakValue(model, c, depth + 1));
  }
  return false;
}

/** The first line of a statement, without a trailing comment, shortened for messages. */
export function statementText(source: string, truncated = false): string {
  const lines = source.split(/\r\n|\r|\n/, 2);
  let text = lines[0]!.replace(/\s+#[^'"]*$/, '').trim();
  if (lines.length > 1 || truncated) text += ' …';
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}


/** The literal text an f-string or `"prefix" + x` starts with (empty when it starts otherwise). */
function literalPrefix(node: SyntaxNode): string {
  let head: SyntaxNode | undefined = node;
  while (head?.type === 'binary_operator') head = head.children.find((c) => c.isNamed);
  if (head?.type !== 'string') return '';
  let out = '';
  for (const c of head.children) {
    if (c.type === 'interpolation') break;
    if (c.type === 'string_content') out += c.text;
  }
  return out;
}

function isDerivedLabel(label: SyntaxNode | DerivedLabel): label is DerivedLabel {
  return 'of' in label;
}

function isPattern(node: SyntaxNode): boolean {
  return node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern';
}

function isSequenceDisplay(node: SyntaxNode): boolean {
  return node.type === 'expression_list' || node.type === 'tuple' || node.type === 'list';
}

function namedItems(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.isNamed && c.type !== 'comment');
}

function dedupe(ids: number[]): number[] {
  if (ids.length < 2) return ids;
  const seen = new Set<number>();
  const out: number[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/**
 * Appends `ids` to `out`. Id arrays are built only by pushing (never `flatMap` or `[...set]`,
 * which make arrays of another elements kind): the hot paths that read them then see one array
 * shape, where several made V8 deoptimize and recompile them.
 */
/** An argument that passes at least one object. */
function passesObjects(a: CycleArg): boolean {
  return a.refs.length > 0;
}

function pushIds(out: number[], ids: readonly number[]): number[] {
  for (const id of ids) out.push(id);
  return out;
}

/** Alternatives that meet: each once, at most MAX_ALTERNATIVES (the latest). */
function union(ids: number[]): number[] {
  const unique = dedupe(ids);
  return unique.length > MAX_ALTERNATIVES ? unique.slice(-MAX_ALTERNATIVES) : unique;
}


/** What makes two recorded calls the same call (a replayed loop body records its calls again). */
function recordedCallKey(c: RawCall): string {
  const args = c.args.map((a) => `${a.keyword ?? ''}${a.splat ? '*' : ''}=${a.refs.join(',')}`).join(';');
  return `${c.stmt.start}:${c.receiver}:${c.method}:${c.callee}:${c.superCall}:${c.result}:${c.applied ?? ''}:${args}`;
}

/**
 * A plain string key (`"parent"` in `{"parent": node}` or `node["parent"] = p`): dict-based
 * records name their fields this way, and the name says what the reference is, like an attribute's.
 */
function stringKey(node: SyntaxNode | null): string | null {
  // (Inner nodes of the copied tree carry no text: the parts do.)
  const [start, content, end] = node?.type === 'string' ? node.children : [];
  if (node?.children.length !== 3 || start?.type !== 'string_start' || content?.type !== 'string_content' || end?.type !== 'string_end') return null;
  return (start.text === '"' || start.text === "'") && /^\w+$/.test(content.text) ? content.text : null;
}

function cloneEnv(env: Env): Env {
  return { names: new Map(env.names), attrs: new Map(env.attrs) };
}


/** The class a `type[C]` / `Type[C]` / `type["C"]` annotation holds (the class itself, not an instance). */
function annotatedClassObject(model: SemanticModel, node: SyntaxNode | undefined): string | null {
  const inner = node?.type === 'type' ? node.children.find((c) => c.isNamed) : node;
  if (inner?.type === 'string') {
    // `"type[Plugin]"`, `"Type['Plugin']"`
    const m = /^\s*(?:typing\.)?[Tt]ype\[\s*(['"]?)([\w.]+)\1\s*\]\s*$/.exec(stringContent(inner) ?? '');
    const resolved = m ? model.resolveDotted(m[2]!, inner) : null;
    return resolved && !resolved.startsWith('builtins.') ? resolved : null;
  }
  if (inner?.type !== 'generic_type' && inner?.type !== 'subscript') return null;
  const head = inner.type === 'subscript' ? field(inner, 'value') : inner.children.find((c) => c.isNamed);
  const name = head && (head.type === 'identifier' || head.type === 'attribute') ? model.resolveExpression(head) : null;
  if (name !== 'builtins.type' && !/^typing(_extensions)?\.Type$/.test(name ?? '')) return null;
  const args = inner.type === 'subscript'
    ? inner.children.filter((c) => c.field === 'subscript')
    : (inner.children.find((c) => c.type === 'type_parameter')?.children.filter((c) => c.isNamed) ?? []);
  return args.length === 1 ? annotatedClass(model, args[0]) : null;
}
