import { PLATFORMS, type PlatformSpec } from '@mixscope/contracts';

/** The streaming and broadcast targets a user can pick: the contract's platform table. */
export type PlatformOption = Pick<PlatformSpec, 'id' | 'name' | 'targetLufs'>;

export const PLATFORM_OPTIONS: readonly PlatformOption[] = PLATFORMS;

export const DEFAULT_PLATFORMS = ['spotify', 'apple-music', 'youtube'];
