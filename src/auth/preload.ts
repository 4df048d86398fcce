// The authenticity checks load their heavy libraries (mailauth ≈ 0.5 s, pkijs ≈ 0.2 s) on
// first use, so a URL or text check never pays for them. A long-running server calls this
// at start-up so that its first mail is not the one that waits.
import { loadMailauth } from './mail-auth.ts';

export async function preloadAuth(): Promise<void> {
  await Promise.all([loadMailauth(), import('./smime-verify.ts'), import('./trust.ts')]);
}
