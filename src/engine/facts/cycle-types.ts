// Per-file facts for the reference-cycle rules: who holds whom inside each function, plus what
// each class stores on `self`. The link step (link/cycles.ts) adds what needs other files.
import type { Span } from '../types.js';

/**
 * One object a function's code can name. Objects are per function: the same Python object reached
 * two ways (`child` and `self.children[-1]`) may be two entries — the analysis under-approximates.
 */
export type CycleObjectKind =
  /** The method's own instance (its first parameter), also when captured by a nested function. */
  | 'self'
  /** Another parameter. */
  | 'param'
  /** A variable of an enclosing function, captured by a nested one. */
  | 'free'
  /** The value an attribute held when this function first read it: `self.children`, `node.next`. */
  | 'attr'
  /** An instance built here by calling a class: `Node(...)`. */
  | 'new'
  /** A list, tuple, set or dict built here (display or comprehension). */
  | 'container'
  /** A callable built here that holds what it captures: a lambda, a nested def, `functools.partial`. */
  | 'closure'
  /** An element taken out of a container: the target of `for x in xs`, `xs[i]`. */
  | 'element'
  /** A value of unknown origin: a call's result, a `with … as` target. */
  | 'value';

export interface CycleObject {
  readonly kind: CycleObjectKind;
  /** How the code names it (`self`, `child`, `self.tail`, `Node(…)`), for messages. */
  readonly label: string;
  /** Parameters: position in the signature (the instance of a method is 0) and name. */
  readonly paramIndex?: number;
  /** `attr` objects: the object the attribute was read from, and the attribute's name. */
  readonly base?: number;
  readonly attr?: string;
  /** `attr` objects: false when this function later stores another value into that attribute (absent: live). */
  readonly live?: boolean;
  /** The class it is an instance of, when the code says: `new` objects, annotated parameters. */
  readonly type?: string;
  /**
   * `new` objects built through a `type[C]` parameter (`kind(world, pos)`): an instance of `C`
   * or of any subclass, so a subclass's `__del__` is in the cycle too.
   */
  readonly subclassOk?: boolean;
  /** The class (id in this module) of a `self` object, while a function is analyzed (not in the facts). */
  readonly classId?: string;
}

export type CycleEdgeKind =
  /** `holder.attr = value`. */
  | 'attr'
  /** `holder[k] = value`, `holder.append(value)`, `holder += [value]`. */
  | 'item'
  /** A container display built here holds its elements. */
  | 'literal'
  /** A closure holds what it captures (a lambda's free names, `partial`'s arguments). */
  | 'capture'
  /** `for x in xs`, `xs[i]`: the container holds the element. */
  | 'iter';

/**
 * The `type` of an object that is a class (`cls` of a classmethod or a class decorator). A class
 * is always in reference cycles of its own (`C.__mro__` holds `C`), so a cycle through one adds
 * nothing the cycle collector was not already needed for: the cycle rules leave those alone.
 */
export const CLASS_OBJECT_TYPE = 'builtins.type';

/** `from` holds a strong reference to `to` once the statement at `site` has run. */
export interface CycleEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: CycleEdgeKind;
  /**
   * `attr` edges: the attribute stored into; `literal`/`item` edges: a plain string key, which
   * names a field of a dict-based record (`{"parent": node}`, `node["parent"] = p`).
   */
  readonly attr?: string;
  /** The statement that creates the reference. */
  readonly site: Span;
  /** Short source text of the store (`child.parent = self`), for messages. */
  readonly text: string;
}

export interface CycleArg {
  /** Keyword name, or null for a positional argument. */
  readonly keyword: string | null;
  /** `*xs` / `**kw`: later positions are unknown. */
  readonly splat: boolean;
  readonly refs: readonly number[];
}

/**
 * A call the link step may turn into references: a project function whose summary says which
 * argument ends up holding which, a class whose constructor keeps its arguments, or a
 * container/registration method (`append`, `connect`) on a receiver of unknown type.
 */
