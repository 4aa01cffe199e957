/**
 * The JDK as the tests use it: `javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror`
 * over generated trees (once per test file: every tree of a file in one run, each tree in a
 * package of its own), and `java` to run a program against them. A missing JDK is a loud
 * skip locally and a failure under CI=1 (see tools.ts).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireTools, tempDir } from './tools.js';

/** javac on a busy 2-core machine takes tens of seconds for a few thousand codes. */
export const JAVA_TIMEOUT_MS = 300_000;

export const hasJava =
  spawnSync('javac', ['-version'], { timeout: 60_000 }).status === 0 && spawnSync('java', ['-version'], { timeout: 60_000 }).status === 0;
if (!hasJava && !requireTools) {
  console.warn('\n⚠  javac/java (JDK 17) are not installed: the javac -Xlint/-Xdoclint checks and the Java programs are SKIPPED (CI installs openjdk-17-jdk-headless and runs them).\n');
}

/** Every .java file under `dir`. */
export function javaSources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...javaSources(join(dir, entry.name)));
    else if (entry.name.endsWith('.java')) found.push(join(dir, entry.name));
  }
  return found.sort();
}

/**
 * Compiles the .java files under each of `dirs` (plus `extra` files) in one javac run into
 * `classes`, as strictly as the generated code promises: no -Xlint warning, no doclint
 * warning on any public member, against `classpath` (optional: classes compiled before,
 * e.g. the shared tree of shared-trees.ts). Returns javac's output; '' when clean.
 */
export function javac(dirs: readonly string[], classes: string, extra: readonly string[] = [], classpath?: string): string {
  mkdirSync(classes, { recursive: true });
  const sources = [...dirs.flatMap(javaSources), ...extra];
  const argFile = join(classes, '..', `sources-${process.pid}.txt`);
  writeFileSync(argFile, sources.map((path) => `"${path.replace(/\\/g, '/')}"`).join('\n'));
  const result = spawnSync('javac', ['--release', '17', '-encoding', 'UTF-8', '-Xlint:all', '-Xdoclint:all/protected', '-Werror', ...(classpath === undefined ? [] : ['-cp', classpath]), '-d', classes, `@${argFile}`], {
    encoding: 'utf8',
    timeout: JAVA_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) return `javac failed to run: ${result.error.message}`;
  return result.status === 0 ? result.stdout + result.stderr : `javac exited ${result.status}:\n${(result.stdout + result.stderr).slice(0, 20_000)}`;
}

const run = promisify(execFile);

/** Runs `java -cp classes <mainClass> args…` without blocking the event loop (a test server may answer it). */
export async function runJava(classes: string, mainClass: string, args: readonly string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run('java', ['-Dfile.encoding=UTF-8', '-Dstdout.encoding=UTF-8', '-cp', classes, mainClass, ...args], { encoding: 'utf8', timeout: JAVA_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * For the parity test: every code of the generated Java tree under `javaDir` (package
 * `javaPackage`) as the Java runtime itself reports it (FeishuErrors.catalog()), one line
 * per module entry, by module id then code:
 * `module<TAB>code<TAB>Name<TAB>category<TAB>retryable<TAB>retry`, with the locked name
 * (FeishuCodeInfo.name(), as JSON and Go's String() give it; the Java constant is its
 * UPPER_SNAKE form), category and retry in their snake_case wire names, retryable
 * `true`/`false`. Compiles the tree with the checks of `javac` above, then runs it.
 */
export async function javaCatalogLines(javaDir: string, javaPackage = 'feishu.errcodes'): Promise<string[]> {
  const work = tempDir('feishu-errcodes-java-parity-');
  const main = join(work, 'ParityMain.java');
  writeFileSync(
    main,
    `import ${javaPackage}.FeishuCodeInfo;
import ${javaPackage}.FeishuErrors;

/** Prints every code of the generated tree as the Java runtime reports it. */
public final class ParityMain {
    private ParityMain() {
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (FeishuCodeInfo info : FeishuErrors.catalog()) {
            out.append(info.module()).append('\\t').append(info.code()).append('\\t').append(info.name()).append('\\t')
                .append(info.category().wireName()).append('\\t').append(info.retryable()).append('\\t').append(info.retry().wireName()).append('\\n');
        }
        System.out.print(out);
    }
}
`,
  );
  const classes = join(work, 'classes');
  const problems = javac([javaDir], classes, [main]);
  if (problems !== '') throw new Error(problems);
  const { stdout } = await runJava(classes, 'ParityMain');
  return stdout.split('\n').filter((line) => line !== '');
}
