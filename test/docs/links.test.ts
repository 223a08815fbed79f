/**
 * Every link and path an npm user meets in the README and the docs resolves in the package they
 * install: relative links point at files that ship (and at headings those files have), paths
 * in inline code that name the package's docs or examples ship too, and nothing points outside
 * the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dryRunPack } from '../../scripts/check-package.ts';
import { ROOT } from '../support/package-consumer.ts';

let shipped: Set<string>;

beforeAll(() => {
  shipped = new Set(dryRunPack(ROOT).files.map((file) => file.path));
}, 60_000);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks), repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading.replace(/`/g, ''));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** The Markdown files an npm user reads: the README and every shipped Markdown file. */
function readFiles(): string[] {
  return [...shipped].filter((path) => path.endsWith('.md')).sort();
}

/** Problems with the relative links and package paths of one Markdown file. */
function problemsOf(file: string): string[] {
  const text = withoutCodeBlocks(readFileSync(join(ROOT, file), 'utf8'));
  const problems: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!target || /^(https?:|mailto:)/.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : normalize(join(dirname(file), path));
    if (resolved.startsWith('..')) {
      problems.push(`${file}: ${target} points outside the package`);
    } else if (!shipped.has(resolved) && ![...shipped].some((p) => p.startsWith(`${resolved}/`))) {
      problems.push(`${file}: ${target} → ${resolved} does not ship`);
    } else if (anchor && resolved.endsWith('.md')) {
      const headings = anchors(readFileSync(join(ROOT, resolved), 'utf8'));
      if (!headings.has(anchor)) problems.push(`${file}: ${target}: no heading #${anchor}`);
    }
  }
  // Inline code naming a file of the package's docs or examples (from the package root).
  for (const [, path] of text.matchAll(/`((?:docs|examples)\/[\w./-]+)`/g)) {
    const clean = (path ?? '').replace(/\/$/, '');
    if (!shipped.has(clean) && ![...shipped].some((p) => p.startsWith(`${clean}/`))) {
      problems.push(`${file}: \`${path}\` does not ship`);
    }
  }
  if (/\.\.\/shared\//.test(text))
    problems.push(`${file}: refers to ../shared, outside the repository`);
  return problems;
}

describe('links and paths in the README and docs, for an npm user', () => {
  it('ships the README, the docs and the examples they use', () => {
    expect(readFiles()).toContain('README.md');
    expect(readFiles()).toContain('docs/testing.md');
    expect(shipped).toContain('examples/data/support-tickets.jsonl');
    expect(shipped).toContain('examples/data/prices-2023.json');
  });

  it('resolves every relative link, anchor and package path', () => {
    expect(readFiles().flatMap(problemsOf)).toEqual([]);
  });

  it('finds a broken link when there is one (the check itself)', () => {
    expect(slug('Running tunekit’s own tests')).toBe('running-tunekits-own-tests');
    expect(anchors('# A\n```\n# not a heading\n```\n## A')).toEqual(new Set(['a', 'a-1']));
  });
});
