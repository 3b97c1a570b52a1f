// Tier 1: one file's facts (functions, classes, calls, imports, family summaries), pure.
import { field, walk, type SyntaxNode } from '../source/syntax.js';
import type { SourceText } from '../source/source-text.js';
import { dottedName, parameterName, SemanticModel } from './scope.js';
import type {
  ArgFact, CallFact, ClassFact, DecoratorFact, FileFacts, FunctionFact, ModuleInfo, ParamFact,
} from './types.js';
import { collectBulkFacts } from './bulk.js';
import { collectCacheFacts } from './caches.js';
import { collectCycleFacts } from './cycles.js';

export function collectFileFacts(root: SyntaxNode, source: SourceText, module: ModuleInfo): FileFacts {
  return factsFromModel(new SemanticModel(root, source, module));
}

export function factsFromModel(model: SemanticModel): FileFacts {
  const functions: FunctionFact[] = [];
  const classes: ClassFact[] = [];
  const calls: CallFact[] = [];
  walk(model.root, (node) => {
    if (node.type === 'function_definition') functions.push(functionFact(model, node));
    else if (node.type === 'class_definition') classes.push(classFact(model, node));
    else if (node.type === 'call') calls.push(callFact(model, node));
  });
  return {
    module: model.module,
    imports: model.imports,
    functions,
    classes,
    calls,
    exports: literalAll(model),
    moduleNames: [...model.moduleScope.bindings.keys()].sort(),
    bulk: collectBulkFacts(model),
    caches: collectCacheFacts(model),
    cycles: collectCycleFacts(model),
  };
}

/** Methods Python treats as static or class methods without a decorator. */
const IMPLICIT_STATIC_METHODS = new Set(['__new__']);
const IMPLICIT_CLASS_METHODS = new Set(['__init_subclass__', '__class_getitem__']);

export function functionFact(model: SemanticModel, node: SyntaxNode): FunctionFact {
  const { source } = model;
  const scope = model.scopeFor(node)!;
  const parent = scope.parent!;
  const nameNode = field(node, 'name')!;
  const decorators = decoratorFacts(model, node);
  const classId = parent.kind === 'class' ? parent.id : null;
  const decoratorNames = new Set(decorators.map((d) => d.qualifiedName));
  const name = nameNode.text;
  const kind: FunctionFact['kind'] = classId === null
    ? 'function'
    : decoratorNames.has('builtins.staticmethod') || IMPLICIT_STATIC_METHODS.has(name)
      ? 'staticmethod'
      : decoratorNames.has('builtins.classmethod') || IMPLICIT_CLASS_METHODS.has(name)
        ? 'classmethod'
        : decoratorNames.has('builtins.property') || decorators.some((d) => /\.(setter|getter|deleter)$/.test(d.text))
          ? 'property'
          : 'method';
  const returnType = field(node, 'return_type');
  return {
    id: scope.id,
    name: nameNode.text,
    span: source.span(node.start, node.end),
    nameSpan: source.span(nameNode.start, nameNode.end),
    classId,
    parentFunctionId: model.enclosingFunctionId(node),
    kind,
    isAsync: node.children[0]?.type === 'async',
    isGenerator: containsYield(node),
    params: paramFacts(model, node),
    decorators,
    returnAnnotation: returnType
      ? { text: source.slice(returnType), span: source.span(returnType.start, returnType.end) }
      : null,
  };
}

function classFact(model: SemanticModel, node: SyntaxNode): ClassFact {
  const { source } = model;
  const scope = model.scopeFor(node)!;
  const nameNode = field(node, 'name')!;
  const bases = (field(node, 'superclasses')?.children ?? [])
    .filter((c) => c.isNamed && c.type !== 'keyword_argument')
    .map((c) => ({ text: source.slice(c), qualifiedName: model.resolveExpression(c) }));
  const body = field(node, 'body');
  const methodIds = (body?.children ?? [])
    .map((c) => (c.type === 'decorated_definition' ? field(c, 'definition') : c))
    .filter((c): c is SyntaxNode => c?.type === 'function_definition')
    .map((c) => model.scopeFor(c)!.id);
  return {
    id: scope.id,
    name: nameNode.text,
    span: source.span(node.start, node.end),
    nameSpan: source.span(nameNode.start, nameNode.end),
    parentFunctionId: model.enclosingFunctionId(node),
    bases,
    decorators: decoratorFacts(model, node),
    methodIds,
  };
}

function callFact(model: SemanticModel, node: SyntaxNode): CallFact {
  const callee = field(node, 'function')!;
  const calleeText = dottedName(callee);
  return {
    span: model.source.span(node.start, node.end),
    calleeText: calleeText ?? model.source.slice(callee),
    qualifiedName: calleeText === null ? null : resolveCallee(model, calleeText, callee),
    enclosingFunctionId: model.enclosingFunctionId(node),
    args: argFacts(model, field(node, 'arguments')),
  };
}

