import { z } from 'zod';
import { AUDIO_FORMATS } from './audio-formats.ts';

export const audioFormatSchema = z.strictObject({
  container: z.enum(AUDIO_FORMATS.map((format) => format.container)),
  name: z.string(),
  extensions: z.array(z.string()).readonly(),
  contentTypes: z.array(z.string()).readonly(),
});

/** GET /api/uploads/limits: what the gateway accepts, so clients check a file before sending it. */
export const uploadLimitsSchema = z
  .strictObject({
    /** The largest file the gateway takes, in bytes (the gateway's UPLOAD_MAX_BYTES). */
    maxUploadBytes: z.number().int().positive(),
    acceptedFormats: z.array(audioFormatSchema).readonly(),
  })
  .meta({ id: 'UploadLimits' });
export type UploadLimits = z.infer<typeof uploadLimitsSchema>;
