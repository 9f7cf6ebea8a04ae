/**
 * How many generated cases each property suite tries: 100 by default (so `npm test` answers in minutes), the full
 * 1,000 with `npm run test:fuzz` (which `.ci/run` runs too), or any count with FUZZ_RUNS=N.
 */
export const FUZZ_RUNS = fuzzRuns(process.env.FUZZ_RUNS);

function fuzzRuns(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a whole number of at least 1, not "${value}"`);
  return runs;
}