/** Like resolveDotted, but keeps `self.x`/`cls.x` in methods for the link step to resolve. */
export function resolveCallee(model: SemanticModel, dotted: string, at: SyntaxNode): string | null {
  const head = dotted.split('.')[0]!;
  if ((head === 'self' || head === 'cls') && dotted.includes('.')) {
    const found = model.lookup(head, at);
    if (found?.binding.kind === 'parameter') return dotted;
  }
  return model.resolveDotted(dotted, at);
}

export function decoratorFacts(model: SemanticModel, definition: SyntaxNode): DecoratorFact[] {
  const wrapper = definition.parent?.type === 'decorated_definition' ? definition.parent : undefined;
  if (!wrapper) return [];
  return wrapper.children
    .filter((c) => c.type === 'decorator')
    .map((d) => {
      const expression = d.children.find((c) => c.isNamed)!;
      const isCall = expression.type === 'call';
      const target = isCall ? field(expression, 'function')! : expression;
      return {
        span: model.source.span(d.start, d.end),
        text: model.source.slice(expression),
        qualifiedName: model.resolveExpression(target),
        isCall,
        args: isCall ? argFacts(model, field(expression, 'arguments')) : [],
      };
    });
}

export function argFacts(model: SemanticModel, args: SyntaxNode | undefined): ArgFact[] {
  if (!args || args.type !== 'argument_list') return [];
  // A plain loop, not callbacks made per call: those were re-optimized after every GC.
  const out: ArgFact[] = [];
  for (const arg of args.children) {
    if (!arg.isNamed || arg.type === 'comment') continue;
    const keyword = arg.type === 'keyword_argument' ? (field(arg, 'name')?.text ?? null) : null;
    const value = arg.type === 'keyword_argument' ? (field(arg, 'value') ?? arg) : arg;
    const kind = argKind(value);
    const resolvable = kind === 'name' || kind === 'attribute' ? value : kind === 'call' ? field(value, 'function') : undefined;
    const qualifiedName = resolvable ? model.resolveExpression(resolvable) : null;
    out.push({
      keyword,
      text: model.source.slice(value),
      kind,
      ...(qualifiedName ? { qualifiedName } : {}),
    });
  }
  return out;
}

function argKind(value: SyntaxNode): ArgFact['kind'] {
  switch (value.type) {
    case 'none': return 'none';
    case 'integer': case 'float': return 'number';
    case 'string': case 'concatenated_string': return 'string';
    case 'identifier': return 'name';
    case 'attribute': return 'attribute';
    case 'call': return 'call';
    case 'list_splat': case 'dictionary_splat': return 'splat';
    default: return 'other';
  }
}

function paramFacts(model: SemanticModel, fn: SyntaxNode): ParamFact[] {
  const out: ParamFact[] = [];
  let keywordOnly = false;
  for (const p of field(fn, 'parameters')?.children ?? []) {
    if (p.type === 'keyword_separator') keywordOnly = true;
    const name = parameterName(p);
    if (!name) continue;
    const kind: ParamFact['kind'] = p.type === 'list_splat_pattern'
      ? 'var-positional'
      : p.type === 'dictionary_splat_pattern' ? 'var-keyword' : keywordOnly ? 'keyword-only' : 'positional';
    if (kind === 'var-positional') keywordOnly = true;
    out.push({
      name: name.text,
      kind,
      hasDefault: p.type === 'default_parameter' || p.type === 'typed_default_parameter',
    });
  }
  return out;
}

/** Whether the function's own body yields (nested defs, lambdas and classes do not count). */
export function containsYield(fn: SyntaxNode): boolean {
  let found = false;
  const body = field(fn, 'body');
  if (!body) return false;
  walk(body, (n) => {
    if (found) return false;
    if (n.type === 'yield') found = true;
    return n.type !== 'function_definition' && n.type !== 'lambda' && n.type !== 'class_definition';
  });
  return found;
}

/** Names in a literal `__all__ = [...]` / `(...)` at module level. */
function literalAll(model: SemanticModel): string[] | null {
  for (const stmt of model.root.children) {
    const assign = stmt.type === 'expression_statement' ? stmt.children[0] : undefined;
    if (assign?.type !== 'assignment' || field(assign, 'left')?.text !== '__all__') continue;
    const value = field(assign, 'right');
    if (!value || (value.type !== 'list' && value.type !== 'tuple')) return null;
    return value.children
      .filter((c) => c.type === 'string')
      .map((c) => model.source.slice(c).replace(/^[rbuRBU]*['"]{1,3}|['"]{1,3}$/g, ''));
  }
  return null;
}
