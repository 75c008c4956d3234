/**
 * The JSON-RPC messages in a complete text/event-stream body: each event's `data:` lines joined,
 * events without data (priming events, comments) skipped. Minimal on purpose: the bench reads
 * whole bodies of one POST, never a live stream.
 */
export function sseMessages(body: string): unknown[] {
  const messages: unknown[] = [];
  for (const event of body.split(/\r?\n\r?\n/)) {
    let data: string | undefined;
    for (const line of event.split(/\r?\n/)) {
      if (!line.startsWith("data:")) continue;
      const value = line.slice(line[5] === " " ? 6 : 5);
      data = data === undefined ? value : `${data}\n${value}`;
    }
    if (data !== undefined && data.length > 0) messages.push(JSON.parse(data));
  }
  return messages;
}
