// Membership of a host in a list of zones (url-reputation.yaml): a listed zone covers itself
// and every name below it, so `x.firebaseapp.com` is in a list that holds `firebaseapp.com`.

/** The listed zone a host belongs to: the host itself or the nearest parent domain listed. */
export function listedZone(host: string, zones: ReadonlySet<string>): string | undefined {
  for (let candidate = host; ; ) {
    if (zones.has(candidate)) return candidate;
    const dot = candidate.indexOf('.');
    if (dot < 0) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}
