/**
 * Splits a byte stream into newline-delimited lines without re-scanning or re-copying what was
 * already seen, so a 10 MB answer costs one concatenation.
 */
export function createLineReader(onLine: (line: string) => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  return (chunk) => {
    let start = 0;
    let newline = chunk.indexOf(10);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      if (line.length > 0) onLine(line.toString("utf8"));
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  };
}
