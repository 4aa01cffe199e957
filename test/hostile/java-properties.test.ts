/**
 * Hostile texts reach Java as they reach TS and Go (fast-check, seed printed; FC_SEED
 * replays, FC_RUNS_SCALE scales): javaString reads back as the same text, javadocLines can
 * neither end the comment nor start a tag nor hold a `\u` javac would decode; and a batch of
 * random docs full of such texts compiles in one `javac -Xlint:all -Xdoclint:all/protected
 * -Werror` run, and Java reads back every text exactly.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { resolveConfig } from '../../src/config.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { javadocLines, javaString } from '../../src/emit/java.js';
import { requireTools, tempDir } from '../helpers/tools.js';
import { hasJava, javac, runJava } from '../helpers/java.js';
import { runs } from '../helpers/runs.js';

/** What breaks Java source: comment ends, `\u` escapes javac decodes anywhere, Javadoc tags and HTML, line ends, controls. */
const JAVA_HOSTILE = [
  '*/', '/*', '/**', '\\u000a', '\\u000d', '\\u002a/', '\\u0022', '\\u005c', '\\uuuu0041', '\\u', '\\uZZZZ', '\\', '\\\\u0041',
  '"', "'", '@', '@param', '@deprecated', '{@code x}', '{@link Foo}', '<p>', '</pre>', '<!--', '&', '&amp;', '&#', '<', '>',
  '\n', '\r\n', '\t', ' ', '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u00A0', '\u2028', '\u2029', '\u200B', '\u202E',
  '\uFEFF', '😀', '𝕏', '中文', '错误', 'e\u0301', '//', '#', '$', '%s', '`',
];
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JAVA_HOSTILE) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'B', 'z', '0', 'Not', 'exist', ' ', 'Talent') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const anyText = fc.string({ unit, maxLength: 30 });
const RAW_UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/;

describe('Java escaping, for any text', () => {
  it('javaString is a Java string literal of the same text, on one line, without raw unsafe characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = javaString(text);
        expect(literal).not.toMatch(/[\n\r]/);
        expect(literal).not.toMatch(RAW_UNSAFE);
        // javac decodes a `\u` first when an even run of backslashes precedes it: only our own escapes may be such, never a line end, quote or backslash.
        for (const match of literal.matchAll(/(\\+)u/g)) {
          if (match[1]!.length % 2 === 0) continue;
          const hex = literal.slice(match.index + match[1]!.length + 1, match.index + match[1]!.length + 5);
          expect(hex).toMatch(/^[0-9A-F]{4}$/);
          expect(['000A', '000D', '0022', '005C']).not.toContain(hex);
        }
        // The escapes used (\" \\ \n \r \t \uXXXX) mean the same in JSON.
        expect(JSON.parse(literal)).toBe(text);
      }),
      { numRuns: runs(500) },
    );
  });

  it('javadocLines never ends the comment, starts a tag, opens HTML, holds a backslash or a raw unsafe character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const line of javadocLines(text)) {
          expect(line).not.toContain('*/');
          expect(line).not.toMatch(/[@\\<>\n\r]/);
          expect(line).not.toMatch(RAW_UNSAFE);
          expect(line).not.toMatch(/&(?!amp;|lt;|gt;|#64;|#92;|#47;)/);
        }
      }),
      { numRuns: runs(500) },
    );
  });
});

/** Markdown for a cell whose text must read back exactly: ASCII punctuation escaped, line breaks as `<br>`. */
function markdownCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`))
    .join('<br>');
}

const doc = fc.record({
  title: anyText,
  rows: fc.array(fc.record({ code: fc.integer({ min: 1, max: 2147483647 }), message: anyText, description: anyText, suggestion: anyText }), { minLength: 1, maxLength: 8 }),
});

const READ_BACK = `import java.nio.charset.StandardCharsets;
import java.util.Base64;
import hostile.errcodes.FeishuCodeInfo;
import hostile.errcodes.FeishuErrors;

/** Prints every text of every entry, base64 of its UTF-8, so any character survives the pipe. */
public final class ReadBack {
    private ReadBack() {
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        for (FeishuCodeInfo info : FeishuErrors.catalog()) {
            System.out.println(String.join("\\t", info.module(), String.valueOf(info.code()), info.name(), b64(info.message()),
                b64(info.description()), b64(info.suggestion()), b64(info.section())));
        }
    }
}
`;

describe.skipIf(!hasJava && !requireTools)('a batch of random hostile docs, generated as Java', () => {
  const BATCH = 16;
  const docs = fc.sample(doc, { numRuns: BATCH });
  const config = resolveConfig({ targets: ['java'], java: { package: 'hostile.errcodes' } });
  const seeds = docs.map((d, index) => ({
    path: `seeds/random-${index}.md`,
    bytes: new TextEncoder().encode(
      `# ${markdownCell(d.title).replace(/<br>/g, ' ') || 'Title'}\n\n| 错误码 | 错误信息 | 说明 | 排查建议 |\n| --- | --- | --- | --- |\n${d.rows
        .map((row) => `| ${row.code} | ${markdownCell(row.message)} | ${markdownCell(row.description)} | ${markdownCell(row.suggestion)} |`)
        .join('\n')}\n`,
    ),
  }));
  const { catalog, files } = buildCatalog(seeds, { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
  const out = tempDir('feishu-errcodes-java-hostile-');
  for (const file of catalog ? emitAll(catalog, config) : []) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.contents);
  }
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('compiles in one javac -Xlint:all -Xdoclint:all/protected -Werror run, and Java reads back every text exactly', async () => {
    expect(hasJava, 'javac and java (JDK 17) are required in CI').toBe(true);
    expect(files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    expect(catalog?.modules).toHaveLength(BATCH);
    writeFileSync(join(out, 'ReadBack.java'), READ_BACK);
    expect(javac([join(out, 'java')], join(out, 'classes'), [join(out, 'ReadBack.java')])).toBe('');
    const { stdout } = await runJava(join(out, 'classes'), 'ReadBack');
    const b64 = (text: string | undefined) => Buffer.from(text ?? '', 'utf8').toString('base64');
    const expected = [...catalog!.modules]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .flatMap((module) => module.entries.map((entry) => [module.id, entry.code, entry.name, b64(entry.message), b64(entry.description), b64(entry.suggestion), b64(entry.section)].join('\t')));
    expect(stdout.split('\n').filter((line) => line !== '')).toEqual(expected);
  }, 600_000);
});
