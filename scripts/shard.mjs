#!/usr/bin/env node
// Prints the compiled test files of one shard: `node scripts/shard.mjs 2/3`. Files are dealt
// round-robin over the sorted list, so every file lands in exactly one shard.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [index, count] = (process.argv[2] ?? '').split('/').map(Number);
if (!Number.isInteger(index) || !Number.isInteger(count) || index < 1 || index > count) {
  console.error('usage: node scripts/shard.mjs INDEX/COUNT   (e.g. 1/3; INDEX from 1 to COUNT)');
  process.exit(2);
}
const files = readdirSync('dist/tests', { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.test.js'))
  .map((name) => join('dist/tests', name))
  .sort();
console.log(files.filter((_, i) => i % count === index - 1).join('\n'));
