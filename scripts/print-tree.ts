// Debugging aid: print tree-sitter's S-expression for a Python snippet (node --import tsx scripts/print-tree.ts 'x = 1').
import { loadParser, parseText } from '../src/engine/source/parser.js';
const p = await loadParser();
const src = process.argv[2]!;
const t = parseText(p, src);
console.log(t.rootNode.toString());
t.delete();
