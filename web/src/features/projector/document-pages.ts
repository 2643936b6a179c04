// A document's pages as the hall projector shows them (`projector.show` of kind `document`, whose
// `page` counts from 1). A page of text is what the projector's stage holds at hall size: at most
// PAGE_LINES lines of at most LINE_CHARS characters, long lines wrapped at a space; a form feed
// (U+000C) in the text starts a new page, as in a printed text file, and a Markdown heading is
// not left at a page's foot. Pure: the presiding console
// counts the pages with the same function the projector cuts them with.

/** Lines on a projected page (the stage above the speaker band, at 3.6 % of the screen's height each). */
export const PAGE_LINES = 9;
/** Characters per projected line: about 60, the measure of a readable column. */
export const LINE_CHARS = 60;

/** `line` cut at spaces into pieces of at most `width` characters (a longer word is cut where it must). */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 3 ? space : width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** The text's pages, each its lines joined by "\n"; an empty text is one empty page. */
export function documentPages(text: string): string[] {
  const pages: string[] = [];
  for (const sheet of text.replace(/\r\n?/g, '\n').split('\f')) {
    let lines: string[] = [];
    const flush = () => {
      // A page starts and ends with text: blank lines at a page's edge are dropped.
      while (lines.length > 0 && !lines[0]!.trim()) lines.shift();
      while (lines.length > 0 && !lines[lines.length - 1]!.trim()) lines.pop();
      if (lines.length > 0) pages.push(lines.join('\n'));
      lines = [];
    };
    for (const line of sheet.split('\n')) {
      for (const piece of wrap(line.replace(/\t/g, '  ').trimEnd(), LINE_CHARS)) {
        if (lines.length >= PAGE_LINES) {
          // A Markdown heading at the foot of a full page goes over with the text it heads.
          const last = lines.findLastIndex((l) => l.trim() !== '');
          const carried = last > 0 && /^#{1,6} /.test(lines[last]!) ? lines.splice(last) : [];
          flush();
          lines = carried;
        }
        if (lines.length === 0 && !piece.trim()) continue;
        lines.push(piece);
      }
    }
    flush();
  }
  return pages.length > 0 ? pages : [''];
}
