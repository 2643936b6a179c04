// The OpenAPI 3.1 description of the HTTP API, written by hand so that it says what each route
// means, not only its shape. Keep it in step with the routes (a test checks every route is here).
const error = { $ref: '#/components/responses/Error' };
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type: 'integer', minimum: 0 } });
const qs = (name: string, description: string) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } });
const p = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

function get(summary: string, ok: object, parameters: object[] = [], tag = 'read models') {
  return { get: { summary, tags: [tag], parameters, responses: { '200': ok, '4XX': error } } };
}
const list = (what: string, parameters: object[] = []) => get(`Every ${what}.`, json(`{items, asOf}`, { $ref: '#/components/schemas/List' }), parameters);
const item = (what: string, param: string) => get(`One ${what}.`, json(`The ${what}, with asOf.`), [p(param, `The ${what}'s id.`)]);

/** The OpenAPI 3.1 document of every route, served at /api/openapi.json. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Collegium',
    version: '0.1.0',
    description: 'The HTTP API of a Collegium server: submit signed acts, read the signed record and its proofs, follow it live, and read the derived state. Every error is JSON {error: {code, message}}; GET /api/refusals lists the codes.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  paths: {
    '/api/acts': {
      post: {
        summary: 'Submit a signed act. Answers once the entry is durably appended, or with the refusal.',
        tags: ['acts'],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Act' } } } },
        responses: { '201': json('The receipt.', { $ref: '#/components/schemas/Receipt' }), '4XX': error, '503': error },
      },
    },
    '/api/acts/types': get('Every act type the engine knows.', json('{items: string[]}'), [], 'acts'),
    '/api/refusals': get('Every error code, with its HTTP status and summary.', json('code → {status, summary}'), [], 'acts'),
    '/api/record/key': get('The log key: checkpoint origin and Ed25519 note verifier key.', json('{origin, verifierKey}'), [], 'record'),
    '/api/record/tiles': get('Where the record is served as C2SP tlog-tiles.', json('{prefix, spec}'), [], 'record'),
    '/api/record/tlog/checkpoint': get(
      'C2SP tlog-tiles: the latest signed checkpoint with its witness cosignatures; cached for 2 seconds.',
      { description: 'The signed note.', content: { 'text/plain': { schema: { type: 'string' } } } },
      [],
      'record',
    ),
    // One route serves every tlog-tiles resource: `<N>` spans a variable number of path elements.
    '/api/record/tlog/tile/*': get(
      'C2SP tlog-tiles under /api/record/tlog/: `tile/<L>/<N>[.p/<W>]`, a tile of W (full: 256) concatenated 32-byte hashes; `tile/entries/<N>[.p/<W>]`, an entry bundle (big-endian uint16 length-prefixed entries, gzip on request). <N> as x001/x234/067. Full ones immutable; 404 record.no_such_tile otherwise.',
      { description: 'The tile or entry bundle.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      [],
      'record',
    ),
    '/api/record/checkpoint': get(
      'A signed checkpoint (C2SP tlog-checkpoint note) with every stored witness cosignature. Immutable when size is given.',
      { description: 'The signed note.', content: { 'text/plain': { schema: { type: 'string' } } } },
      [q('size', 'Tree size; default the latest.')],
      'record',
    ),
    '/api/record/cosigned': get(
      'The first checkpoint of size `from` or more that the witness named `witness` cosigned (C2SP tlog-checkpoint note with every stored cosignature), as a witnessed panel draw presents it; 404 record.not_cosigned if none yet.',
      { description: 'The signed note.', content: { 'text/plain': { schema: { type: 'string' } } } },
      [q('witness', 'The witness key name (the verifier key up to its first "+").', true), q('from', 'The least tree size.', true)],
      'record',
    ),
    '/api/record/entries': get(
      'Entries [start, min(end, start+1000, size)) as stored (canonical JSON, one per line). Header X-Collegium-Size gives the log size.',
      { description: 'NDJSON.', content: { 'application/x-ndjson': { schema: { type: 'string' } } } },
      [q('start', 'First index; default 0.'), q('end', 'End index (exclusive); default the log size.')],
      'record',
    ),
    '/api/record/entries/{index}': get('One entry as stored.', json('The entry {index, time, act}.'), [p('index', 'Entry index.')], 'record'),
    '/api/record/proof/inclusion': get(
      'RFC 9162 inclusion proof of an entry in a tree, with that tree\'s signed checkpoint.',
      json('{index, treeSize, leafHash, proof, checkpoint} (hashes base64)'),
      [q('index', 'Entry index.', true), q('treeSize', 'Tree size; default the latest checkpoint\'s.')],
      'record',
    ),
    '/api/record/proof/consistency': get(
      'RFC 9162 consistency proof between two tree sizes, with both signed checkpoints.',
      json('{size1, size2, proof, checkpoint1 (when a checkpoint was published at size1), checkpoint2}'),
      [q('size1', 'The smaller size (≥ 1).', true), q('size2', 'The larger size; default the latest.')],
      'record',
    ),
    '/api/record/cosignatures': {
      post: {
        summary: 'A named witness submits its cosignature (C2SP tlog-cosignature line without the leading "— ") of a checkpoint. If a witnessed panel draw waits for this witness’s cosignature of a checkpoint holding its seed entry, the server first appends it to the record (`discipline.panel-cosignature`, the entries listed in `recorded`), and only then keeps and serves it.',
        tags: ['record'],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['size', 'line'], properties: { size: { type: 'integer' }, line: { type: 'string' } } } } } },
        responses: { '201': json('Accepted: {witness, size, recorded?}.'), '4XX': error, '503': error },
      },
    },
    '/api/events': (() => {
      const route = get(
        'Server-sent events: each appended entry as `event: entry`, `id: <index>`, `data: <entry JSON>`; with ?view=summary, one `event: summary` per batch, `id: <last index>`, `data: {from, to, types}` (types: count per act type, null when unknown). Resume with Last-Event-ID or ?after=N. A client that does not read is dropped and resumes later.',
        { description: 'An event stream (the body ends when the connection closes).', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        [q('after', 'Send entries after this index first.'), qs('view', '`entries` (the default) or `summary`.')],
        'record',
      );
      // Beyond the caps on live streams (in all, per address): try again after Retry-After.
      return { get: { ...route.get, responses: { ...route.get.responses, '503': error } } };
    })(),
    '/api/org': get('The organization.', json('The organization, with asOf.')),
    '/api/releases': get('The builds of the web app the organization adopted (software.release), each with the SHA-256 of its release.json.', json('{items, asOf}')),
    '/api/constitution': get('The constitution in force, with the list of its versions.', json('{version, adoptedAt, by, constitution, versions, asOf}')),
    '/api/constitution/{version}': item('constitution version', 'version'),
    '/api/members': list('member'),
    '/api/members/{id}': item('member (with their keys, their applications for a new key and their enrollment open to contest)', 'id'),
    '/api/keys': list('registered key'),
    '/api/bodies': list('body'),
    '/api/bodies/{id}': item('body (with its seats and `members`, those sitting now)', 'id'),
    '/api/offices': list('office'),
    '/api/offices/{id}': item('office', 'id'),
    '/api/motions': list('motion', [qs('status', 'Only motions with this status.'), qs('body', 'Only motions of this body.')]),
    '/api/motions/{id}': item('motion (with its ballots and electorate)', 'id'),
    '/api/elections': list('election'),
    '/api/elections/{id}': item('election (with its ballots and electorate)', 'id'),
    '/api/recalls': get('Every recall: its office, subject, body, petition signatures (withdrawn ones marked), status and vote motion, with `needed` (signatures the statute\'s share of the body asks now), `electorate` and `article`.', json('{items, asOf}', { $ref: '#/components/schemas/List' }), [], 'safeguards'),
    '/api/recalls/{id}': get('One recall, with `needed`, `electorate` and `article`.', json('The recall, with asOf.'), [p('id', 'The recall\'s id (r<entry>).')], 'safeguards'),
    '/api/cases': get('Every disciplinary case, whole: charge, evidence hashes, statements and retractions, replies, panel, votes, decision, appeal, annulment.', json('{items, asOf}', { $ref: '#/components/schemas/List' }), [qs('accused', 'Only the cases of this member.')], 'safeguards'),
    '/api/cases/{id}': get('One disciplinary case, whole, with its appeal\'s motion (`appealMotion`) and its entry in the register of rehabilitations (`rehabilitation`).', json('The case, with asOf.'), [p('id', 'The case\'s id (d<entry>).')], 'safeguards'),
    '/api/rehabilitations': get('The public register of rehabilitations, oldest first, and the annulled record entries (`annulments`).', json('{items, annulments, asOf}'), [], 'safeguards'),
    '/api/collective': get('Collective acts: `pending` (gathering co-signatures, not expired) and `completed` (done, failed or expired), each with its co-signatures and expiry.', json('{pending, completed, now, asOf}'), [], 'safeguards'),
    '/api/index': get('The concentration index: computeIndex over the state replayed from the record at its last entry (the figures of `collegium index --json`), with `history`: points {index, at, hhi by body, alerts, acknowledged} recomputed along the record, kept when they change.', json('ConcentrationIndex & {history, historyMethod, asOf}'), [], 'safeguards'),
    '/api/reports/file': {
      post: {
        summary: 'Submit a signed report.file or report.reply with the sealed payloads its commitments name ({act, payloads}), under a statute that restricts who reads reports (docs/REPORTS.md, "Who reads reports"): the act is submitted as by POST /api/acts, and its payloads are stored with no uploader in the commit of its entry, only if it is accepted.',
        tags: ['reports'],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['act', 'payloads'], properties: { act: { $ref: '#/components/schemas/Act' }, payloads: { type: 'array', maxItems: 3, items: { type: 'string' } } } } } } },
        responses: { '201': json('The receipt.', { $ref: '#/components/schemas/Receipt' }), '4XX': error, '503': error },
      },
    },
    '/api/reports': get('Reports from the ground, newest first (docs/REPORTS.md): filter by region and topic; `before` an entry index; at most `limit` (500). Each `sealed` (filed under a restricted `reports.readers`) and `withheld`; a request signed by a reader the statute names gets the sealed texts and figures opened.', json('{items}'), [{ name: 'region', in: 'query', required: false, schema: { type: 'string' } }, { name: 'topic', in: 'query', required: false, schema: { type: 'string' } }, q('before', 'Only reports filed before this entry.'), q('limit', 'At most this many (default 50, at most 500).')], 'reports'),
    '/api/reports/dashboard': get('Per region and indicator, the official figure beside members\' figures (median, range, count, by month), divergence flagged beyond the statute\'s tolerance; unanswered reports; token periods (the figures of `collegium reports --json`).', json('Dashboard'), [{ name: 'region', in: 'query', required: false, schema: { type: 'string' } }], 'reports'),
    '/api/reports/periods': get('Token periods: issuing key, dates, tokens issued and spent, holders.', json('{items}'), [], 'reports'),
    '/api/reports/periods/{period}/key': get('The RFC 9497 POPRF public key this server derives for the period, to name by the collective act `report.token-key`.', json('{period, publicKey, suite, named}'), [p('period', 'The period id, e.g. 2026-q1.')], 'reports'),
    '/api/reports/tokens/{entry}': get('The issuer\'s evaluation of the blinded elements of the `report.tokens` act at this entry, with one DLEQ proof (RFC 9497 BlindEvaluateBatch), evaluated once per entry and the same to every asker; 403 `report.not_in_good_standing` once the member no longer is; 429 `request.rate_limited` past the allowance per address.', json('{period, member, evaluated, proof}'), [p('entry', 'The index of the report.tokens entry.')], 'reports'),
    '/api/reports/anonymity': get('The anonymity set of an anonymous report in a region and period: members who received the period\'s tokens, anonymous reports in the region.', json('{region, period, holders, anonymousInRegion}'), [{ name: 'region', in: 'query', required: true, schema: { type: 'string' } }, { name: 'period', in: 'query', required: true, schema: { type: 'string' } }], 'reports'),
    '/api/reports/{id}': get('One report with its replies (sealed ones opened for a signed request of a reader the statute names, else `withheld`).', json('Report & {replyTexts}'), [p('id', 'The report\'s id (r<entry>).')], 'reports'),
    '/api/secret-votes': list('secret vote (ceremony, tellers, totals once decided — never a choice in clear)'),
    '/api/secret-votes/{id}': item('secret vote, with its ballots (ciphertexts and proofs; superseded ones marked) and its voters', 'id'),
    '/api/units': get('The tree of units (statute §22 of the model): the root (the organization as a whole) first, then every unit with its parent, status, members in good standing placed in it and in its subtree, children, bodies and offices (with holders).', json('{items, asOf}', { $ref: '#/components/schemas/List' }), [], 'federation'),
    '/api/units/{id}': get('One unit: as in the tree, with its roster (members in it and below it, each with the unit they are placed in) and the transfer requests into and out of it.', json('The unit, with asOf.'), [p('id', 'The unit id (root for the organization).')], 'federation'),
    '/api/members/{id}/unit': get('A member\'s unit, since when and by what (admission, transfer, merge), the history of their units and their transfer requests.', json('{member, unit, name, since, by, history, transfers, asOf}'), [p('id', 'The member id.')], 'federation'),
    '/api/conferences': get('Every conference with apportioned seats, oldest first, as its apportionment table.', json('{items, asOf}', { $ref: '#/components/schemas/List' }), [], 'federation'),
    '/api/conferences/{id}/apportionment': get('A conference\'s apportionment: method, seats, minimum, cut-off, and per unit its members at the cut-off, exact quota, seats, delegate weight, election and the delegates and substitutes it elected.', json('The table, with asOf.'), [p('id', 'The conference (its session id, s<index>).')], 'federation'),
    '/api/sessions': get('Every session of a body (congress), oldest first: status, presiding, mandate commission, agenda (and draft), current item, live attendance (accredited, present, weights, quorumMet).', json('{items, asOf}', { $ref: '#/components/schemas/List' }), [], 'congress'),
    '/api/sessions/{id}': get(
      'One session with its delegates, its votes in session (roll-call ones with their ballots), the motions put to a secret vote in session (`secretVotes`: motion, voters, accredited weight, the secret vote called, status), the lists of speakers of its items, the presiding notes and the receipts for its documents. For a closed session, a reader who does not sign the request (Authorization: Collegium …, docs/CONGRESS.md) as one of its delegates or a member of its body gets hashes only: no note text, no document titles.',
      json('{session, delegates | names, votes, secretVotes, speakers, notes, receipts, myWeights?, asOf}'),
      [
        p('id', 'The session\'s id (s<entry>).'),
        { name: 'delegates', in: 'query', required: false, description: '"none" leaves out the delegate list (thousands of rows at a large congress) and gives `names` of the presiding, the speakers and roll-call voters instead.', schema: { type: 'string', enum: ['none'] } },
        { name: 'me', in: 'query', required: false, description: 'A member id: `myWeights` then gives the weight that member casts in each open vote (absent: not entitled).', schema: { type: 'string' } },
      ],
      'congress',
    ),
    '/api/session-votes/{id}/electorate': get('Who may vote in a vote in session and with what weight (own mandate and proxies held), frozen when it opened.', json('{id, weights, asOf}'), [p('id', 'The vote\'s id (v<entry>).')], 'congress'),
    '/api/sessions/{id}/delegates': get(
      'The delegates of a session, in row order, with their mandates, presence and proxies; with `member`, only that member\'s rows.',
      json('{items, asOf}', { $ref: '#/components/schemas/List' }),
      [p('id', 'The session\'s id (s<entry>).'), qs('member', 'Only the rows whose mandate this member holds (member id).')],
      'congress',
    ),
    '/api/amendments': get(
      'Amendments to motions (docs/CONGRESS.md, Amendments), oldest first: the lines replaced, the text, the version of the motion they refer to, the line-numbered diff, supporters and status.',
      json('{items, asOf}', { $ref: '#/components/schemas/List' }),
      [qs('motion', 'Only the amendments to this motion (m<entry>).')],
      'congress',
    ),
    '/api/contents': {
      post: {
        summary: 'Store bytes (a document, a closed session\'s text) by their SHA-256, apart from the record. Signed by a member (Authorization: Collegium …, a signed request over method, path, the body\'s SHA-256, time and nonce: docs/PROTOCOL.md). At most 16 MiB, within the statute\'s daily upload quota (429 content.quota_exceeded; a PUT, whose path names the SHA-256 its signature covers, is checked and its Content-Length set aside from the quota before its body is read); past the process\'s budget of upload bytes read at once, 503 content.busy with Retry-After, unread.',
        tags: ['congress'],
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '201': json('Stored: {sha256, mediaType, size}.'), '200': json('Already stored: {sha256, mediaType, size}.'), '4XX': error },
      },
    },
    '/api/contents/{hash}': {
      get: {
        summary: 'The bytes stored under a SHA-256, with their media type, by the confidentiality model (docs/CONGRESS.md): a closed session\'s document never (403 content.fetch_required: use /api/documents/{hash}/fetch); its other sealed payloads to a signed request of a reader the statute names; content no act refers to only to its uploader; the rest to anyone.',
        tags: ['congress'],
        parameters: [p('hash', 'SHA-256 of the bytes, lowercase hex.')],
        responses: { '200': { description: 'The bytes.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, '4XX': error },
      },
      put: {
        summary: 'Store bytes under their SHA-256, which must be the one in the path; signed as for POST /api/contents.',
        tags: ['congress'],
        parameters: [p('hash', 'SHA-256 of the bytes, lowercase hex.')],
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '201': json('Stored.'), '200': json('Already stored.'), '4XX': error },
      },
    },
    '/api/documents/{hash}/offer': get(
      'For a reader the statute names (a signed request), the commitment to their fingerprinted copy of a closed session\'s document: {document, session, fingerprint, mediaType}. Sign document.fetch with it.',
      json('{document, session, fingerprint, mediaType}'),
      [p('hash', 'SHA-256 of the document, lowercase hex.')],
      'congress',
    ),
    '/api/documents/{hash}/fetch': {
      post: {
        summary: 'Body: the reader\'s signed document.fetch act. The act is appended to the record first; then the answer is the reader\'s fingerprinted copy (X-Collegium-Delivery: the entry\'s index).',
        tags: ['congress'],
        parameters: [p('hash', 'SHA-256 of the document, lowercase hex.')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '200': { description: 'The copy.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, '4XX': error },
      },
    },
    '/api/deliveries': get(
      'The deliveries of closed sessions\' documents the signer of the request may see: their own; all of a session\'s for its presiding members and mandate commission.',
      json('{items, asOf}'),
      [qs('document', 'Only the deliveries of this document (SHA-256).')],
      'congress',
    ),
    '/api/sessions/{id}/minutes.json': get(
      'The minutes of a session as the structured document the Markdown and the PDF render (src/minutes/model.ts): the web app\'s minutes view reads it.',
      json('{org, checkpoint, title, body, session, items, other, decisions, withheld}'),
      [p('id', 'The session\'s id (s<entry>).')],
      'congress',
    ),
    '/api/sessions/{id}/minutes.md': get(
      'The minutes of a session in Markdown, made from the log (not the read models) at the latest checkpoint, named at the top: attendance and quorum, each agenda item with its documents (SHA-256), speakers, motions and amendments, votes (tally, turnout, quorum, article; roll calls by name), elections and notes, and every decision with the index and leaf hash (hex) of its entry. Annulled decisions are shown annulled. A closed session\'s contents are given only as hashes, unless the request is signed (Authorization: Collegium …, docs/CONGRESS.md) by one of its delegates or a member of its body; the same holds for minutes.json and minutes.pdf. Header X-Collegium-Size: the tree size.',
      { description: 'Markdown.', content: { 'text/markdown': { schema: { type: 'string' } } } },
      [p('id', 'The session\'s id (s<entry>).')],
      'congress',
    ),
    '/api/sessions/{id}/minutes.pdf': get(
      'The same minutes as a PDF; every page names the checkpoint (tree size, root hash) and its page number.',
      { description: 'PDF.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
      [p('id', 'The session\'s id (s<entry>).')],
      'congress',
    ),
    '/api/motion-book.pdf': get(
      'The motion book as a PDF: every motion of a session (or of a body) with proposer, supporters, text with line numbers, each amendment as a line-numbered change, status and decision with its entry.',
      { description: 'PDF.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
      [qs('session', 'The session (s<entry>); or give body.'), qs('body', 'A body\'s motions, e.g. congress.')],
      'congress',
    ),
    '/api/state': get('Every projection row and the log size they reflect; collegium verify compares it with its own replay.', json('{size, rows: [{kind, id, body}]}')),
    '/api/openapi.json': get('This document.', json('OpenAPI 3.1'), [], 'meta'),
    '/healthz': get('Liveness: the log size and the storage back end.', json('{ok, size, backend}'), [], 'meta'),
    '/': get('A small HTML page about this organization and its record.', { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } }, [], 'meta'),
  },
  components: {
    responses: {
      Error: json('An error: a stable code and one sentence.', { $ref: '#/components/schemas/Error' }),
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
      List: { type: 'object', required: ['items', 'asOf'], properties: { items: { type: 'array', items: { type: 'object' } }, asOf: { type: 'integer' } } },
      Act: {
        type: 'object',
        required: ['v', 'org', 'type', 'actor', 'key', 'nonce', 'issuedAt', 'body', 'sig'],
        properties: {
          v: { const: 1 }, org: { type: 'string' }, type: { type: 'string' }, actor: { type: 'string' }, key: { type: 'string' },
          nonce: { type: 'string' }, issuedAt: { type: 'string', format: 'date-time' }, body: {}, sig: { type: 'string' },
          cosigs: { type: 'array', items: { type: 'object', properties: { actor: { type: 'string' }, key: { type: 'string' }, sig: { type: 'string' } } } },
        },
        additionalProperties: false,
      },
      Receipt: {
        type: 'object',
        required: ['index', 'time', 'leafHash', 'events', 'checkpoint'],
        properties: { index: { type: 'integer' }, time: { type: 'string' }, leafHash: { type: 'string' }, events: { type: 'array', items: { type: 'object' } }, checkpoint: { type: 'string' } },
      },
    },
  },
} as const;
