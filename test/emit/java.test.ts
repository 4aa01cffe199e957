/**
 * The Java target (src/emit/java.ts): names and escapes as tables; then every sample page, a
 * 20,000-code module and a 2,000-code enum, generated through the CLI and compiled in one
 * `javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror` run together with a
 * program that turns Feishu error bodies into FeishuApiException and branches on the
 * category, as a user's code does. The shared error policy is asserted case by case on
 * what that program prints.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { listFiles } from '../../src/write/stray-files.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaConstantName, javaConstantNames, javadocLines, javaPackageProblem, javaString, javaTypeNameProblem, MAX_ENUM_CONSTANTS } from '../../src/emit/java.js';
import { makeProject, requireTools, runCli, SAMPLE_PAGES, samplePage, tempDir } from '../helpers/tools.js';
import { hasJava, javac, javaCatalogLines, runJava } from '../helpers/java.js';

/** javac on a 20,000-code module takes minutes: the suite compiles 4,000 codes (past the enum limit, several lazy table classes), the nightly run the full 20,000. */
const BIG_CODES = Number(process.env['FC_RUNS_SCALE'] ?? '1') >= 10 ? 20_000 : 4_000;

describe('Java names', () => {
  it.each([
    ['TalentNotExist', 'TALENT_NOT_EXIST'],
    ['AppIDUnauthorized', 'APP_ID_UNAUTHORIZED'],
    ['UpdateTalentIDConflict', 'UPDATE_TALENT_ID_CONFLICT'],
    ['Code1002102', 'CODE_1002102'],
    ['E404NotFound', 'E_404_NOT_FOUND'],
    ['A', 'A'],
  ])('%s → %s', (name, constant) => {
    expect(javaConstantName(name)).toBe(constant);
  });

  it('gives the later name in code-unit order that folds onto another constant a suffix, whatever the input order', () => {
    expect(javaConstantNames([{ name: 'AppId', code: 1 }, { name: 'AppID', code: 2 }, { name: 'Other', code: 3 }])).toEqual(['APP_ID_2', 'APP_ID', 'OTHER']);
    expect(javaConstantNames([{ name: 'AppID', code: 2 }, { name: 'Other', code: 3 }, { name: 'AppId', code: 1 }])).toEqual(['APP_ID', 'OTHER', 'APP_ID_2']);
  });

  it.each([
    ['feishu.errcodes', undefined],
    ['com.acme.feishu_errcodes', undefined],
    ['com.acme.class', 'segment `class` is a Java keyword'],
    ['com.acme.record', 'segment `record` is a Java keyword'],
    ['com.1acme', 'segment `1acme` is not a Java identifier (ASCII letters, digits, _ and $, not starting with a digit)'],
    ['java.errcodes', 'packages under `java.` belong to the JDK and javac refuses them'],
    ['javax.swing', 'packages under `javax.` belong to the JDK and javac refuses them'],
    ['sun.misc', 'packages under `sun.` belong to the JDK and javac refuses them'],
    ['com.sun.net.httpserver', 'packages under `com.sun.` belong to the JDK and javac refuses them'],
    ['com.sunny.errcodes', undefined],
    ['javaxx.errcodes', undefined],
  ])('java.package %s', (name, problem) => {
    expect(javaPackageProblem(name)).toBe(problem);
  });
});

