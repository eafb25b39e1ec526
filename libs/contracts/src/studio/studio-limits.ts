/** Limits of the studio features, shared by the gateway's validation and the web app's forms. */
export const COMMENT_BODY_MAX_CHARS = 5000;
/** Comments (replies included) one analysis holds at most, so its list stays a bounded read. */
export const COMMENTS_MAX_PER_ANALYSIS = 1000;
/** Presigned audio GETs live at most this long. */
export const AUDIO_URL_TTL_SEC = 600;
/** Waveform resolutions: the overview has about this many points per channel… */
export const WAVEFORM_OVERVIEW_POINTS = 1000;
/** …and the detail level this many points per second. */
export const WAVEFORM_DETAIL_POINTS_PER_SEC = 100;
export const SHARE_MAX_HOURS = 24 * 30;
export const BATCH_MAX_MIXES = 20;
