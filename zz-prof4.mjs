import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { parseDoc } from './dist/parse/parse-doc.js';
const md = readFileSync('test/fixtures/larkoffice-generic-error-code-md-table/input.md', 'utf8');
const md2 = readFileSync('test/fixtures/feishu-generic-error-code-pipe/input.md', 'utf8');
for (let k = 0; k < 3; k++) {
let t = performance.now(); parseDoc(new VFile({ value: md })); console.log('mdtable', performance.now() - t);
t = performance.now(); parseDoc(new VFile({ value: md2 })); console.log('pipe', performance.now() - t);
}
