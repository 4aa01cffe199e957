// Every property of the file runs from the run's seed (printed by test/setup/global.ts).
import fc from 'fast-check';
import { inject } from 'vitest';

fc.configureGlobal({ seed: inject('fastCheckSeed') });
