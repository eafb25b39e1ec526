import { z } from 'zod';
import { BAND_NAMES } from './bands.ts';

export const bandNameSchema = z.enum(BAND_NAMES);
