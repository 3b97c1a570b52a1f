// PSL301: an object keeps a strong reference back to the object that holds it (parent ↔ child).
import { analyzeReferenceCycles } from '../engine/link/cycles.js';
import { defineRule } from '../engine/run/rule.js';

export default defineRule({
  code: 'PSL301',
  name: 'parent-child-cycle',
  family: 'reference-cycle',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A child object keeps a strong reference back to the owner that holds it',
  messages: {
    backReference:
      '`{text}` keeps a strong reference back to an object that holds this one (`{forward}`): the two form a reference cycle that only the cycle collector frees',
    backReferenceImplicit:
      '`{text}` keeps a strong reference back to an object that holds this one: the two form a reference cycle that only the cycle collector frees',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for pairs (or rings) of objects that hold strong references to each other: a child that stores its parent while the parent keeps the child (`child.parent = self` with `self.children.append(child)`), doubly linked nodes (`node.prev` and `node.next`, also between elements of one list: `tracks[i + 1].prev = tracks[i]`), back-pointers added to a structure after the fact (`for child in ast.iter_child_nodes(node): child.parent = node`), and an object built with `Child(self)` whose constructor stores its owner while the owner keeps the child (also when the class is only known at run time: `self.plugins.append(ep.load()(self))`, `plugin_cls(self)`, `module.Plugin(self)` on a module imported at run time, assumed to keep its owner like a class from outside the project; a parameter annotated `type[Plugin]` is followed into `Plugin`\'s constructor instead, and a loop variable over a fixed tuple of classes into each one\'s: `for cls in (Help, Roll): self.register(cls(self))`). Widget options handed to a toolkit (`root.config(menu=menubar)`) are not references unless they are callbacks. The check follows constructors, methods, property setters and dataclass fields across classes and modules of the project (a method called on an object of unknown class when only one project class defines a method of that name: `for cb in self.callbacks: cb.set_model(self)`); branches that cannot both run (`if isinstance(x, A): … elif isinstance(x, B): …`) are not merged into one cycle. References made with `weakref.ref`/`weakref.proxy`, weak containers (`WeakSet`, `WeakValueDictionary`) and one-directional references are not reported; nor are back-references to a class object (the `cls` of a classmethod or metaclass, the owner handed to `__set_name__`, `__get__` or a model field\'s `contribute_to_class(self, model, name)`): a class lives as long as its module and is in cycles of its own (`C.__mro__` holds `C`).',
    whyBad:
      'Reference counting frees an object the moment its last reference goes — except when it is in a cycle. Objects in a cycle stay alive, with everything they reference, until the cycle collector happens to run a pass over their generation. Until then their memory cannot be reused, and the pymalloc arenas they sit in cannot be returned to the OS: a tree of parsed documents or a graph of request objects can hold many times its live size.',
    example: [
      'class Node:',
      '    def __init__(self, name):',
      '        self.name = name',
      '        self.parent = None',
      '        self.children = []',
      '',
      '    def add(self, child):',
      '        child.parent = self',
      '        self.children.append(child)',
    ].join('\n'),
    useInstead: [
      'import weakref',
      '',
      'class Node:',
      '    def __init__(self, name):',
      '        self.name = name',
      '        self._parent = None',
      '        self.children = []',
      '',
      '    @property',
      '    def parent(self):',
      '        return self._parent() if self._parent is not None else None',
      '',
      '    def add(self, child):',
      '        child._parent = weakref.ref(self)',
      '        self.children.append(child)',
    ].join('\n'),
    fixSafety:
      'No automatic fix: a weak back-reference changes behaviour (it reads `None` or raises `ReferenceError` once the owner is gone), so `weakref.ref`/`weakref.proxy` is offered only as a suggestion.',
    references: [
      'https://docs.python.org/3/library/weakref.html',
      'https://docs.python.org/3/library/gc.html',
      'https://devguide.python.org/internals/garbage-collector/',
    ],
  },
  check(project, ctx) {
    for (const cycle of analyzeReferenceCycles(project).cycles) {
      if (cycle.kind !== 'parent-child') continue;
      ctx.report({
        file: cycle.file,
        span: cycle.site,
        messageId: cycle.forward ? 'backReference' : 'backReferenceImplicit',
        data: { text: cycle.text, forward: cycle.forward ?? '' },
        related: cycle.related,
        suggestions: [{ title: 'Store the back-reference weakly: `weakref.ref(owner)` (call it to get the owner) or `weakref.proxy(owner)`' }],
      });
    }
  },
});
