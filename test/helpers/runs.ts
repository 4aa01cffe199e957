/**
 * How many runs a property gets: `base` times FC_RUNS_SCALE (default 1). Pull requests
 * run the base counts; the nightly workflow runs ten times as many, each run from a new
 * seed (printed at the start of the run; FC_SEED replays one).
 */
export function runs(base: number): number {
  const given = process.env['FC_RUNS_SCALE'];
  const scale = given === undefined || given === '' ? 1 : Number(given);
  if (!(scale > 0)) throw new Error(`FC_RUNS_SCALE=${given} is not a number above 0`);
  return Math.max(1, Math.round(base * scale));
}