export interface CycleCall {
  readonly site: Span;
  readonly text: string;
  /** `recv.m(...)`: the receiver object (null for `f(...)`, `Cls(...)` and `super().m(...)`). */
  readonly receiver: number | null;
  /** Method name for `recv.m(...)` and `super().m(...)`. */
  readonly method: string | null;
  /** What the callee resolves to for `f(...)`, `Cls(...)`, `mod.f(...)`, `Base.m(...)`. */
  readonly callee: string | null;
  /** `super().m(...)` (or `super(C, self).m(...)`): `m` is looked up in the bases of `self`'s class. */
  readonly superCall: boolean;
  /** Class instantiation: the `new` object the call builds (param 0 of its `__init__`). */
  readonly result: number | null;
  readonly args: readonly CycleArg[];
  /**
   * `recv.m(...)(args)`: a decorator factory of the receiver applied by hand
   * (`hooks.register("startup")(self.on_startup)`); `args` are the outer call's.
   */
  readonly applied?: true;
  /**
   * `plugin_cls(self)`, `ep.load()(self)`: a class known only at run time, handed its owner.
   * `result` is the instance; like a class from outside the project, it is assumed to keep it.
   */
  readonly runtimeClass?: true;
}

/** The holds-graph of one function (or of module-level code, `functionId` null). */
export interface FunctionCycleFacts {
  readonly functionId: string | null;
  /** The class of this function's `self` (a method, or a function nested in one). */
  readonly selfClassId: string | null;
  readonly objects: readonly CycleObject[];
  readonly edges: readonly CycleEdge[];
  readonly calls: readonly CycleCall[];
  /** Objects the function returns (factories: `return Child(self)`). */
  readonly returns: readonly number[];
}

/** How a class's methods use one attribute of `self`. */
export interface ClassAttrFact {
  readonly name: string;
  /** Stores on `self.<name>` of a value that can hold something. */
  readonly strongStores: number;
  /** Stores of `weakref.ref(...)`, `weakref.proxy(...)`, `WeakMethod(...)`. */
  readonly weakStores: number;
  /** Classes of the instances stored there (`weakref.WeakSet` included). */
  readonly types: readonly string[];
  /** Declared in the class body: a field (`name: T`) or a class-level value (`name = []`). */
  readonly declared: 'field' | 'class' | null;
  /** Where a declared field is written (dataclass-style classes keep constructor args there). */
  readonly declaredAt?: Span;
  readonly declaredText?: string;
  /** Where a method first stores a strong value into it (`__init__` preferred). */
  readonly storedAt?: Span;
  readonly storedText?: string;
}

export interface ClassCycleFacts {
  readonly classId: string;
  readonly attrs: readonly ClassAttrFact[];
  /**
   * Dataclass-style classes (`@dataclass`, attrs, `NamedTuple`): the generated `__init__` stores
   * these fields, in this order, strongly.
   */
  readonly initFields: readonly string[] | null;
}

export interface CycleFacts {
  readonly classes: readonly ClassCycleFacts[];
  readonly functions: readonly FunctionCycleFacts[];
  /** Property names with a setter defined in this file: `x.name = v` runs code, not a plain store. */
  readonly propertySetters: readonly string[];
  /** Caught exceptions kept past their handler (PSL304). */
  readonly exceptions: ExceptionFacts;
}

export type ExceptionMessageId =
  | 'keptInLocal' | 'keptInOuter' | 'storedOnObject' | 'storedInContainer' | 'keptByHelper' | 'excInfoLocal' | 'excInfoStored';

/** A store that keeps a caught exception or traceback past its handler, decided within the file. */
export interface ExceptionFinding {
  readonly span: Span;
  readonly messageId: ExceptionMessageId;
  /** The statement as written (first line). */
  readonly text: string;
  /** The exception's (or the alias's) name. */
  readonly name: string;
  /** Locals to delete in a `finally` (a local store), or null: keep a string instead. */
  readonly clear: string | null;
}

/**
 * A call in a handler that hands the caught exception to a function this file does not define
 * (`record_failure(step, exc)` imported from another module): the link step decides whether that
 * function keeps it.
 */
export interface ExceptionHandoff {
  /** The statement, where the finding goes. */
  readonly span: Span;
  readonly text: string;
  readonly name: string;
  /** The call (the span of its `CallFact`). */
  readonly callStart: number;
  readonly callEnd: number;
  /** The arguments that carry the exception: by position (among positional ones) or keyword. */
  readonly args: readonly { readonly position: number | null; readonly keyword: string | null; readonly excInfo: boolean }[];
}

export interface ExceptionFacts {
  readonly findings: readonly ExceptionFinding[];
  readonly handoffs: readonly ExceptionHandoff[];
  /**
   * Parameters a function of this file keeps past the call (on an object, in a container it does
   * not own, in a global): a caught exception handed to one stays alive with its frames.
   */
  readonly keptParams: readonly { readonly functionId: string; readonly param: string }[];
}
