/**
 * The sign of a resumed session's copies (DOMAIN.md section 11): in one file, this many distinct
 * responses or messages on one millisecond. The detectors skip such times (detect/copied-times.ts)
 * and the watch's figures leave them out (watch-tally.ts): one rule, one number.
 */
export const COPIED_STAMP_EVENTS = 3;
