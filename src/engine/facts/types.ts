// FileFacts: what one file tells about itself, as plain serializable data (no tree nodes).
// Cached by content hash and sent across worker threads; the link step reads only this.
import type { Span } from '../types.js';
import type { BulkFacts } from './bulk-types.js';
import type { CacheFacts } from './cache-types.js';
import type { CycleFacts } from './cycle-types.js';

export interface ModuleInfo {
  /** Path relative to the run's root, `/`-separated. */
  readonly path: string;
  /** Dotted module name: `pkg.sub.mod`; a package's `__init__.py` is `pkg.sub`. */
  readonly name: string;
  readonly isPackageInit: boolean;
}

export interface ImportFact {
  /** The name this import binds (`ft` for `import functools as ft`; `os` for `import os.path`). */
  readonly localName: string;
  /** Absolute dotted target the local name stands for (`functools`, `functools.lru_cache`, `pkg.load.load_rows`). */
  readonly target: string;
  /** `from X import y` binds a member of X; `import X` binds a module. */
  readonly kind: 'module' | 'member';
  /** Function id whose body holds the import, or null at module (or class) level. */
  readonly scope: string | null;
  readonly span: Span;
}

/** An argument as written; `value` is a coarse literal classification for option checks. */
export interface ArgFact {
  /** Keyword name, or null for a positional argument. */
  readonly keyword: string | null;
  readonly text: string;
  /** `None`, number, string, name, call, `*`/`**` splat, or anything else. */
  readonly kind: 'none' | 'number' | 'string' | 'name' | 'attribute' | 'call' | 'splat' | 'other';
  /** For names, attributes and calls: what the expression (or the callee) resolves to. */
  readonly qualifiedName?: string;
}

export interface DecoratorFact {
  readonly span: Span;
  readonly text: string;
  /** What the decorator (or, for `@f(...)`, the called `f`) resolves to: `functools.lru_cache`. */
  readonly qualifiedName: string | null;
  readonly isCall: boolean;
  readonly args: readonly ArgFact[];
}

export interface ParamFact {
  readonly name: string;
  readonly kind: 'positional' | 'keyword-only' | 'var-positional' | 'var-keyword';
  readonly hasDefault: boolean;
}

export interface FunctionFact {
  /** Qualified name within the module: `load`, `Service.normalize`, `outer.inner`. */
  readonly id: string;
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  /** The class this is a method of (its id), or null. */
  readonly classId: string | null;
  /** The function this is nested in (its id), or null. */
  readonly parentFunctionId: string | null;
  readonly kind: 'function' | 'method' | 'staticmethod' | 'classmethod' | 'property';
  readonly isAsync: boolean;
  readonly isGenerator: boolean;
  readonly params: readonly ParamFact[];
  readonly decorators: readonly DecoratorFact[];
  /** The `-> T` annotation's text, if any. */
  readonly returnAnnotation: { readonly text: string; readonly span: Span } | null;
}

export interface ClassFact {
  readonly id: string;
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly parentFunctionId: string | null;
  readonly bases: readonly { readonly text: string; readonly qualifiedName: string | null }[];
  readonly decorators: readonly DecoratorFact[];
  /** Ids of the functions defined directly in the class body. */
  readonly methodIds: readonly string[];
}

export interface CallFact {
  readonly span: Span;
  /** The callee as written: `load`, `self.normalize`, `ft.lru_cache`. */
  readonly calleeText: string;
  /**
   * What the callee resolves to: `functools.lru_cache`, `pkg.load.load_rows` (absolute), or
   * `self.normalize` kept as written when the receiver is `self`/`cls` (the link step resolves it
   * through the class). Null when it is a local variable, a parameter or an expression.
   */
  readonly qualifiedName: string | null;
  /** The function whose body contains the call, or null at module level. */
  readonly enclosingFunctionId: string | null;
  readonly args: readonly ArgFact[];
}

export interface FileFacts {
  readonly module: ModuleInfo;
  readonly imports: readonly ImportFact[];
  readonly functions: readonly FunctionFact[];
  readonly classes: readonly ClassFact[];
  readonly calls: readonly CallFact[];
  /** Names listed in a literal `__all__`, or null when the module has none. */
  readonly exports: readonly string[] | null;
  /** Names bound at module level (assignments, defs, classes, imports). */
  readonly moduleNames: readonly string[];
  readonly bulk: BulkFacts;
  readonly caches: CacheFacts;
  readonly cycles: CycleFacts;
}
