/** The streaming and broadcast targets a user can pick (MEASUREMENT.md, "Streaming targets"). */
export interface PlatformOption {
  id: string;
  name: string;
  targetLufs: number | null;
}

export const PLATFORM_OPTIONS: PlatformOption[] = [
  { id: 'spotify', name: 'Spotify', targetLufs: -14 },
  { id: 'apple-music', name: 'Apple Music', targetLufs: -16 },
  { id: 'youtube', name: 'YouTube', targetLufs: -14 },
  { id: 'amazon-music', name: 'Amazon Music', targetLufs: -14 },
  { id: 'tidal', name: 'Tidal', targetLufs: -14 },
  { id: 'deezer', name: 'Deezer', targetLufs: -15 },
  { id: 'soundcloud', name: 'SoundCloud', targetLufs: null },
  { id: 'ebu-r128', name: 'EBU R128 broadcast', targetLufs: -23 },
  { id: 'aes-td1008', name: 'AES TD1008', targetLufs: -16 },
];

export const DEFAULT_PLATFORMS = ['spotify', 'apple-music', 'youtube'];
