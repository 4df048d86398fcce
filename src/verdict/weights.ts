// Scoring weights, in one place, like Rspamd's symbol scores: each finding code is worth a
// number of points; some also force a minimum label or count as proof of authenticity.
// The defaults are `weights.yaml` beside this file; `--weights FILE` overlays another file.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const weightSchema = z.union([
  z.number(),
  z
    .object({
      score: z.number(),
      /** The label this finding forces at least, whatever the total. */
      atLeast: z.enum(['suspicious', 'phishing']).optional(),
      /** This finding proves the message is the brand's (valid S/MIME, aligned DKIM+DMARC). */
      proof: z.boolean().optional(),
    })
    .strict(),
]);

export type Weight = { score: number; atLeast?: 'suspicious' | 'phishing'; proof?: boolean };
export type Weights = Map<string, Weight>;

const weightsFileSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'finding codes are UPPER_SNAKE_CASE'), weightSchema);

export function parseWeights(text: string, source: string): Weights {
  const result = weightsFileSchema.safeParse(parseYaml(text) ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${source}: invalid weights: ${problems.join('; ')}`);
  }
  return new Map(Object.entries(result.data).map(([code, w]) => [code, typeof w === 'number' ? { score: w } : w]));
}

const DEFAULT_FILE = join(dirname(fileURLToPath(import.meta.url)), 'weights.yaml');
let defaults: Weights | undefined;

export function defaultWeights(): Weights {
  defaults ??= parseWeights(readFileSync(DEFAULT_FILE, 'utf8'), DEFAULT_FILE);
  return defaults;
}

/** Defaults overlaid with an operator's file: listed codes replace, others keep their default. */
export function loadWeights(file?: string): Weights {
  if (!file) return defaultWeights();
  return new Map([...defaultWeights(), ...parseWeights(readFileSync(file, 'utf8'), file)]);
}
