// Where a record comes from. A source yields what the verifier needs in the order the brief of
// `collegium verify` fixes: a server's state first (so it cannot be from after the entries),
// then the checkpoint of that size, then the entries' lines, in order, in chunks.

export interface ServerState {
  size: number;
  rows: { kind: string; id: string; body: unknown }[];
}

/** A record as its source opens it: the checkpoint, the server's projections if any, and the entries' lines in chunks. */
export interface OpenedRecord {
  /** The signed checkpoint note (possibly with witness cosignature lines). */
  checkpoint: string;
  /** How many entries the source says it holds (for progress and the count check). */
  size: number;
  /** A server's projections at `size`; absent for an export file. */
  state?: ServerState;
  /** The entries' canonical JSON lines, in record order, in chunks. */
  chunks(): AsyncIterable<string[]>;
}

/** Where a record comes from, a server or an export file; it is never trusted, only read. */
export interface RecordSource {
  readonly kind: 'server' | 'file';
  /** The URL or path, for messages. */
  readonly label: string;
  open(): Promise<OpenedRecord>;
}
