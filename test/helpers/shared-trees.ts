/**
 * Generated trees that several test files only read, made once per `vitest run` (see
 * shared.ts), with the one run of each tool they need. A test file that changes its
 * tree, or needs other options, makes its own.
 */
import { join } from 'node:path';
import { generate } from '../../src/project.js';
import { hasJava, javac } from './java.js';
import { once } from './shared.js';
import { makeProject, samplePage } from './tools.js';

export interface SharedJavaTree {
  /** The project folder (seeds/, generated/java/). */
  readonly project: string;
  /** Did generate succeed? */
  readonly generated: boolean;
  /** The tree's classes, compiled with the full checks of `javac` (java.ts); '' when there is no JDK. */
  readonly classes: string;
  /** javac's output on the tree: '' when clean. */
  readonly javac: string;
}

/**
 * Hire v1 (the sample page) with `targets: ['java']` and the default package, generated and
 * compiled once (`javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror`). For the
 * test files that compile a program of their own against it (`javac(…, tree.classes)`).
 */
export function sharedHireJava(): SharedJavaTree {
  return once('hire-java', () => {
    const project = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'] }) });
    const generated = generate({ cwd: project }).ok;
    if (!generated || !hasJava) return { project, generated, classes: '', javac: '' };
    const classes = join(project, 'classes');
    return { project, generated, classes, javac: javac([join(project, 'generated/java')], classes) };
  });
}
