// Prints the Markdown table of every refusal code, for docs/PROTOCOL.md.
// Run: node --import tsx scripts/refusal-table.ts
import { refusalCatalog } from '../src/governance/kernel/engine.js';

console.log('| code | HTTP | when |');
console.log('| --- | --- | --- |');
for (const [code, spec] of Object.entries(refusalCatalog).sort(([a], [b]) => (a < b ? -1 : 1))) {
  console.log(`| \`${code}\` | ${spec.status} | ${spec.summary} |`);
}
