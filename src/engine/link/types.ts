// ProjectGraph: the whole run's files linked together (modules, functions, classes, call edges).
import type { CallFact, ClassFact, FileFacts, FunctionFact } from '../facts/types.js';

export interface FunctionRef {
  /** `module.functionId`, unique in the project: `pkg.load.load_rows`, `pkg.svc.Service.run`. */
  readonly globalId: string;
  readonly file: FileFacts;
  readonly fn: FunctionFact;
}

export interface ClassRef {
  readonly globalId: string;
  readonly file: FileFacts;
  readonly cls: ClassFact;
}

export interface CallSite {
  readonly file: FileFacts;
  readonly call: CallFact;
  /** The function the call resolved to. */
  readonly target: FunctionRef;
}

export interface ProjectGraph {
  /** Facts of every file, by path relative to the run's root, in path order. */
  readonly files: ReadonlyMap<string, FileFacts>;
  readonly modules: ReadonlyMap<string, FileFacts>;
  readonly functions: ReadonlyMap<string, FunctionRef>;
  readonly classes: ReadonlyMap<string, ClassRef>;
  /** Every resolved call, by the callee's global id. */
  readonly callsTo: ReadonlyMap<string, readonly CallSite[]>;
  /** What each of `file.calls` resolved to (by index; a hole where the call resolved to nothing). */
  callTargets(file: FileFacts): readonly (FunctionRef | undefined)[];
  /** The function a call in `file` resolves to, through imports, re-exports and `self.`. */
  resolveCall(file: FileFacts, call: CallFact): FunctionRef | undefined;
  /** A dotted absolute name (`pkg.mod.Class.method`) to a function, following re-exports. */
  resolveFunction(qualifiedName: string): FunctionRef | undefined;
  /** A dotted absolute name to a class, following re-exports. */
  resolveClass(qualifiedName: string): ClassRef | undefined;
  /** A method by name on a class or, failing that, its bases within the project. */
  findMethod(cls: ClassRef, name: string): FunctionRef | undefined;
  /** The project's methods (functions defined directly in a class body) called `name`. */
  methodsNamed(name: string): readonly FunctionRef[];
  /** The global id of a function defined in `file`. */
  globalId(file: FileFacts, fn: FunctionFact): string;
}
