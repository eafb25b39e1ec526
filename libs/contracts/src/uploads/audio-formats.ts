/**
 * The audio formats MixScope takes as uploads: one row per container the signature check
 * recognises, with the names people know it by, its file extensions and the content types a
 * client may declare for it (the first is the one to declare). The web app's file picker and
 * checks, the gateway's checks and GET /api/uploads/limits all read this table.
 */
export const AUDIO_FORMATS = [
  {
    container: 'wav',
    name: 'WAV',
    extensions: ['wav', 'wave', 'bwf', 'rf64'],
    contentTypes: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  },
  {
    container: 'flac',
    name: 'FLAC',
    extensions: ['flac'],
    contentTypes: ['audio/flac', 'audio/x-flac', 'application/flac', 'application/x-flac'],
  },
  {
    container: 'mp3',
    name: 'MP3',
    extensions: ['mp3', 'mp2'],
    contentTypes: ['audio/mpeg', 'audio/mp3'],
  },
  {
    container: 'ogg',
    name: 'OGG',
    extensions: ['ogg', 'oga', 'opus'],
    contentTypes: ['audio/ogg', 'audio/opus', 'application/ogg'],
  },
  {
    container: 'mp4',
    name: 'M4A',
    extensions: ['m4a', 'mp4', 'm4b'],
    contentTypes: ['audio/mp4', 'audio/x-m4a', 'audio/m4a'],
  },
  {
    container: 'aiff',
    name: 'AIFF',
    extensions: ['aif', 'aiff', 'aifc'],
    contentTypes: ['audio/aiff', 'audio/x-aiff'],
  },
  { container: 'aac', name: 'AAC', extensions: ['aac'], contentTypes: ['audio/aac', 'audio/aacp'] },
  {
    container: 'matroska',
    name: 'Matroska/WebM',
    extensions: ['mka', 'webm'],
    contentTypes: ['audio/webm', 'audio/x-matroska'],
  },
  { container: 'asf', name: 'WMA', extensions: ['wma'], contentTypes: ['audio/x-ms-wma'] },
  { container: 'caf', name: 'CAF', extensions: ['caf'], contentTypes: ['audio/x-caf'] },
  {
    container: 'wavpack',
    name: 'WavPack',
    extensions: ['wv'],
    contentTypes: ['audio/wavpack', 'audio/x-wavpack'],
  },
  {
    container: 'ape',
    name: "Monkey's Audio",
    extensions: ['ape'],
    contentTypes: ['audio/ape', 'audio/x-ape'],
  },
  { container: 'tta', name: 'TTA', extensions: ['tta'], contentTypes: ['audio/x-tta'] },
  {
    container: 'musepack',
    name: 'Musepack',
    extensions: ['mpc'],
    contentTypes: ['audio/musepack', 'audio/x-musepack'],
  },
  { container: 'amr', name: 'AMR', extensions: ['amr'], contentTypes: ['audio/amr'] },
  { container: 'au', name: 'AU', extensions: ['au', 'snd'], contentTypes: ['audio/basic'] },
  {
    container: 'dsf',
    name: 'DSF',
    extensions: ['dsf'],
    contentTypes: ['audio/dsf', 'audio/x-dsf'],
  },
  {
    container: 'dff',
    name: 'DSDIFF',
    extensions: ['dff'],
    contentTypes: ['audio/dff', 'audio/x-dff'],
  },
] as const satisfies readonly {
  container: string;
  name: string;
  extensions: readonly string[];
  contentTypes: readonly string[];
}[];

export type AudioFormat = (typeof AUDIO_FORMATS)[number];
/** What the signature check says a file is; stored on the upload as its container. */
export type AudioContainer = AudioFormat['container'];

/** The formats people know best, named first wherever the accepted formats are listed. */
export const COMMON_AUDIO_FORMAT_NAMES: readonly string[] = AUDIO_FORMATS.slice(0, 6).map(
  (format) => format.name,
);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The format a file name's extension stands for, if it is one of the accepted ones. */
export function audioFormatForFileName(fileName: string): AudioFormat | undefined {
  const extension = extensionOf(fileName);
  return AUDIO_FORMATS.find((format) =>
    (format.extensions as readonly string[]).includes(extension),
  );
}

/** Types outside audio/* that the table lists (application/ogg, application/flac, ...). */
const NON_AUDIO_PREFIX_TYPES: ReadonlySet<string> = new Set(
  AUDIO_FORMATS.flatMap((format) => format.contentTypes).filter(
    (type) => !type.startsWith('audio/'),
  ),
);

/**
 * Whether a declared Content-Type is an audio type: any well-formed audio/* type (the signature
 * check is the real gate), or one of the table's other types. Parameters such as `; codecs=` are
 * ignored.
 */
export function isAudioContentType(contentType: string): boolean {
  const type = contentType.split(';')[0].trim().toLowerCase();
  return /^audio\/[a-z0-9][a-z0-9.+-]*$/.test(type) || NON_AUDIO_PREFIX_TYPES.has(type);
}

/**
 * The Content-Type to declare for a file: the one the browser or OS reported if it is an audio
 * type, else the table's type for the file's extension (browsers report .mp4 as video/mp4 and
 * many report nothing for .flac), else what was reported.
 */
export function contentTypeForUpload(fileName: string, reportedType: string): string {
  if (isAudioContentType(reportedType)) return reportedType;
  return (
    audioFormatForFileName(fileName)?.contentTypes[0] ??
    (reportedType || 'application/octet-stream')
  );
}
