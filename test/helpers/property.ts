// fast-check, configured once for every property test. A fixed seed keeps `npm test`
// deterministic (DEVELOPERS.md: deterministic by default), so a CI run never fails on a draw
// another run would not make; `npm run fuzz` searches with fresh seeds and more runs.
// KAKUNIN_PROPERTY_SEED=<n> replays a seed that fast-check printed; `random` draws a new one.
// KAKUNIN_PROPERTY_SCALE multiplies the run counts.
import fc from 'fast-check';

const seedSetting = process.env.KAKUNIN_PROPERTY_SEED ?? '20261124';
if (seedSetting !== 'random') {
  const seed = Number(seedSetting);
  if (!Number.isSafeInteger(seed)) throw new Error(`KAKUNIN_PROPERTY_SEED must be an integer or "random", not ${seedSetting}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}

const scale = Number(process.env.KAKUNIN_PROPERTY_SCALE ?? 1) || 1;

/** fast-check parameters for `n` runs at the configured scale. */
export const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * scale)) });

export { fc };
