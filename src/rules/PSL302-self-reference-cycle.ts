// PSL302: an object holds itself — directly, or through a bound method or closure it (or
// something it owns) keeps.
import { analyzeReferenceCycles } from '../engine/link/cycles.js';
import { defineRule } from '../engine/run/rule.js';

export default defineRule({
  code: 'PSL302',
  name: 'self-reference-cycle',
  family: 'reference-cycle',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'An object stores itself, or a callable that captures it, where it holds it',
  messages: {
    self: '`{text}` stores `{holds}` inside itself: a reference cycle that only the cycle collector frees',
    boundMethod:
      '`{text}` stores a bound method of `{holds}` where `{holds}` can reach it (the method holds `{holds}` back): a reference cycle that only the cycle collector frees',
    coroutine:
      '`{text}` keeps a coroutine or generator of `{holds}` (its frame holds `{holds}`) where `{holds}` can reach it: a reference cycle until it finishes, then only the cycle collector frees it',
    closure:
      '`{text}` stores a callable that captures `{holds}` where `{holds}` can reach it: a reference cycle that only the cycle collector frees',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for objects that reference themselves: `self.x = self`, a bound method stored on its own instance (`self.callback = self.handle`, a dispatch dict of `self.on_*` methods), and a lambda, nested function or `functools.partial` that captures `self` stored on `self` or registered with an object `self` owns (`self.button.on_click(self.handle)`, `self.timer.connect(lambda: self.tick())`, `self.thread = Thread(target=self.run)`), an event-loop handle or task kept on `self` (`self._timer = loop.call_later(5, self._expire)`, `self._task = asyncio.create_task(self._run())`: a handle keeps its callback until cancelled, a task its coroutine until it finishes), a method of `self` given as the default of an option (`self.command = options.pop("command", self._announce)`), a callback handed by keyword to a method of an object `self` owns (`self.tree.heading("name", command=self.sort)`, `on_message_callback=`), a server kept on `self` with a handler of `self` (`self._server = await asyncio.start_server(self.handle_client, host, port)`), a method wrapped by hand in a memoizing or other decorator (`self.lookup = functools.lru_cache(maxsize=256)(self._lookup)`), a registering decorator of an object `self` owns applied by hand (`self.host.hooks.register("startup")(self.on_startup)`), an exit callback on an `ExitStack` kept on `self` (`self._stack.callback(self.close)`), a `cached_property` that returns such a callable (the result is cached in the instance), a default argument (`lambda s=self: s.refresh()`), a dispatch table filled with `getattr(self, f"on_{name}")`, and any of these made by a factory and kept by the caller (`self.callback = self._make_callback()` where the method returns a closure, lambda, `functools.partial` or bound method over `self`; `self.handler = make_handler(self)`). `weakref.WeakMethod`, lambdas that do not capture `self`, and callables kept only in locals are not reported; nor is a callable stored on a class that captures the class (`cls.describe = lambda: cls.__name__` in a classmethod, `__init_subclass__` or class decorator): a class is in reference cycles of its own (`C.__mro__` holds `C`), so this one changes nothing.',
    whyBad:
      'A bound method holds its instance (`method.__self__`), a closure holds the variables it captures. Stored where the instance can reach it, it makes a cycle: when the last outside reference goes, the instance is not freed but waits, with everything it holds, for the cycle collector. Until that pass its memory is pinned and the arenas it occupies cannot go back to the OS.',
    example: [
      'class Poller:',
      '    def __init__(self, timer):',
      '        self.timer = timer',
      '        self.timer.connect(self.tick)',
      '',
      '    def tick(self):',
      '        ...',
    ].join('\n'),
    useInstead: [
      'import weakref',
      '',
      'class Poller:',
      '    def __init__(self, timer):',
      '        self.timer = timer',
      '        self.timer.connect(weakref.WeakMethod(self.tick))',
      '',
      '    def tick(self):',
      '        ...',
    ].join('\n'),
    fixSafety:
      'No automatic fix: a weak callback stops firing once the instance is gone, and the receiving API must accept a weak reference; `weakref.WeakMethod` is offered as a suggestion.',
    references: [
      'https://docs.python.org/3/library/weakref.html#weakref.WeakMethod',
      'https://docs.python.org/3/library/gc.html',
    ],
  },
  check(project, ctx) {
    for (const cycle of analyzeReferenceCycles(project).cycles) {
      if (cycle.kind !== 'self-reference') continue;
      const messageId = cycle.via === 'bound-method' ? 'boundMethod' : cycle.via === 'closure' ? 'closure' : cycle.via === 'coroutine' ? 'coroutine' : 'self';
      ctx.report({
        file: cycle.file,
        span: cycle.site,
        messageId,
        data: { text: cycle.text, holds: cycle.holds },
        related: cycle.related,
        suggestions: [{
          title: messageId === 'self'
            ? 'Store `weakref.proxy(self)` or drop the self-reference'
            : 'Register `weakref.WeakMethod(...)` (or a function that looks the instance up through a weak reference) and unregister when done',
        }],
      });
    }
  },
});