describe('Java escaping', () => {
  it.each([
    ['quote and backslash', 'a "b" \\c', '"a \\"b\\" \\\\c"'],
    ['a \\u sequence javac would decode', '\\u000a\\u0022', '"\\\\u000a\\\\u0022"'],
    ['line ends and controls', 'a\nb\r\u0000\u2028', '"a\\nb\\r\\u0000\\u2028"'],
    ['a lone surrogate and a pair', '\uD800x😀', '"\\uD800x😀"'],
  ])('javaString: %s', (_, text, literal) => {
    expect(javaString(text)).toBe(literal);
  });

  it('javaString joins a text too long for one class-file constant at run time, never inside a surrogate pair', () => {
    const literal = javaString('😀'.repeat(5000));
    expect(literal.startsWith('String.join("", "')).toBe(true);
    expect(literal).not.toMatch(/[\uD800-\uDBFF]"/);
  });

  it.each([
    ['a comment end', 'x */ y', ['x *&#47; y']],
    ['a \\u escape javac decodes in comments', '\\u002a/ \\u000a', ['&#92;u002a/ &#92;u000a']],
    ['a tag at line start and inline', '@param x\n{@code y}', ['&#64;param x', '{&#64;code y}']],
    ['HTML', '<b>&amp;</b>', ['&lt;b&gt;&amp;amp;&lt;/b&gt;']],
    ['controls and a lone surrogate', 'a\u0000b\uDC00\u202E', ['a&#92;u0000b&#92;uDC00&#92;u202E']],
  ])('javadocLines: %s', (_, text, lines) => {
    expect(javadocLines(text)).toEqual(lines);
  });
});

describe('Java configuration', () => {
  it('refuses a keyword in java.package with one line naming the key', async () => {
    const dir = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'], java: { package: 'com.acme.class' } }) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`java.package` is "com.acme.class": segment `class` is a Java keyword; use a package such as com.acme.feishu.errcodes');
  });

  it('refuses a module type name that is a runtime class in Java', async () => {
    const config = { targets: ['java'], modules: { 'hire-v1': { typeName: 'FeishuErrors' } } };
    const dir = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify(config) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected type name `FeishuErrors` for hire-v1 in Java: it would shadow a class of the Java runtime');
    expect(result.stderr).toContain('set modules["hire-v1"].typeName in the config');
  });

  it.each(['HashMap', 'FunctionalInterface', 'Override', 'InternalError', 'Table', 'Part3'])('refuses the type name %s, which the generated code means as another class', (name) => {
    expect(javaTypeNameProblem(name)).toBeDefined();
  });

  it('accepts an ordinary type name', () => {
    expect(javaTypeNameProblem('HireErrorCode')).toBeUndefined();
    expect(javaTypeNameProblem('Particle')).toBeUndefined();
  });

  it('warns when two locked names give one Java constant, and suffixes the later in code-unit order, as Python does', async () => {
    const seed = '# Folds\n\n| 错误码 | 错误信息 |\n| --- | --- |\n| 1001 | App id invalid |\n| 1002 | App ID invalid |\n';
    const config = { targets: ['java'], modules: { folds: { names: { '1001': 'AppIdInvalid', '1002': 'AppIDInvalid' } } } };
    const dir = makeProject({ 'folds.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify(config) });
    const result = await runCli(['generate', '--verbose'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Unexpected Java constant `APP_ID_INVALID` twice in folds: `AppIdInvalid` (1001) folds onto an earlier name, so it is written `APP_ID_INVALID_2`; to choose, rename one in modules["folds"].names in the config');
    const source = readFileSync(join(dir, 'generated/java/feishu/errcodes/FoldsErrorCode.java'), 'utf8');
    expect(source).toContain('    APP_ID_INVALID_2(1001),');
    expect(source).toContain('    APP_ID_INVALID(1002);');
  });

  it('is opt-in: the default targets write no Java', async () => {
    const dir = makeProject({ 'hire-v1.md': samplePage('hire-v1') });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(() => readFileSync(join(dir, 'generated/java/feishu/errcodes/HireErrorCode.java'))).toThrow();
  });

  it('moves the files when java.package changes, leaving no empty folder of the old package', async () => {
    const dir = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'], java: { package: 'com.acme.old' } }) });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ targets: ['java'], java: { package: 'com.acme.errors' } }));
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(listFiles(join(dir, 'generated/java')).filter((path) => path.endsWith('HireErrorCode.java'))).toEqual(['com/acme/errors/HireErrorCode.java']);
    expect(existsSync(join(dir, 'generated/java/com/acme/old'))).toBe(false);
    expect(existsSync(join(dir, 'generated/java/com/acme/errors'))).toBe(true);
  });

  it('check covers the Java files: up to date, then drift, then a stray file', async () => {
    const dir = makeProject({ 'hire-v1.md': samplePage('hire-v1') }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'] }) });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect((await runCli(['check'], dir)).code).toBe(0);
    const file = join(dir, 'generated/java/feishu/errcodes/HireErrorCode.java');
    writeFileSync(file, readFileSync(file, 'utf8').replace('TALENT_NOT_EXIST(1002102)', 'TALENT_GONE(1002102)'));
    const drift = await runCli(['check'], dir);
    expect(drift.code).toBe(1);
    expect(drift.stdout + drift.stderr).toContain('java/feishu/errcodes/HireErrorCode.java');
    expect((await runCli(['generate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'generated/java/feishu/errcodes/Extra.java'), 'class Extra {}\n');
    const stray = await runCli(['check'], dir);
    expect(stray.code).toBe(1);
    expect(stray.stdout + stray.stderr).toContain('java/feishu/errcodes/Extra.java');
  });
});

/** One Feishu response for the policy program: what it is given, and what it must say. */
interface PolicyCase {
  readonly name: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
  /** `none`, or `code|msg|logId|category|retryable|retry|retryAfter|known`. */
  readonly want: string;
}

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const POLICY: readonly PolicyCase[] = [
  { name: 'a listed code', status: 400, body: '{"code":1002102,"msg":"Talent not exist","error":{"log_id":"L1"}}', want: '1002102|Talent not exist|L1|not_found|false|never|-|true' },
  { name: 'an integral float code', status: 200, body: '{"code":1002102.0,"msg":"m"}', want: '1002102|m||not_found|false|never|-|true' },
  { name: 'an exponent code', status: 200, body: '{"code":1.002102e6}', want: '1002102|||not_found|false|never|-|true' },
  { name: 'a fractional code is no code', status: 200, body: '{"code":1002102.5}', want: 'none' },
  { name: 'a string code is no code', status: 200, body: '{"code":"1002102"}', want: 'none' },
  { name: 'code 0 is success', status: 200, body: '{"code":0,"msg":"success"}', want: 'none' },
  { name: 'code 0 with a failing status', status: 503, body: '{"code":0,"msg":"busy"}', want: '0|busy||server|true|with_backoff|-|false' },
  { name: 'odd field types are ignored one by one', status: 200, body: `{"code":1002102,"msg":{"x":1},"error":{"log_id":7,"logid":"L2","helps":"no"},"data":${deep(5000)}}`, want: '1002102||L2|not_found|false|never|-|true' },
  { name: 'not JSON with a failing status', status: 502, body: '<html>Bad gateway</html>', want: '0|HTTP 502||server|true|with_backoff|-|false' },
  { name: 'not JSON with a success status', status: 200, body: '<html>', want: 'none' },
  { name: 'deep nesting alone', status: 200, body: deep(200_000), want: 'none' },
  { name: 'truncated JSON', status: 200, body: '{"code":1002102', want: 'none' },
  { name: 'trailing garbage', status: 200, body: '{"code":1002102} x', want: 'none' },
  { name: '401 without a body', status: 401, body: '', want: '0|HTTP 401||authentication|false|after_token_refresh|-|false' },
  { name: '501 is not a server retry', status: 501, body: '', want: '0|HTTP 501||unknown|false|never|-|false' },
  { name: 'an unlisted code takes the status verdict', status: 429, body: '{"code":123456789,"msg":"slow down"}', want: '123456789|slow down||rate_limit|true|after_wait|-|false' },
  { name: 'an unlisted code without a useful status', status: 200, body: '{"code":123456789}', want: '123456789|||unknown|false|never|-|false' },
  { name: 'a platform code no module lists', status: 400, body: '{"code":99991403,"msg":"quota"}', want: '99991403|quota||rate_limit|false|never|-|true' },
  {
    name: 'x-ogw-ratelimit-reset before Retry-After, names in any case',
    status: 429,
    headers: { 'X-Ogw-RateLimit-Reset': ' 7 ', 'retry-after': '30', 'x-tt-logid': 'H1' },
    body: '{"code":99991400,"msg":"request trigger frequency limit"}',
    want: '99991400|request trigger frequency limit|H1|rate_limit|true|after_wait|7|true',
  },
  { name: 'a bad reset falls back to Retry-After', status: 429, headers: { 'x-ogw-ratelimit-reset': '7.5', 'Retry-After': '30' }, body: '{"code":99991400}', want: '99991400|||rate_limit|true|after_wait|30|true' },
  { name: 'a huge wait is clamped', status: 429, headers: { 'Retry-After': '99999999999999999999' }, body: '{"code":99991400}', want: '99991400|||rate_limit|true|after_wait|3600|true' },
  { name: 'a past HTTP date is 0', status: 429, headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }, body: '{"code":99991400}', want: '99991400|||rate_limit|true|after_wait|0|true' },
  { name: 'a negative wait is ignored', status: 429, headers: { 'Retry-After': '-5' }, body: '{"code":99991400}', want: '99991400|||rate_limit|true|after_wait|-|true' },
];

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The user's program: a body becomes a FeishuApiException, and the code branches on its category. */
const USAGE_PROGRAM = `import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import samples.errcodes.FeishuApiException;
import samples.errcodes.FeishuErrors;
import samples.errcodes.HireErrorCode;

/** What a service does with a failed Feishu call. */
public final class JavaUsage {
    private JavaUsage() {
    }

    static String react(FeishuApiException error) {
        switch (error.category()) {
            case NOT_FOUND:
                return "gone: refresh the list (" + error.code() + ", log " + error.logId() + ")";
            case RATE_LIMIT:
                return "wait " + error.retryAfterSeconds().orElse(1) + "s";
            case AUTHENTICATION:
                return "get a new token";
            default:
                return "log it: " + error.getMessage();
        }
    }

    static String decode(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /**
     * Entry point.
     *
     * @param args the file of policy cases
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        String body = "{\\"code\\":1002102,\\"msg\\":\\"Talent not exist\\",\\"error\\":{\\"log_id\\":\\"202407\\"}}";
        FeishuApiException error = FeishuErrors.parse(400, Map.of(), body).orElseThrow();
        System.out.println(react(error));
        System.out.println(HireErrorCode.fromCode(error.code()).map(code -> code == HireErrorCode.TALENT_NOT_EXIST).orElse(false));
        System.out.println(HireErrorCode.TALENT_NOT_EXIST.info().description());
        System.out.println(react(FeishuErrors.fromCode(99991663, "Invalid access token", "LOG").orElseThrow()));
        System.out.println(FeishuErrors.lookup(1002102).size() + " " + FeishuErrors.lookup(99991663).size());
        System.out.println(big.errcodes.BigErrorCode.info(big.errcodes.BigErrorCode.WIDGET_3999_QUOTA_EXCEEDED).map(info -> info.message()).orElse("?"));
        System.out.println(big.errcodes.FeishuErrors.lookup(1000000).get(0).name() + " " + big.errcodes.FeishuErrors.catalog().size());
        System.out.println(big.errcodes.EdgeErrorCode.fromCode(2001999).orElseThrow() + " " + big.errcodes.EdgeErrorCode.values().length);
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] fields = line.split("\\t", -1);
            Map<String, List<String>> headers = new HashMap<>();
            for (int i = 2; i + 1 < fields.length; i += 2) {
                headers.put(decode(fields[i]), List.of(decode(fields[i + 1])));
            }
            Optional<FeishuApiException> found = FeishuErrors.parse(Integer.parseInt(fields[0]), headers, decode(fields[1]));
            System.out.println(found.map(e -> e.code() + "|" + e.msg() + "|" + e.logId() + "|" + e.category().wireName() + "|" + e.retryable() + "|"
                + e.retry().wireName() + "|" + (e.retryAfterSeconds().isPresent() ? String.valueOf(e.retryAfterSeconds().getAsInt()) : "-") + "|" + e.known()).orElse("none"));
        }
    }
}
`;

describe.skipIf(!hasJava && !requireTools)('generated Java under javac and java', () => {
  let work: string;
  let samples: string;
  let big: string;
  let compiled: string;

  beforeAll(async () => {
    console.log(`java: the big module has ${BIG_CODES} codes (20,000 under FC_RUNS_SCALE ≥ 10, the nightly run)`);
    expect(hasJava, 'javac and java (JDK 17) are required in CI').toBe(true);
    work = tempDir('feishu-errcodes-java-');
    samples = makeProject(
      Object.fromEntries(SAMPLE_PAGES.map((page) => [`${page}.md`, samplePage(page)])),
      { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java', 'json'], java: { package: 'samples.errcodes' } }) },
    );
    const rows = (count: number, first: number, text: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => `| ${first + i} | ${text(i)} | 说明 ${i} | 排查建议 ${i} |`).join('\n');
    const table = '| 错误码 | 错误信息 | 说明 | 排查建议 |\n| --- | --- | --- | --- |\n';
    big = makeProject(
      {
        'big.md': `# Big\n\n${table}${rows(BIG_CODES, 1_000_000, (i) => `Widget ${i} quota exceeded`)}\n`,
        'edge.md': `# Edge\n\n${table}${rows(MAX_ENUM_CONSTANTS, 2_000_000, (i) => `Gadget ${i} is locked`)}\n`,
      },
      { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['java'], java: { package: 'big.errcodes' } }) },
    );
    for (const dir of [samples, big]) {
      const result = await runCli(['generate'], dir);
      expect(result.stderr.split('\n').filter((line) => / error /.test(line))).toEqual([]);
      expect(result.code).toBe(0);
    }
    writeFileSync(join(work, 'JavaUsage.java'), USAGE_PROGRAM);
    compiled = javac([join(samples, 'generated/java'), join(big, 'generated/java')], join(work, 'classes'), [join(work, 'JavaUsage.java')]);
  }, 900_000);

  afterAll(() => {
    for (const dir of [work, samples, big]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('compiles every sample page, a big class-of-constants module and a 2,000-code enum with javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror', () => {
    expect(compiled).toBe('');
  });

  it('writes one enum per module, a class of int constants past the enum limit, and the runtime beside them', () => {
    const hire = readFileSync(join(samples, 'generated/java/samples/errcodes/HireErrorCode.java'), 'utf8');
    expect(hire).toMatch(/^\/\/ Code generated by feishu-errcodes from seeds\/hire-v1\.md\. DO NOT EDIT\.\n\npackage samples\.errcodes;\n/);
    expect(hire).toContain('public enum HireErrorCode {');
    expect(hire).toContain('    TALENT_NOT_EXIST(1002102),');
    expect(readFileSync(join(big, 'generated/java/big/errcodes/EdgeErrorCode.java'), 'utf8')).toContain('public enum EdgeErrorCode {');
    const bigSource = readFileSync(join(big, 'generated/java/big/errcodes/BigErrorCode.java'), 'utf8');
    expect(bigSource).toContain('public final class BigErrorCode {');
    expect(bigSource).toContain(`    public static final int WIDGET_${BIG_CODES - 1}_QUOTA_EXCEEDED = ${1_000_000 + BIG_CODES - 1};`);
  });

  it('a Java program turns Feishu bodies into FeishuApiException, branches on the category, and follows the shared policy case by case', async () => {
    expect(compiled).toBe('');
    const cases = join(work, 'cases.tsv');
    writeFileSync(
      cases,
      POLICY.map((c) => [String(c.status), base64(c.body), ...Object.entries(c.headers ?? {}).flatMap(([name, value]) => [base64(name), base64(value)])].join('\t')).join('\n') + '\n',
    );
    const { stdout } = await runJava(join(work, 'classes'), 'JavaUsage', [cases]);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'gone: refresh the list (1002102, log 202407)',
      'true',
      '人才不存在',
      'get a new token',
      '1 2',
      'Widget 3999 quota exceeded',
      `Widget0QuotaExceeded ${BIG_CODES + 2_000}`,
      'GADGET_1999_IS_LOCKED 2000',
    ]);
    const got = Object.fromEntries(POLICY.map((c, index) => [c.name, lines[8 + index]]));
    expect(got).toEqual(Object.fromEntries(POLICY.map((c) => [c.name, c.want])));
  });

  it('reports every code as the JSON catalogue has it (javaCatalogLines, for the parity test)', async () => {
    const lines = await javaCatalogLines(join(samples, 'generated/java'), 'samples.errcodes');
    expect(lines).toContain('hire-v1\t1002102\tTalentNotExist\tnot_found\tfalse\tnever');
    const json = [...SAMPLE_PAGES].sort().flatMap((page) => {
      const catalog = JSON.parse(readFileSync(join(samples, 'generated/json', `${page}.json`), 'utf8')) as { errors: { code: number; name: string; category: string; retryable: boolean; retry: string }[] };
      return catalog.errors.map((entry) => [page, entry.code, entry.name, entry.category, entry.retryable, entry.retry].join('\t'));
    });
    expect(json.length).toBeGreaterThan(1000);
    expect(lines).toEqual(json);
  });
});

