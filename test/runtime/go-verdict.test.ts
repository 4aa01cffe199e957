/**
 * One code, three modules, three meanings: the Go runtime picks the verdict as the shared
 * policy says (module hint, then live over deprecated, then the HTTP status, then module id),
 * and errors.Is still compares the number on the wire. A generated project, run with go run.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { goEnv, hasGo, makeProject, requireTools, runCli } from '../helpers/tools.js';

const run = promisify(execFile);

const seed = (title: string, message: string) => `---\ntitle: ${title}\n---\n| code | message |\n| --- | --- |\n| 1254001 | ${message} |\n`;
// a-v1 no longer lists 1254001: the lock keeps it, deprecated, as a server error.
const SEEDS = {
  'a-v1.md': '---\ntitle: A\n---\n| code | message |\n| --- | --- |\n| 1254000 | Internal error, please retry later |\n',
  'b-v1.md': seed('B', 'Record already exists'),
  'c-v1.md': seed('C', 'Request trigger frequency limit'),
};
const LOCK = JSON.stringify({ version: 1, modules: { 'a-v1': { '1254001': { name: 'SystemBusy', message: 'System busy, please retry' } } } });

const PROGRAM = `package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"GOMODULE/a"
	"GOMODULE/b"
	"GOMODULE/c"
	"GOMODULE/feishuerr"
)

func show(label string, err error) {
	var e *feishuerr.APIError
	errors.As(err, &e)
	fmt.Println(label, e.Known.Module, e.Category, e.Retryable, e.Retry, errors.Is(err, a.Code(1254001)), errors.Is(err, b.Code(1254001)), errors.Is(err, c.Code(1254001)))
}

func main() {
	body := []byte(\`{"code":1254001,"msg":"x"}\`)
	show("200:", feishuerr.Parse(200, nil, body))
	show("429:", feishuerr.Parse(429, nil, body))
	show("500:", feishuerr.Parse(500, nil, body))
	show("hint a-v1:", feishuerr.ParseModule("a-v1", 200, nil, body))
	show("hint z-v1:", feishuerr.ParseModule("z-v1", 429, nil, body))
	for _, info := range feishuerr.Lookup(1254001) {
		fmt.Println("lookup:", info.Module, info.Category, info.Retry, info.Deprecated)
	}
	for _, module := range []string{"", "c-v1"} {
		calls := 0
		_ = feishuerr.Do(context.Background(), feishuerr.Policy{Module: module}, func(context.Context) error {
			calls++
			return feishuerr.Parse(200, http.Header{"X-Ogw-Ratelimit-Reset": {"0"}}, body)
		})
		fmt.Printf("Do with module %q: %d calls\\n", module, calls)
	}
}
`;

describe('Go: the verdict of a code several modules list', () => {
  it.skipIf(!hasGo && !requireTools)('follows the hint, then live entries, then the status, then module id; errors.Is matches the number', async () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const dir = makeProject(SEEDS, { 'seeds/feishu-errcodes.lock.json': LOCK });
    try {
      const generate = await runCli(['generate'], dir);
      expect(generate.code, generate.stderr).toBe(0);
      const goModule = /^module (\S+)/.exec(readFileSync(join(dir, 'generated/go/go.mod'), 'utf8'))![1]!;
      mkdirSync(join(dir, 'app'));
      writeFileSync(join(dir, 'app/go.mod'), `module example.com/app\n\ngo 1.19\n\nrequire ${goModule} v0.0.0\n\nreplace ${goModule} => ../generated/go\n`);
      writeFileSync(join(dir, 'app/main.go'), PROGRAM.replaceAll('GOMODULE', goModule));
      const program = await run('go', ['run', '.'], { cwd: join(dir, 'app'), env: goEnv(), timeout: 120_000 });
      expect(program.stdout).toBe(
        [
          '200: b-v1 conflict false never true true true',
          '429: c-v1 rate_limit true after_wait true true true',
          '500: b-v1 conflict false never true true true',
          'hint a-v1: a-v1 server true with_backoff true true true',
          'hint z-v1: c-v1 rate_limit true after_wait true true true',
          'lookup: a-v1 server with_backoff true',
          'lookup: b-v1 conflict never false',
          'lookup: c-v1 rate_limit after_wait false',
          'Do with module "": 1 calls',
          'Do with module "c-v1": 3 calls',
          '',
        ].join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
