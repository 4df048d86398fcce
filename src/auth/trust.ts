// Trust anchors for S/MIME chains: the PEM files a profile names (relative to the profile
// file) plus those given for one run with `--trust-anchor`. A signature proves nothing unless
// its chain ends at one of these, so a file that cannot be read is an error, never skipped.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Certificate } from 'pkijs';
import { CertificateError, parseCertificates } from './certificate.ts';
import type { LoadedProfile } from '../profile/loader.ts';

export class TrustAnchorError extends Error {
  override name = 'TrustAnchorError';
}

const cache = new Map<string, Certificate[]>();

export function loadTrustAnchorFile(path: string): Certificate[] {
  const absolute = resolve(path);
  let anchors = cache.get(absolute);
  if (!anchors) {
    let data: Buffer;
    try {
      data = readFileSync(absolute);
    } catch (error) {
      throw new TrustAnchorError(`${path}: cannot read trust anchor: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      anchors = parseCertificates(new Uint8Array(data), path);
    } catch (error) {
      throw error instanceof CertificateError ? new TrustAnchorError(error.message) : error;
    }
    cache.set(absolute, anchors);
  }
  return anchors;
}

/** The profile's own anchors (paths relative to its file) followed by the run's extra ones. */
export function trustAnchorsFor(profile: LoadedProfile | undefined, extraFiles: string[] = []): Certificate[] {
  const profileFiles = (profile?.smime?.trustAnchors ?? []).map((file) => resolve(dirname(profile!.source), file));
  return [...profileFiles, ...extraFiles].flatMap(loadTrustAnchorFile);
}
