/**
 * Change watermarks for followers of a table (the search index): updated_at in UTC to the microsecond, as fixed-width
 * text, so that watermarks compare as strings the way the times compare, and no precision is lost in JavaScript.
 */
export const wmOf = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** SQL for "changed after the watermark in parameter `param`" (a watermark as written by wmOf). */
export const changedAfter = (col: string, param: string) => `${col} > (${param}::timestamp at time zone 'UTC')`;

export const WM_ZERO = '1970-01-01T00:00:00.000000';
