// Minutes of sessions and motion books, from the record (docs/CONGRESS.md "Minutes").
export { MinutesRecord, replayRecord, type EntryRef, type RecordLine, type StageChange } from './record.js';
export { minutesOf, MinutesError, type MinutesOptions } from './minutes.js';
export { renderMinutesMarkdown } from './markdown.js';
export { renderMinutesPdf, standardFontText, type PdfOptions } from './pdf.js';
export { motionBookOf, renderMotionBookPdf, type MotionBook, type MotionBookOptions } from './motion-book.js';
export type * from './model.js';
