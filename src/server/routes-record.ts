// The record's read paths: key, checkpoints (with witnesses' cosignatures), entries exactly as
// stored, inclusion and consistency proofs, and the cosignature drop-box for witnesses. Paths
// for a fixed size are immutable, so mirrors and CDNs may cache them for good. Proofs are
// RFC 9162 §2.1.3 (inclusion) and §2.1.4 (consistency); checkpoints are C2SP tlog-checkpoint
// notes, and a witness's line is a C2SP tlog-cosignature, checked before it is kept;
// the same record as static C2SP tlog-tiles is in routes-tiles.ts.
import type { Context, Hono } from 'hono';
import { toBase64 } from '../acts/encoding.js';
import { parseNote, proveConsistency, proveInclusion, verifyCosignature, newWitnessVerifier, type NoteSignature } from '../record/index.js';
import type { AppContext } from './context.js';
import { readUpTo, recordDrawCosignatures, removedDrawWitness } from './panel-cosignatures.js';
import { limitAddress } from './request-limits.js';
import { fail, queryInt, readJsonBody, type JsonBodyRefusals } from './http.js';
import { tileRoutes } from './routes-tiles.js';

const MAX_ENTRIES = 1000;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A cosignature is `{size, line}` with a line of at most 1,000 characters. */
const MAX_COSIGNATURE_BYTES = 4096;
const COSIGNATURE_BODY_REFUSALS: JsonBodyRefusals = {
  tooLarge: { code: 'request.too_large', message: `A cosignature is at most ${MAX_COSIGNATURE_BYTES} bytes of JSON {size, line}.` },
  malformed: { code: 'request.invalid_body', message: 'The body must be JSON {size, line}.' },
};

