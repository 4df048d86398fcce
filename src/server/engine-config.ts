// The engine a server runs, built from settings that are plain data, so that the HTTP thread
// (with --workers 0) and every worker thread build exactly the same engine from them.
import { trustAnchorsFor } from '../auth/trust.ts';
import { createEngine, type Engine } from '../engine.ts';
import { loadProfiles } from '../profile/loader.ts';
import { loadWeights } from '../verdict/weights.ts';
import { UsageError, type ServerSettings } from './options.ts';

export type EngineConfig = Pick<ServerSettings, 'profiles' | 'weights' | 'trustAnchors' | 'trustedHops' | 'authServId' | 'bodyLimit' | 'timeoutMs'>;

export function engineConfig(settings: ServerSettings): EngineConfig {
  const { profiles, weights, trustAnchors, trustedHops, authServId, bodyLimit, timeoutMs } = settings;
  return { profiles, weights, trustAnchors, trustedHops, authServId, bodyLimit, timeoutMs };
}

/** Files named in the config are read now, so a bad one stops start-up with a UsageError
 *  instead of failing every check later. */
export function buildEngine(config: EngineConfig): Engine {
  try {
    const profiles = loadProfiles(config.profiles);
    for (const profile of profiles) trustAnchorsFor(profile, config.trustAnchors);
    return createEngine({
      profiles,
      weights: loadWeights(config.weights || undefined),
      // The engine stops between stages when a message overruns the request's budget.
      limits: { maxMessageBytes: config.bodyLimit, maxMillis: config.timeoutMs },
      auth: {
        trustAnchorFiles: config.trustAnchors,
        trustedHops: config.trustedHops,
        trustedAuthServId: config.authServId || undefined,
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
