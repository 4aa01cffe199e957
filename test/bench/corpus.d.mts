/** Types of corpus.mjs (plain JS so that `npm run bench` needs no build step). */
export declare function messageOf(index: number): string;
export declare function makeDoc(options: { id: string; rows: number; firstCode: number; sections?: number }): string;
export declare function writeCorpus(dir: string, options: { docs: number; rowsPerDoc: number; sections?: number }): number;
