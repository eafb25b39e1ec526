import { z } from 'zod';
import { bandNameSchema } from './band-name-schema.ts';
import profileData from './genre-profiles.json' with { type: 'json' };
import { parseTable } from './parse-table.ts';
import { idTuple } from './table-error.ts';

/** The genre value that asks feedback to pick the profile from the measurements. */
export const AUTO_GENRE = 'auto';

const rangeSchema = z
  .strictObject({ min: z.number(), max: z.number() })
  .refine((range) => range.min < range.max, 'needs min < max');

/** A range whose `source` is a key of the table's `sources`. */
const sourcedRangeSchema = z
  .strictObject({ min: z.number(), max: z.number(), source: z.string() })
  .refine((range) => range.min < range.max, 'needs min < max');

export const genreProfileDataSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id')
    .refine((id) => id !== AUTO_GENRE, `"${AUTO_GENRE}" is reserved`),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  description: z.string().min(1),
  integratedLufs: sourcedRangeSchema,
  plrDb: sourcedRangeSchema,
  dynamicRangeDb: sourcedRangeSchema,
  loudnessRangeLu: sourcedRangeSchema,
  /** Each band's level relative to the whole spectrum (SpectrumBand.db); every band listed. */
  bandsDb: z.strictObject({ source: z.string(), bands: z.record(bandNameSchema, rangeSchema) }),
  widthScore: sourcedRangeSchema,
  lowEndCorrelationMin: z.strictObject({ sub: z.number(), bass: z.number(), source: z.string() }),
  /** Null where tempo says nothing about the genre; used only to pick a profile automatically. */
  tempoBpm: sourcedRangeSchema.nullable(),
});
export type GenreProfileData = z.infer<typeof genreProfileDataSchema>;

/** How a typed genre name is compared with ids and aliases: "Hip Hop" and "hip_hop" read hip-hop. */
export function normaliseGenreName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

export const genreTableSchema = z
  .strictObject({
    version: z.literal(1),
    about: z.string(),
    sources: z.record(z.string(), z.string().min(1)),
    profiles: z.array(genreProfileDataSchema).min(1),
  })
  .superRefine((table, context) => {
    const claimed = new Map<string, string>();
    table.profiles.forEach((profile, index) => {
      const cited = {
        integratedLufs: profile.integratedLufs.source,
        plrDb: profile.plrDb.source,
        dynamicRangeDb: profile.dynamicRangeDb.source,
        loudnessRangeLu: profile.loudnessRangeLu.source,
        bandsDb: profile.bandsDb.source,
        widthScore: profile.widthScore.source,
        lowEndCorrelationMin: profile.lowEndCorrelationMin.source,
        ...(profile.tempoBpm ? { tempoBpm: profile.tempoBpm.source } : {}),
      };
      for (const [field, key] of Object.entries(cited)) {
        if (!(key in table.sources)) {
          context.addIssue({
            code: 'custom',
            path: ['profiles', index, field, 'source'],
            message: `unknown source "${key}"`,
          });
        }
      }
      for (const name of [profile.id, ...profile.aliases].map(normaliseGenreName)) {
        const owner = claimed.get(name);
        if (owner !== undefined && owner !== profile.id) {
          context.addIssue({
            code: 'custom',
            path: ['profiles', index, 'aliases'],
            message: `"${name}" already names ${owner}`,
          });
        }
        claimed.set(name, profile.id);
      }
    });
  });

const GENRE_TABLE = parseTable('genre-profiles.json', genreTableSchema, profileData);

/** Citation text by source key, for the ranges' `source` fields. */
export const GENRE_SOURCES: Readonly<Record<string, string>> = GENRE_TABLE.sources;

/** The genre profiles feedback compares a mix against, as written in genre-profiles.json. */
export const GENRE_PROFILE_DATA: readonly GenreProfileData[] = GENRE_TABLE.profiles;

export interface GenreChoice {
  id: string;
  label: string;
}

/** What a user may pick: auto first, then every profile, with the label to show. */
export const GENRE_CHOICES: readonly GenreChoice[] = [
  { id: AUTO_GENRE, label: 'Auto-detect from the measurements' },
  ...GENRE_PROFILE_DATA.map((profile) => ({ id: profile.id, label: profile.name })),
];

/** The genre ids a request may name ('auto' included), as a tuple for z.enum, @IsIn and the like. */
export const GENRE_IDS = idTuple(
  'genre-profiles.json',
  GENRE_CHOICES.map((choice) => choice.id),
);

/** The genre id a typed name means (an id or alias, any case and spacing, or auto); null if none. */
export function resolveGenreId(name: string): string | null {
  const wanted = normaliseGenreName(name);
  if (wanted === AUTO_GENRE) return AUTO_GENRE;
  const found = GENRE_PROFILE_DATA.find(
    (profile) =>
      profile.id === wanted ||
      profile.aliases.some((alias) => normaliseGenreName(alias) === wanted),
  );
  return found?.id ?? null;
}
