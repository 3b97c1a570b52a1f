// Per-file facts for the cache-growth rules (filled in by that family's collector).

export interface CacheFacts {}
