/** Decoded audio: planar 32-bit float channels at the file's native rate and channel count. */
export interface AudioData {
  sampleRate: number;
  /** One array per channel, all the same length. May be backed by SharedArrayBuffer. */
  channels: Float32Array[];
  /** ffmpeg channel labels in channel order, e.g. ['FL','FR','FC','LFE','BL','BR']. */
  channelLabels: string[];
}
