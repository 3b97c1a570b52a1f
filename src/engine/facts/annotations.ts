// The class a type annotation names: how the rule families learn a receiver's, a key's or an
// attribute's class when the code states it.
import { field, stringContent, type SyntaxNode } from '../source/syntax.js';
import type { SemanticModel } from './scope.js';

/** Forms whose first argument is the class: `Optional[C]`, `Annotated[C, Depends(...)]`. */
const WRAPPERS = /^typing(_extensions)?\.(Optional|Annotated)$/;
const UNION = /^typing(_extensions)?\.Union$/;

/** `Optional[C]`, `C | None`, `None | C`, `Union[C, None]` written inside a string annotation. */
const OPTIONAL_IN_TEXT = /^(?:(?:\w+\.)?Optional\[\s*(.+?)\s*\]|(.+?)\s*\|\s*None|None\s*\|\s*(.+?)|(?:\w+\.)?Union\[\s*(.+?)\s*,\s*None\s*\])$/;

/**
 * The class an annotation (or an `isinstance` class argument) names, resolved: `Store`,
 * `models.Store`, `"Store"` (a forward reference), `Optional[Store]`, `Store | None`,
 * `Union[Store, None]`, `Annotated[Store, Depends(...)]` (FastAPI dependencies), a module-level
 * alias of one of these (`StoreDep = Annotated[Store, Depends(get_store)]`), and the same inside
 * quotes. Null for builtins and typing forms (`list`, `Any`), unions of classes, and anything else.
 */
export function annotatedClass(model: SemanticModel, node: SyntaxNode | undefined, depth = 0): string | null {
  if (!node || depth > 6) return null;
  switch (node.type) {
    case 'type':
      return annotatedClass(model, node.children.find((c) => c.isNamed), depth + 1);
    case 'identifier': {
      const alias = moduleLevelAlias(model, node);
      return alias ? annotatedClass(model, alias, depth + 1) : classOnly(model.resolveExpression(node));
    }
    case 'attribute':
      return classOnly(model.resolveExpression(node));
    case 'string': {
      const text = stringContent(node);
      return text === null ? null : classInText(model, node, text);
    }
    case 'subscript':
    case 'generic_type': {
      // In an expression (an alias's value) it is a subscript; in an annotation, a generic type.
      const head = node.type === 'subscript' ? field(node, 'value') : node.children.find((c) => c.isNamed);
      const name = head && (head.type === 'identifier' || head.type === 'attribute') ? model.resolveExpression(head) : null;
      const args = node.type === 'subscript'
        ? node.children.filter((c) => c.field === 'subscript')
        : (node.children.find((c) => c.type === 'type_parameter')?.children.filter((c) => c.isNamed) ?? []);
      if (name ? WRAPPERS.test(name) : head?.text === 'Optional') return annotatedClass(model, args[0], depth + 1);
      if (name && UNION.test(name) && args.length === 2) return oneBesideNone(model, args[0]!, args[1]!, depth);
      return null;
    }
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      return left && right && field(node, 'operator')?.type === '|' ? oneBesideNone(model, left, right, depth) : null;
    }
    default:
      return null;
  }
}

/** `C | None` and `None | C` (also as `Union[...]`): C's class. */
function oneBesideNone(model: SemanticModel, a: SyntaxNode, b: SyntaxNode, depth: number): string | null {
  if (isNone(b)) return annotatedClass(model, a, depth + 1);
  if (isNone(a)) return annotatedClass(model, b, depth + 1);
  return null;
}

function isNone(node: SyntaxNode): boolean {
  if (node.type === 'type') return node.children.some((c) => c.isNamed && isNone(c));
  return node.type === 'none';
}

/** A string annotation: quotes inside quotes and `Optional`/`| None` wrappers peeled off, then a dotted name. */
function classInText(model: SemanticModel, node: SyntaxNode, content: string): string | null {
  let text = content.trim();
  for (let i = 0; i < 3; i++) {
    const quoted = /^(['"])(.*)\1$/.exec(text);
    const optional = quoted ? null : OPTIONAL_IN_TEXT.exec(text);
    if (quoted) text = quoted[2]!.trim();
    else if (optional) text = (optional[1] ?? optional[2] ?? optional[3] ?? optional[4])!.trim();
    else break;
  }
  return /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(text) ? classOnly(model.resolveDotted(text, node)) : null;
}

/** The value of `Name = <subscript or union>` at module level, when `node` names such an alias. */
function moduleLevelAlias(model: SemanticModel, node: SyntaxNode): SyntaxNode | undefined {
  const found = model.lookup(node.text, node);
  if (found?.scope.kind !== 'module' || found.binding.kind !== 'assignment') return undefined;
  const bound = found.binding.node;
  if (bound.type !== 'assignment' || field(bound, 'left')?.type !== 'identifier') return undefined;
  const value = field(bound, 'right');
  return value?.type === 'subscript' || value?.type === 'binary_operator' ? value : undefined;
}

function classOnly(qualifiedName: string | null): string | null {
  return qualifiedName && !qualifiedName.startsWith('builtins.') && !qualifiedName.startsWith('typing.') ? qualifiedName : null;
}
