// Per-file facts for the bulk-transform rules (filled in by that family's collector).

export interface BulkFacts {}
