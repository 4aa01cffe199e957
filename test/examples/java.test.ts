/**
 * The Java examples of the README and docs/outputs.md, run: every ```java block with a
 * `main` is compiled (javac -Xlint:all -Werror, against the Java target generated from this
 * repository's seeds) and run, and what it prints must be the ```text block right after it.
 * The generated tree itself is compiled with the full checks (-Xdoclint) first.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Code, Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTools, ROOT, tempDir } from '../helpers/tools.js';
import { hasJava, JAVA_TIMEOUT_MS, runJava } from '../helpers/java.js';
import { sharedHireJava } from '../helpers/shared-trees.js';

interface JavaExample {
  readonly file: string;
  readonly line: number;
  readonly className: string;
  readonly source: string;
  readonly output: string;
}

/** The runnable Java examples of a page: a java block that declares a class with `main`, and the text block after it. */
function javaExamples(file: string): JavaExample[] {
  const tree = unified().use(remarkParse).parse(readFileSync(join(ROOT, file), 'utf8')) as Root;
  const examples: JavaExample[] = [];
  tree.children.forEach((node, index) => {
    if (node.type !== 'code' || node.lang !== 'java' || !node.value.includes('public static void main')) return;
    const className = /public final class (\w+)/.exec(node.value)?.[1];
    const next = tree.children[index + 1];
    const after = next?.type === 'paragraph' ? tree.children[index + 2] : next;
    if (className === undefined || after?.type !== 'code' || (after as Code).lang !== 'text') throw new Error(`${file}:${node.position!.start.line}: a Java example needs a public final class and a \`\`\`text block of its output after it`);
    examples.push({ file, line: node.position!.start.line, className, source: node.value, output: `${(after as Code).value}\n` });
  });
  return examples;
}

const EXAMPLES = ['README.md', 'docs/outputs.md'].flatMap(javaExamples);

describe.skipIf(!hasJava && !requireTools)('Java examples of the docs', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the README and docs/outputs.md each show one', () => {
    expect(EXAMPLES.map((example) => example.file)).toEqual(['README.md', 'docs/outputs.md']);
  });

  it('compile against the generated Java target and print what the page shows', async () => {
    expect(hasJava, 'javac and java (JDK 17) are required in CI').toBe(true);
    // The Hire v1 Java tree, generated and compiled with the full checks once per run (shared-trees.ts).
    const tree = sharedHireJava();
    expect(tree.generated).toBe(true);
    expect(tree.javac).toBe('');
    const work = tempDir('feishu-errcodes-java-docs-');
    dirs.push(work);
    const classes = join(work, 'classes');
    mkdirSync(classes);
    const sources = EXAMPLES.map((example) => {
      const path = join(work, `${example.className}.java`);
      writeFileSync(path, example.source);
      return path;
    });
    // The user's code: -Xlint:all, without Javadoc demands.
    const user = spawnSync('javac', ['--release', '17', '-encoding', 'UTF-8', '-Xlint:all', '-Werror', '-cp', tree.classes, '-d', classes, ...sources], { encoding: 'utf8', timeout: JAVA_TIMEOUT_MS });
    expect(user.stdout + user.stderr).toBe('');
    for (const example of EXAMPLES) {
      const { stdout } = await runJava([tree.classes, classes].join(delimiter), example.className);
      expect(stdout, `${example.file}:${example.line}`).toBe(example.output);
    }
  }, 600_000);
});
