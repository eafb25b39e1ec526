import { describe, expect, it } from 'vitest';
import { BAND_LABELS, BAND_NAMES, BANDS } from './bands.ts';
import { bandNameSchema } from './band-name-schema.ts';
import profileData from './genre-profiles.json' with { type: 'json' };
import {
  AUTO_GENRE,
  GENRE_CHOICES,
  GENRE_IDS,
  GENRE_PROFILE_DATA,
  genreTableSchema,
  resolveGenreId,
} from './genres.ts';
import { parseTable } from './parse-table.ts';
import { TableError } from './table-error.ts';
import platformData from './platforms.json' with { type: 'json' };
import { PLATFORM_IDS, PLATFORMS, platformTableSchema } from './platforms.ts';

const copy = <T>(value: T): T => structuredClone(value);

/** The message parseTable throws for `data`, or null when it parses. */
function tableProblem(schema: Parameters<typeof parseTable>[1], data: unknown): string | null {
  try {
    parseTable('table.json', schema, data);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(TableError);
    return (error as TableError).message;
  }
}

describe('bands', () => {
  it('are six contiguous bands from 20 Hz to 20 kHz, each with a label', () => {
    expect(BAND_NAMES).toEqual(['sub', 'bass', 'lowMids', 'mids', 'highMids', 'air']);
    expect(BANDS[0].lowHz).toBe(20);
    expect(BANDS.at(-1)!.highHz).toBe(20000);
    BANDS.forEach((band, i) => {
      expect(band.lowHz, band.name).toBeLessThan(band.highHz);
      if (i > 0) expect(band.lowHz, band.name).toBe(BANDS[i - 1].highHz);
      expect(BAND_LABELS[band.name]).toBe(band.label);
    });
    expect(bandNameSchema.safeParse('presence').success).toBe(false);
  });
});

describe('platforms', () => {
  it('parse platforms.json into typed rows with unique ids', () => {
    expect(PLATFORM_IDS).toEqual(PLATFORMS.map((spec) => spec.id));
    expect(PLATFORM_IDS).toContain('spotify');
    expect(new Set(PLATFORM_IDS).size).toBe(PLATFORM_IDS.length);
  });

  it('refuse a malformed table, naming where', () => {
    expect(tableProblem(platformTableSchema, platformData)).toBeNull();
    const typo = copy(platformData) as { platforms: Record<string, unknown>[] };
    typo.platforms[0].normalisation = typo.platforms[0].normalization;
    delete typo.platforms[0].normalization;
    expect(tableProblem(platformTableSchema, typo)).toMatch(/platforms\[0\]/);
    const twice = copy(platformData);
    twice.platforms.push(twice.platforms[0]);
    expect(tableProblem(platformTableSchema, twice)).toMatch(/ids must be unique/);
  });
});

describe('genres', () => {
  it('list auto first, then every profile, with labels', () => {
    expect(GENRE_IDS[0]).toBe(AUTO_GENRE);
    expect(GENRE_IDS.slice(1)).toEqual(GENRE_PROFILE_DATA.map((profile) => profile.id));
    expect(GENRE_CHOICES.find((choice) => choice.id === 'hip-hop')?.label).toBe('Hip-hop');
  });

  it('resolve ids and aliases in any case and spacing; null for anything else', () => {
    expect(resolveGenreId(' Hip Hop ')).toBe('hip-hop');
    expect(resolveGenreId('R&B')).toBe('rnb');
    expect(resolveGenreId('AUTO')).toBe(AUTO_GENRE);
    expect(resolveGenreId('polka')).toBeNull();
  });

  it('refuse an unknown source, an inverted range and a missing band', () => {
    expect(tableProblem(genreTableSchema, profileData)).toBeNull();
    const unknownSource = copy(profileData);
    unknownSource.profiles[0].plrDb.source = 'hearsay';
    expect(tableProblem(genreTableSchema, unknownSource)).toMatch(
      /profiles\[0\]\.plrDb\.source: unknown source "hearsay"/,
    );
    const inverted = copy(profileData);
    inverted.profiles[1].integratedLufs = { ...inverted.profiles[1].integratedLufs, min: 0 };
    expect(tableProblem(genreTableSchema, inverted)).toMatch(/profiles\[1\]\.integratedLufs/);
    const missingBand = copy(profileData) as { profiles: { bandsDb: { bands: object } }[] };
    delete (missingBand.profiles[2].bandsDb.bands as Record<string, unknown>).air;
    expect(tableProblem(genreTableSchema, missingBand)).toMatch(
      /profiles\[2\]\.bandsDb\.bands\.air/,
    );
  });
});
