// A recipient's copy of a variant document: the wording the fingerprinting code gives them in
// every slot (code.ts), rendered (markup.ts). This is what the server's delivery function
// (`copyFor`, issue 10 item 4) calls for each `document.fetch`; nothing is stored per copy, since
// the seed held with the document derives the same copy again. `fingerprintDigest` is the
// value a delivery can commit to on the record: SHA-256 over the codeword, bound to the
// document's text and the recipient, so the record shows which copy left without showing it.
// With `marks`, the copy also carries the formatting layer (marks.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { CODE_V1, FingerprintCode, type CodeParameters } from './code.js';
import { addMarks } from './marks.js';
import { parseVariants, render, type VariantDocument } from './markup.js';

export interface Copy {
  recipient: string;
  text: string;
  /** The wording taken in each slot. */
  codeword: number[];
  /** Hex SHA-256 of "collegium/fingerprint/v1/copy\0" ‖ the copy's text ‖ "\0" ‖ the recipient ‖ "\0" ‖ the codeword as bytes. */
  digest: string;
}

/** The fingerprinting code of a document under its seed. */
export function codeFor(document: VariantDocument, seed: Uint8Array, params: CodeParameters = CODE_V1): FingerprintCode {
  return new FingerprintCode(seed, document.slots.map((s) => s.wordings.length), params);
}

export interface CopyOptions {
  /** The document's code, when many copies are made at once. */
  code?: FingerprintCode;
  /** Add the formatting layer too (marks.ts): an invisible tag after each paragraph's first sentence. */
  marks?: boolean;
}

/** Recipient r's copy of the document (markup or parsed). */
export function copyOf(document: string | VariantDocument, seed: Uint8Array, recipient: string, options: CopyOptions = {}): Copy {
  const doc = typeof document === 'string' ? parseVariants(document) : document;
  const codeword = [...(options.code ?? codeFor(doc, seed)).codeword(recipient)];
  const rendered = render(doc, codeword);
  const text = options.marks ? addMarks(rendered, seed, recipient) : rendered;
  return { recipient, text, codeword, digest: fingerprintDigest(text, recipient, codeword) };
}

function fingerprintDigest(text: string, recipient: string, codeword: readonly number[]): string {
  const encoder = new TextEncoder();
  const h = sha256.create();
  h.update(encoder.encode('collegium/fingerprint/v1/copy\0'));
  h.update(encoder.encode(text + '\0' + recipient + '\0'));
  h.update(Uint8Array.from(codeword));
  return bytesToHex(h.digest());
}
