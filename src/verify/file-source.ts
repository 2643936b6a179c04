// An export file: JSON Lines, one entry per line, then `{"checkpoint":"<note>"}`. Read as a
// stream so that a record of any length verifies in constant memory.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { invalid, ioError } from './report.js';
import type { OpenedRecord, RecordSource } from './source.js';

const CHUNK = 500;
/** A checkpoint line with a few hundred witness cosignatures still fits. */
const TAIL_BYTES = 256 * 1024;

/** The last non-empty line of the file, read from its end without reading the rest. */
async function lastLine(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
    return lines.at(-1) ?? '';
  } finally {
    await file.close();
  }
}

function checkpointOf(line: string): string {
  try {
    const value = JSON.parse(line) as { checkpoint?: unknown };
    if (typeof value?.checkpoint === 'string') return value.checkpoint;
  } catch {
    // reported below
  }
  throw invalid('the export does not end with a {"checkpoint": …} line', { code: 'record.no_checkpoint' });
}

/** The tree size a checkpoint note states (its second line), before anything is verified. */
function statedSize(note: string): number {
  const size = Number(note.split('\n')[1]);
  if (!Number.isSafeInteger(size) || size < 0) throw invalid('the export’s checkpoint has no valid tree size', { code: 'record.bad_checkpoint' });
  return size;
}

/** An export file (JSON Lines) as a record source, streamed in constant memory. */
export class FileSource implements RecordSource {
  readonly kind = 'file' as const;
  constructor(readonly label: string) {}

  async open(): Promise<OpenedRecord> {
    let tail: string;
    try {
      tail = await lastLine(this.label);
    } catch (error) {
      throw ioError(`cannot read ${this.label}: ${(error as Error).message}`);
    }
    const checkpoint = checkpointOf(tail);
    const path = this.label;
    return {
      checkpoint,
      size: statedSize(checkpoint),
      async *chunks() {
        const stream = createReadStream(path, { encoding: 'utf8' });
        const lines = createInterface({ input: stream, crlfDelay: Infinity });
        let chunk: string[] = [];
        // Every line but the last non-empty one (the checkpoint) is an entry, even a blank one:
        // a blank line where an entry belongs is an entry that is not valid JSON.
        let held: string | null = null;
        let blanks: string[] = [];
        try {
          for await (const line of lines) {
            if (line === '') {
              blanks.push(line);
              continue;
            }
            if (held !== null) {
              chunk.push(held, ...blanks);
              if (chunk.length >= CHUNK) {
                yield chunk;
                chunk = [];
              }
            } else {
              chunk.push(...blanks);
            }
            blanks = [];
            held = line;
          }
        } catch (error) {
          throw ioError(`cannot read ${path}: ${(error as Error).message}`);
        } finally {
          // The verifier stops reading at the first bad entry: let go of the file then too.
          lines.close();
          stream.destroy();
        }
        if (chunk.length > 0) yield chunk;
      },
    };
  }
}
