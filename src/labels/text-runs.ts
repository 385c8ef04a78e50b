/**
 * Label text mixes Chinese with Latin letters and digits (`电力电缆 YJV22-8.7/15kV`). The CJK font shipped by Debian
 * (Droid Sans Fallback) has no Latin glyphs at all, so each line is split into runs: characters in WinAnsi (what the
 * PDF standard fonts can show) are set in Helvetica, everything else in the embedded CJK font.
 */
export interface TextRun {
  text: string;
  cjk: boolean;
}

/** The 27 characters WinAnsiEncoding adds to Latin-1 in 0x80-0x9F. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function isWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

export function splitRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const ch of text) {
    const cjk = !isWinAnsi(ch);
    const last = runs.at(-1);
    if (last && last.cjk === cjk) last.text += ch;
    else runs.push({ text: ch, cjk });
  }
  return runs;
}