/** Parses a C2SP signature line (without the leading "— ") into a note signature; null if malformed. */
function parseSignatureLine(checkpointBody: string, line: string): NoteSignature | null {
  if (typeof line !== 'string' || line.includes('\n')) return null;
  try {
    // Parsing it as the lone signature of a note reuses the record library's exact line grammar.
    return parseNote(`${checkpointBody}\n\u2014 ${line}\n`).signatures[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The signed checkpoint of `size` (latest if undefined), or null if none was published at that
 * size. An explicit size is only ever read from the store: signing on request would let anyone
 * make the server sign and keep a checkpoint for every size they ask.
 */
async function checkpointOf(ctx: AppContext, size?: number): Promise<{ size: number; note: string } | null> {
  if (size !== undefined) return ctx.store.checkpoint(size);
  try {
    return await ctx.sequencer.checkpoint();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function noSize(c: Context, size: number | undefined): Response {
  return fail(c, 404, 'record.no_such_size', `The log has no tree of size ${size}.`);
}

/** Adds the record's read routes and the witnesses' cosignature drop-box. */
export function recordRoutes(app: Hono, ctx: AppContext): void {
  app.get('/api/record/key', (c) => c.json({ origin: ctx.logKey.origin, verifierKey: ctx.logKey.verifierKey }));
  tileRoutes(app, ctx);

  app.get('/api/record/checkpoint', async (c) => {
    const size = queryInt(c.req.query('size'));
    if (size === null) return fail(c, 400, 'request.invalid_query', 'size must be a non-negative integer.');
    const checkpoint = await checkpointOf(ctx, size);
    if (!checkpoint) return noSize(c, size);
    const cosigs = await ctx.store.cosignatures(checkpoint.size);
    // C2SP notes list every signature after the blank line; cosignatures are more of them.
    const text = checkpoint.note + cosigs.map((s) => `\u2014 ${s.line}\n`).join('');
    c.header('Cache-Control', size === undefined ? 'no-cache' : IMMUTABLE);
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(text);
  });

  // The first checkpoint at or past a size that a given witness cosigned: what a witnessed panel
  // draw presents (docs/SAFEGUARDS.md §4), since the latest checkpoint may have grown past the
  // witness's last visit. The caller checks the cosignature itself; this only finds it.
  app.get('/api/record/cosigned', async (c) => {
    const from = queryInt(c.req.query('from'));
    const witness = c.req.query('witness');
    if (from === null || from === undefined || typeof witness !== 'string' || witness.length === 0 || witness.length > 200) {
      return fail(c, 400, 'request.invalid_query', 'witness (a witness key name) and from (a tree size) are required.');
    }
    const size = await ctx.store.firstCosigned(witness, from);
    const checkpoint = size === null ? null : await ctx.store.checkpoint(size);
    if (size === null || !checkpoint) return fail(c, 404, 'record.not_cosigned', `The witness ${witness} has cosigned no checkpoint of size ${from} or more yet.`);
    const cosigs = await ctx.store.cosignatures(size);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(checkpoint.note + cosigs.map((s) => `\u2014 ${s.line}\n`).join(''));
  });

  app.get('/api/record/entries', async (c) => {
    const start = queryInt(c.req.query('start'));
    const end = queryInt(c.req.query('end'));
    if (start === null || end === null) return fail(c, 400, 'request.invalid_query', 'start and end must be non-negative integers.');
    const size = await ctx.store.size();
    const from = start ?? 0;
    const to = Math.min(end ?? size, from + MAX_ENTRIES, size);
    if (end !== undefined && end < from) return fail(c, 400, 'request.invalid_query', 'end must not be before start.');
    const entries = to > from ? await ctx.store.entries(from, to) : [];
    c.header('X-Collegium-Size', String(size));
    c.header('Content-Type', 'application/x-ndjson');
    // Exactly the stored bytes: a verifier must see a corrupted row as it is, to name it.
    return c.body(entries.map((e) => e.json + '\n').join(''));
  });

  app.get('/api/record/entries/:index', async (c) => {
    const index = queryInt(c.req.param('index'));
    if (index === null || index === undefined) return fail(c, 400, 'request.invalid_query', 'The entry index must be a non-negative integer.');
    const [entry] = await ctx.store.entries(index, index + 1);
    if (!entry || entry.index !== index) return fail(c, 404, 'record.no_such_entry', `The log has no entry ${index}.`);
    c.header('Content-Type', 'application/json');
    c.header('Cache-Control', IMMUTABLE);
    return c.body(entry.json);
  });

  app.get('/api/record/proof/inclusion', async (c) => {
    const index = queryInt(c.req.query('index'));
    const given = queryInt(c.req.query('treeSize'));
    if (index === null || index === undefined || given === null) {
      return fail(c, 400, 'request.invalid_query', 'index (required) and treeSize must be non-negative integers.');
    }
    const checkpoint = await checkpointOf(ctx, given);
    if (!checkpoint) return noSize(c, given);
    const treeSize = checkpoint.size;
    if (index >= treeSize) return fail(c, 400, 'record.index_out_of_range', `Entry ${index} is not in the tree of size ${treeSize}.`);
    const [entry] = await ctx.store.entries(index, index + 1);
    if (!entry) return fail(c, 404, 'record.no_such_entry', `The log has no entry ${index}.`);
    const proof = await proveInclusion(index, treeSize, (ix) => ctx.store.readHashes(ix));
    if (given !== undefined) c.header('Cache-Control', IMMUTABLE);
    return c.json({ index, treeSize, leafHash: toBase64(entry.leafHash), proof: proof.map(toBase64), checkpoint: checkpoint.note });
  });

  app.get('/api/record/proof/consistency', async (c) => {
    const size1 = queryInt(c.req.query('size1'));
    const given = queryInt(c.req.query('size2'));
    if (size1 === null || size1 === undefined || given === null) {
      return fail(c, 400, 'request.invalid_query', 'size1 (required) and size2 must be non-negative integers.');
    }
    const second = await checkpointOf(ctx, given);
    if (!second) return noSize(c, given);
    if (size1 < 1 || size1 > second.size) {
      return fail(c, 400, 'request.invalid_query', `size1 must be between 1 and size2 (${second.size}).`);
    }
    // A proof needs no signature, so it is served from any size; the first checkpoint comes
    // along only where the log published one at that size (none is signed on demand).
    const first = await checkpointOf(ctx, size1);
    const proof = await proveConsistency(size1, second.size, (ix) => ctx.store.readHashes(ix));
    if (given !== undefined) c.header('Cache-Control', IMMUTABLE);
    return c.json({ size1, size2: second.size, proof: proof.map(toBase64), ...(first ? { checkpoint1: first.note } : {}), checkpoint2: second.note });
  });

  app.post('/api/record/cosignatures', async (c) => {
    const flooding = await limitAddress(ctx, c, 'witness.address');
    if (flooding) return flooding;
    const read = await readJsonBody(c, MAX_COSIGNATURE_BYTES, COSIGNATURE_BODY_REFUSALS);
    if (read instanceof Response) return read;
    const input = read.value;
    const { size, line } = (typeof input === 'object' && input !== null ? input : {}) as { size?: unknown; line?: unknown };
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || typeof line !== 'string' || line.length > 1000) {
      return fail(c, 400, 'request.invalid_body', 'The body must be JSON {size: integer, line: signature line without its leading "— "}.');
    }
    const checkpoint = await checkpointOf(ctx, size);
    if (!checkpoint) return noSize(c, size);
    const body = parseNote(checkpoint.note).text;
    const sig = parseSignatureLine(body, line);
    if (!sig) return fail(c, 422, 'record.bad_cosignature', 'The line is not a signed-note signature line ("<key name> <base64>").');
    if (!(await readUpTo(ctx, size))) {
      return fail(c, 503, 'server.unavailable', `This server has not yet read the record up to the checkpoint of size ${size}; the cosignature was not kept. Try again.`);
    }
    const witnesses = ctx.sequencer.engine.state.org?.witnesses ?? [];
    const signedBy = (w: string): boolean => {
      try {
        const v = newWitnessVerifier(w);
        return v.name === sig.name && v.keyHash >>> 0 === sig.keyHash;
      } catch {
        return false;
      }
    };
    // A witness removed while a draw waits for it still seeds that draw: only the draw takes its cosignature.
    const named = witnesses.find(signedBy);
    const key = named ?? removedDrawWitness(ctx, signedBy);
    const unknown = () => fail(c, 403, 'record.unknown_witness', `"${sig.name}" is not one of the witnesses the organization named (statute: record.witnesses).`);
    if (!key) return unknown();
    if (!verifyCosignature(body, sig, key).ok) {
      return fail(c, 422, 'record.bad_cosignature', `The cosignature by ${sig.name} does not verify over the checkpoint of size ${size}.`);
    }
    // A draw waiting on this witness gets the cosignature on the record before any route serves it.
    const recorded = await recordDrawCosignatures(ctx, { checkpoint: body, line, witness: key });
    if (recorded.failed) return fail(c, 503, 'server.unavailable', 'The record could not be appended to just now; the cosignature was not kept. Try again.');
    if (!named) return recorded.entries.length > 0 ? c.json({ witness: sig.name, size, recorded: recorded.entries }, 201) : unknown();
    await ctx.store.addCosignature({ witness: sig.name, size, line });
    return c.json({ witness: sig.name, size, ...(recorded.entries.length > 0 ? { recorded: recorded.entries } : {}) }, 201);
  });
}
