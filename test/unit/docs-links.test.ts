import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';

/**
 * The README and the guides in docs/ link to each other, to pictures and to files of the project: every relative
 * link must lead to a file that exists and, where it names a heading (`#anchor`) of a Markdown file, to a heading
 * that file has. No network: links to other sites are not followed.
 */

const GUIDES = ['analysts', 'apps', 'researchers', 'agents', 'operators', 'data', 'contributing'];

const files = [
  join(PROJECT_ROOT, 'README.md'),
  join(PROJECT_ROOT, 'CONTRIBUTING.md'),
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(PROJECT_ROOT, 'docs', name)),
];

/** The text outside fenced code blocks and inline code spans, where Markdown links and headings live. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** The anchor a heading gets on the usual Markdown renderers: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

function linksOf(file: string): Link[] {
  const links: Link[] = [];
  let fenced = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (fenced) return;
      const text = line.replace(/`[^`]*`/g, '');
      for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ file, line: index + 1, target: m[1]! });
    });
  return links;
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('the README and the guides link only to what exists', () => {
  it('the README is at most 300 lines, and every guide is there', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(300);
    for (const guide of GUIDES) expect(existsSync(join(PROJECT_ROOT, 'docs', `${guide}.md`)), guide).toBe(true);
  });

  it('the README links every guide', () => {
    const targets = linksOf(join(PROJECT_ROOT, 'README.md')).map((l) => l.target.split('#')[0]);
    for (const guide of GUIDES) expect(targets, guide).toContain(`docs/${guide}.md`);
  });

  it('every relative link leads to a file, and every #anchor to a heading of it', () => {
    const links = files.flatMap(linksOf).filter((l) => !isExternal(l.target));
    expect(links.length).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const { file, line, target } of links) {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const resolved = path === '' ? file : resolve(dirname(file), decodeURI(path));
      const where = `${relative(PROJECT_ROOT, file)}:${line} → ${target}`;
      if (!resolved.startsWith(PROJECT_ROOT) || !existsSync(resolved)) {
        broken.push(`${where} (no such file)`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
        broken.push(`${where} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as the renderers do', () => {
    expect([...anchorsOf('# One request, end to end: `GET /v1/companies/:id`\n## What `npm start` does\n## A\n## A\n```\n# not a heading\n```\n')]).toEqual([
      'one-request-end-to-end-get-v1companiesid',
      'what-npm-start-does',
      'a',
      'a-1',
    ]);
  });
});
