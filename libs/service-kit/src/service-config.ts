import { sharedConfigFrom, type SharedConfig, type SharedEnv } from '@mixscope/contracts';
import { queueSettingsFromEnv, type QueueSettingsTable } from '@mixscope/pipeline';

/** What every service's config holds: the shared settings and the queue settings they tune. */
export interface ServiceConfig extends SharedConfig {
  queues: QueueSettingsTable;
}

export function serviceConfigFrom(env: SharedEnv): ServiceConfig {
  return { ...sharedConfigFrom(env), queues: queueSettingsFromEnv(env) };
}
