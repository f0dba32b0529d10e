/**
 * Table recognition from a report body: HTML <table> elements and tables pasted as text. Both
 * return full rectangular grids (ExtractedTable) for the figure extractor to map to template keys.
 */
export { findHtmlTables, htmlTableToGrid } from './html-table.js';
export { findTextTables, alignTextRows } from './text-table.js';
export { isNumberCell, isValueCell, labelLevel, normalizeCell } from './cells.js';
