// The library floor: a bare node that only imports the heavy libraries the pipeline uses.
await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm'), import('ts-morph')]);
