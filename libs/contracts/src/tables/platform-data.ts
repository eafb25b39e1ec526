import platformData from './platforms.json' with { type: 'json' };

/** The streaming platforms' loudness targets and peak limits, as published. */
export const PLATFORM_DATA = platformData;
