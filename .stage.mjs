import { readFileSync } from 'node:fs';
import { buildCatalog } from './dist/generate.js';
import { TARGETS } from './dist/emit/index.js';
import { resolveConfig } from './dist/config.js';
import { lockText } from './dist/generate.js';
const path = process.argv[2];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const mem = () => (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0) + 'MB';
let t = cpu();
const step = (name) => { const n = cpu(); console.log(name.padEnd(12), (n - t).toFixed(0).padStart(6), 'ms cpu', mem()); t = n; };
const bytes = readFileSync(path);
const config = resolveConfig({});
const { catalog, files } = buildCatalog([{ path: 'seeds/large-v1.md', bytes }], { config, lock: { version: 1, modules: {} }, lockPath: 'x' });
step('parse+norm');
for (const target of TARGETS) { const out = target.emit(catalog, { goModule: 'x' }); step('emit ' + target.name); }
lockText(catalog); step('lock');
