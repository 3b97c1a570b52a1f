// PSL303: a class with `__del__` whose instances take part in a reference cycle (PSL301/PSL302).
import { analyzeReferenceCycles, type ReferenceCycle } from '../engine/link/cycles.js';
import type { FunctionRef } from '../engine/link/types.js';
import { defineRule } from '../engine/run/rule.js';
import type { RelatedLocation } from '../engine/types.js';

export default defineRule({
  code: 'PSL303',
  name: 'finalizer-in-cycle',
  family: 'reference-cycle',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A class with `__del__` whose instances are part of a reference cycle',
  messages: {
    finalizerInCycle:
      '`{cls}.__del__` runs on objects that are part of a reference cycle (`{cycle}`): it is called only when the cycle collector gets to them — late, in no set order, possibly after the objects it uses were torn down',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for classes that define `__del__` (or inherit it) whose instances take part in a reference cycle found by PSL301 or PSL302 — including subclasses of a class whose methods build the cycle on `self`. The finding is on `__del__`, with the stores that make the cycle as related locations.',
    whyBad:
      'Since PEP 442 cycles with finalizers are collected, but only at a collector pass: the file, socket or buffer `__del__` is meant to release stays open and its memory stays pinned until then, and the finalizers of a cycle run in no set order, so `__del__` may see attributes already cleared by another finalizer. Code that relies on `__del__` for prompt cleanup silently stops being prompt.',
    example: [
      'class Connection:',
      '    def __init__(self, pool):',
      '        self.pool = pool',
      '        pool.connections.append(self)',
      '        self.sock = open_socket()',
      '',
      '    def __del__(self):',
      '        self.sock.close()',
    ].join('\n'),
    useInstead: [
      'import weakref',
      '',
      'class Connection:',
      '    def __init__(self, pool):',
      '        self.pool = pool',
      '        pool.connections.append(self)',
      '        self.sock = open_socket()',
      '        # Runs at collection or exit, and does not keep `self` alive.',
      '        self._finalizer = weakref.finalize(self, self.sock.close)',
    ].join('\n'),
    fixSafety: 'No automatic fix: suggests `weakref.finalize` (or an explicit `close()`/context manager) instead.',
    references: [
      'https://peps.python.org/pep-0442/',
      'https://docs.python.org/3/library/weakref.html#weakref.finalize',
      'https://docs.python.org/3/reference/datamodel.html#object.__del__',
    ],
  },
  check(project, ctx) {
    const analysis = analyzeReferenceCycles(project);
    const found = new Map<string, { fn: FunctionRef; cycles: ReferenceCycle[] }>();
    const note = (fn: FunctionRef | undefined, cycle: ReferenceCycle) => {
      if (!fn) return;
      const entry = found.get(fn.globalId) ?? { fn, cycles: [] };
      if (!entry.cycles.includes(cycle)) entry.cycles.push(cycle);
      found.set(fn.globalId, entry);
    };
    for (const cycle of analysis.instances) {
      for (const id of cycle.classes) {
        const cls = project.classes.get(id);
        if (cls) note(project.findMethod(cls, '__del__'), cycle);
      }
      // Instances of subclasses run the methods that build the cycle on `self`.
      const stack = [...cycle.selfClasses];
      const seen = new Set(stack);
      while (stack.length > 0) {
        for (const sub of analysis.subclasses.get(stack.pop()!) ?? []) {
          if (seen.has(sub)) continue;
          seen.add(sub);
          stack.push(sub);
          note(project.functions.get(`${sub}.__del__`), cycle);
        }
      }
    }
    for (const { fn, cycles } of [...found.values()].sort((a, b) => (a.fn.globalId < b.fn.globalId ? -1 : 1))) {
      if (fn.fn.classId === null) continue;
      const first = cycles[0]!;
      const related: RelatedLocation[] = cycles.slice(0, 4).map((c) => ({
        file: c.file, span: c.site, message: `reference cycle: \`${c.text}\``,
      }));
      ctx.report({
        file: fn.file.module.path,
        span: fn.fn.nameSpan,
        messageId: 'finalizerInCycle',
        data: { cls: fn.fn.classId, cycle: first.text },
        related,
        suggestions: [{ title: 'Release the resource with `weakref.finalize(self, cleanup, resource)` or an explicit `close()` instead of `__del__`' }],
      });
    }
  },
});
