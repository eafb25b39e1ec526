import { PLATFORM_DATA as platformData } from '@mixscope/contracts';

/** The streaming and broadcast targets a user can pick: the measurement core's platform table. */
export interface PlatformOption {
  id: string;
  name: string;
  targetLufs: number | null;
}

export const PLATFORM_OPTIONS: PlatformOption[] = platformData.platforms.map(
  ({ id, name, targetLufs }) => ({ id, name, targetLufs }),
);

export const DEFAULT_PLATFORMS = ['spotify', 'apple-music', 'youtube'];
