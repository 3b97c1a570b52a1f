// PSL203: a TTL cache whose expired entries are never removed — a hand-rolled dict of
// `(value, timestamp)` checked for expiry on read but never deleted from, or a TTLCache with no maxsize.
import { boundedKeyOracle, boundingUses, isFieldDefault, isTimestampedContainer, linkContainers, resolveConstant, runtimeOracle, type CacheProject } from '../engine/link/caches.js';
import type { CacheSiteFact } from '../engine/facts/cache-types.js';
import { defineRule } from '../engine/run/rule.js';

const TTL_APIS = new Set(['cachetools.TTLCache', 'cachetools.TLRUCache', 'cachetools.func.ttl_cache']);

const SCOPE_WORDS: Readonly<Record<string, string>> = {
  module: 'module-level dict',
  class: 'class-level dict',
  instance: 'dict',
  closure: 'closure dict',
};

export default defineRule({
  code: 'PSL203',
  name: 'ttl-cache-never-evicts',
  family: 'cache-growth',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A TTL cache that checks expiry on read but never deletes expired entries',
  messages: {
    handRolled:
      'TTL cache `{name}` ({scope}) stores timestamped entries ({where}) and checks them for expiry, but no code path ever deletes one: expired keys pile up forever',
    unboundedTtlCache:
      '`{cache}` has no size bound ({why}): expired entries are only dropped lazily, so a burst of distinct keys stays in memory',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for hand-rolled TTL caches: a dict that stores values with a timestamp (`self._cache[k] = (value, time.time())`, `time.monotonic()`, `datetime.now()`, `loop.time()`, or an entry class stamped by `field(default_factory=time.time)`; or values kept next to a parallel dict of timestamps under the same key, `self._values[k] = v; self._stamps[k] = time.monotonic()`, reported once, on the values) and is read behind an expiry check (also one the entry makes itself: `entry.expired`, `item.is_fresh()`, or a comparison of its age: `entry.age() < limit`), when nothing anywhere in the project deletes from it (`pop`, `del`, `clear`, `popitem`, a reset, a sweep, or a size check). Also checks `cachetools.TTLCache` and `cachetools.func.ttl_cache` with an unbounded `maxsize`.',
    whyBad:
      'Checking an entry\'s age on read only hides stale values; it does not remove them. Every key ever requested stays in the dict with its value, so memory grows with the number of distinct keys, not with the number of live ones. A cache that is refreshed by overwriting keeps the old keys too. Not reported when every key (every part of a tuple key) comes from a fixed set (a loop over constants or over a registry filled at import time or by start-up set-up, an enum, constants (or a choice between constants, or a loop variable over a fixed set) from every caller): such a dict holds one entry per member and is refreshed in place.',
    example: [
      'import time',
      '',
      'class RateCache:',
      '    def __init__(self, ttl=60.0):',
      '        self.ttl = ttl',
      '        self._entries = {}',
      '',
      '    def get(self, key, load):',
      '        hit = self._entries.get(key)',
      '        if hit is not None and time.monotonic() - hit[1] < self.ttl:',
      '            return hit[0]',
      '        value = load(key)',
      '        self._entries[key] = (value, time.monotonic())',
      '        return value',
    ].join('\n'),
    useInstead: [
      'import time',
      '',
      'class RateCache:',
      '    def __init__(self, ttl=60.0):',
      '        self.ttl = ttl',
      '        self._entries = {}',
      '',
      '    def get(self, key, load):',
      '        hit = self._entries.get(key)',
      '        if hit is not None:',
      '            if time.monotonic() - hit[1] < self.ttl:',
      '                return hit[0]',
      '            del self._entries[key]',
      '        value = load(key)',
      '        self._entries[key] = (value, time.monotonic())',
      '        return value',
    ].join('\n'),
    references: ['https://cachetools.readthedocs.io/en/latest/#cachetools.TTLCache'],
  },
  check(project, ctx) {
    const boundedKey = boundedKeyOracle(project, runtimeOracle(project));
    const found = [...linkContainers(project).values()].filter((linked) => isTimestampedContainer(linked) && !isFieldDefault(project, linked)
      && boundingUses(linked).length === 0
      // Keys from a fixed set (a loop over registered jobs, an enum, constants (or a loop variable over a fixed set) from every caller)
      // are refreshed in place: a cooldown per alert rule cannot pile up.
      && !linked.uses.every(({ file: at, use }) => use.op !== 'grow' || boundedKey(at, use)));
    // Values and timestamps kept in two parallel dicts: one finding, on the values (they hold the memory).
    const pairedAt = new Set(found.flatMap(({ uses }) => uses.filter(({ use }) => use.stampsIn !== undefined)
      .map(({ file: at, use }) => `${at.module.name}\u0000${use.functionId}`)));
    for (const linked of found) {
      const stores = linked.uses.filter(({ use }) => use.op === 'grow' && (use.storesTimestamp || use.stampsIn !== undefined));
      if (stores.every(({ file: at, use }) => use.parallelStamps && pairedAt.has(`${at.module.name}\u0000${use.functionId}`))) continue;
      const { container, file } = linked;
      const stampsIn = stores.find(({ use }) => use.stampsIn !== undefined)?.use.stampsIn;
      const scope = SCOPE_WORDS[container.scope] ?? 'dict';
      const functions = [...new Set(stores.map(({ use }) => `\`${use.functionId ?? '<module>'}\``))];
      ctx.report({
        file: file.module.path,
        span: container.span,
        messageId: 'handRolled',
        data: { name: container.name, scope: stampsIn ? `${scope}, its timestamps in \`${stampsIn}\`` : scope, where: `in ${functions.slice(0, 3).join(', ')}` },
        related: stores.slice(0, 10).map(({ file: at, use }) => ({
          file: at.module.path, span: use.span, message: 'a timestamped entry is stored here and never deleted',
        })),
        suggestions: [{ title: 'Delete expired entries when they are found (and sweep the rest periodically), or use cachetools.TTLCache with a maxsize' }],
      });
    }
    for (const file of project.files.values()) {
      for (const site of file.caches.sites) {
        if (!TTL_APIS.has(site.api)) continue;
        const why = unboundedBecause(project, site);
        if (!why) continue;
        ctx.report({
          file: file.module.path,
          span: site.span,
          messageId: 'unboundedTtlCache',
          data: { cache: site.calleeText, why },
          suggestions: [{ title: 'Give the TTL cache a finite maxsize' }],
        });
      }
    }
  },
});

function unboundedBecause(project: CacheProject, site: CacheSiteFact): string | null {
  const { maxsize } = site;
  if (maxsize.kind === 'unbounded') return `maxsize=${maxsize.text}`;
  if (maxsize.kind === 'name') {
    const constant = resolveConstant(project, maxsize.qualifiedName);
    if (constant?.value === 'unbounded') return `maxsize=${maxsize.text}, which is ${constant.text}`;
  }
  return null;
}
