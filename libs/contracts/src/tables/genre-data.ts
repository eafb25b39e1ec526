import profileData from './genre-profiles.json' with { type: 'json' };

/** The genre profiles feedback compares a mix against. */
export const GENRE_DATA = profileData;
