// A test's reader of server-sent events (WHATWG HTML, "Server-sent events"): the `event`, `id`
// and `data` fields of each block, comments and `retry:` lines skipped, as a browser dispatches them.

export interface SseEvent {
  /** The event's name (`message` when the block names none). */
  event: string;
  id: string;
  data: string;
}

/** The events of a stream's body as they arrive, until it ends; leaving the loop cancels the body. */
export async function* sseEvents(body: NonNullable<Response['body']>): AsyncGenerator<SseEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { event: 'message', id: '', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'event') event.event = value;
          else if (field === 'id') event.id = value;
          else if (field === 'data') event.data = value;
        }
        if (event.data) yield event;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
