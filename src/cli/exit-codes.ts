// Exit codes of the `kakunin` command (README "Exit codes"). Verdict codes are ordered so that
// several inputs exit with the worst one; errors use the sysexits.h numbers.
import type { Label } from '../verdict/verdict.ts';

export const EXIT_FOR_LABEL: Record<Label, number> = { genuine: 0, unverified: 1, suspicious: 2, phishing: 3 };
export const EXIT_USAGE = 64;
export const EXIT_INPUT = 65;
export const EXIT_INTERNAL = 70;
