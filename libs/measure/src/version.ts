export const ANALYZER_VERSION = '0.1.0';
