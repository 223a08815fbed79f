import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { EncodingName } from './encoding-names.ts';
import { buildRankTable, type RankTableData } from './rank-table.ts';

const tables = new Map<EncodingName, Promise<RankTableData>>();

/**
 * The encoding's ranks in tiktoken's own file format, as gpt-tokenizer ships them (3.6 MB for
 * o200k_base). Read as bytes, they make the compact table directly; importing gpt-tokenizer's
 * JavaScript rank arrays instead costs 70+ MB of heap per thread.
 */
function ranksFile(name: EncodingName): string {
  return createRequire(import.meta.url).resolve(`gpt-tokenizer/data/${name}.tiktoken`);
}

/**
 * An encoding's rank table, built once per process (worker threads receive it with their work
 * instead of building their own); later calls share the same promise.
 *
 * @example
 * const table = await loadRankTable('o200k_base');
 */
export function loadRankTable(name: EncodingName): Promise<RankTableData> {
  let table = tables.get(name);
  if (!table) {
    table = readFile(ranksFile(name)).then(buildRankTable);
    tables.set(name, table);
  }
  return table;
}
