// The demo organization that `collegium start --demo` seeds into an empty store: a workers'
// cooperative with a few dozen members, the model statute's bodies and two months of history
// (admissions, elections, adopted and rejected resolutions, a vote still open). Every entry is
// a real act signed by a demo member whose key is written to `<data>/demo-keys/`, so a newcomer
// can act as any of them from the command line; the history's entries are stamped with past
// times by setting the sequencer's clock while seeding.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foundingAct } from '../governance/founding-charter.js';
import { MemberSigner } from '../acts/compose.js';
import type { Act } from '../acts/envelope.js';
import { generateKeyPair, type KeyPair } from '../acts/keys.js';
import { MODEL_STATUTE } from '../constitution/model-statute.js';
import { sessions } from '../governance/congress/access.js';
import { sealText } from '../governance/kernel/confidentiality.js';
import { NIGHT_LETTER } from './night-letter.js';
import { invitationHashOf, invitations } from '../governance/membership.js';
import { generateWitnessKey } from '../record/index.js';
import type { Receipt, Rejection, Sequencer } from '../server/sequencer.js';

/** The demo organization's id. */
export const DEMO_ORG = 'valley-coop';

const FOUNDERS = ['Ana Lima', 'Ben Okafor', 'Cai Wen', 'Dora Novak', 'Emil Sørensen'];
const MEMBERS = [
  'Farah Haddad', 'Gustavo Reyes', 'Hana Kobayashi', 'Ivan Petrov', 'Jonas Weber', 'Kofi Mensah', 'Lena Fischer',
  'Mateo Rossi', 'Nadia Benali', 'Olga Ivanova', 'Pablo Ortega', 'Quentin Moreau', 'Rosa Martins', 'Sami Nieminen',
  'Tara Singh', 'Umar Farouk', 'Vera Horvat', 'Wei Zhang', 'Ximena Cruz', 'Yara Santos', 'Zoltan Kiss', 'Alma Berg',
  'Bruno Costa', 'Clara Dubois', 'Dmitri Volkov', 'Elif Yilmaz', 'Femi Adeyemi', 'Greta Lund', 'Hugo Lefebvre',
  'Ines Duarte', 'Jakub Nowak', 'Kirsi Virtanen',
];

/** Members admitted with a one-time invitation: a newcomer enrolls as one of them from a browser. */
const INVITED = ['Noor Rahman', 'Pilar Gómez'];

function idOf(name: string): string {
  return name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
}

interface DemoMember {
  id: string;
  name: string;
  keys: KeyPair;
  signer: MemberSigner;
  keyFile: string;
}

/** Seeds the demo organization's history into an empty store through the sequencer, writing the members' key files under the data folder. */
export async function seedDemo(
  sequencer: Sequencer,
  options: { dataDir: string; log: (line: string) => void },
): Promise<{ org: string; members: { id: string; name: string; keyFile: string }[]; invited: string[] }> {
  const keysDir = join(options.dataDir, 'demo-keys');
  mkdirSync(keysDir, { recursive: true });
  const make = (name: string): DemoMember => {
    const id = idOf(name);
    const keys = generateKeyPair();
    const keyFile = join(keysDir, `${id}.json`);
    writeFileSync(keyFile, JSON.stringify({ member: id, name, ...keys }, null, 2) + '\n', { mode: 0o600 });
    return { id, name, keys, keyFile, signer: new MemberSigner(DEMO_ORG, id, keys) };
  };
  const founders = FOUNDERS.map(make);
  const members = MEMBERS.map(make);
  const everyone = [...founders, ...members];
  const by = (id: string) => everyone.find((m) => m.id === id)!;
  const invited = INVITED.map((name) => ({ id: idOf(name), name, code: randomBytes(16).toString('base64url') }));

  // The history runs from 60 days ago to an hour ago.
  const realClock = sequencer.clock;
  let now = Date.now() - 60 * 86_400_000;
  sequencer.clock = () => new Date(now);
  const at = (days: number) => {
    now += days * 86_400_000;
  };
  const submit = async (act: (issuedAt: Date) => Act): Promise<Receipt> => {
    const result: Receipt | Rejection = await sequencer.submit(act(new Date(now)));
    if (!result.ok) throw new Error(`demo seeding refused: ${result.refusal.code}: ${result.refusal.message}`);
    return result;
  };
  const say = (m: DemoMember, type: string, body: unknown) => submit((issuedAt) => m.signer.act(type, body, { issuedAt }));
  const all = (acts: Promise<Receipt>[]) => Promise.all(acts);

  try {
    const [ana, ben, cai, dora, emil] = founders as [DemoMember, DemoMember, DemoMember, DemoMember, DemoMember];
    const logKey = sequencer.logKey;
    await submit((issuedAt) =>
      foundingAct({
        org: DEMO_ORG,
        name: 'Valley Workers’ Cooperative',
        constitution: MODEL_STATUTE,
        founders: founders.map((f) => ({ id: f.id, name: f.name, keys: f.keys })),
        log: { origin: logKey.origin, verifierKey: logKey.verifierKey },
        seats: { 'central-committee': founders.map((f) => f.id), presidium: [ana.id, ben.id, cai.id], 'control-commission': [dora.id, emil.id] },
        offices: { chair: ana.id, secretary: ben.id, treasurer: cai.id, 'control-chair': dora.id },
        issuedAt,
      }),
    );
    options.log(`founded ${DEMO_ORG} with ${founders.length} founders`);

    // The provisional Central Committee admits the first members.
    at(1);
    const admit = async (proposer: DemoMember, seconder: DemoMember, batch: DemoMember[], votes: [DemoMember, 'yes' | 'no' | 'abstain'][]) => {
      const proposal = await say(proposer, 'motion.propose', {
        body: 'central-committee',
        title: `Admission of ${batch.length} members`,
        text: `The Central Committee admits ${batch.map((m) => m.name).join(', ')} as members of the cooperative.`,
        resolution: { kind: 'membership.admit', members: batch.map((m) => ({ id: m.id, name: m.name, key: m.keys.publicKey })) },
      });
      const motion = `m${proposal.index}`;
      await say(seconder, 'motion.second', { motion });
      await all(votes.map(([m, choice]) => say(m, 'vote.cast', { motion, choice })));
      return { motion, close: () => say(proposer, 'vote.close', { motion }) };
    };
    const first = await admit(ben, cai, members.slice(0, 24), [[ana, 'yes'], [ben, 'yes'], [cai, 'yes'], [dora, 'yes'], [emil, 'abstain']]);
    await first.close();
    at(3);
    const second = await admit(ben, ana, members.slice(24), [[ana, 'yes'], [ben, 'yes'], [cai, 'no'], [dora, 'yes']]);
    at(3);
    await second.close();
    options.log(`admitted ${members.length} members by two resolutions`);


    // The congress (every member) adopts a programme and rejects a fee increase.
    at(2);
    const programme = await say(cai, 'motion.propose', {
      body: 'congress',
      title: 'Programme for the first year',
      text: 'The cooperative commits to open books, a wage ratio of at most 1:3, and a general assembly every six months.',
    });
    const pm = `m${programme.index}`;
    await say(by('farah'), 'motion.second', { motion: pm });
    await all(everyone.slice(0, 30).map((m, i) => say(m, 'vote.cast', { motion: pm, choice: i % 9 === 0 ? 'no' : i % 7 === 0 ? 'abstain' : 'yes' })));
    at(7);
    await say(by('gustavo'), 'vote.close', { motion: pm });

    at(1);
    const fees = await say(by('ivan'), 'motion.propose', { body: 'congress', title: 'Double the membership fee', text: 'The monthly fee rises from 10 to 20.' });
    const fm = `m${fees.index}`;
    await say(by('jonas'), 'motion.second', { motion: fm });
    await all(everyone.slice(3, 28).map((m, i) => say(m, 'vote.cast', { motion: fm, choice: i % 4 === 0 ? 'yes' : 'no' })));
    at(7);
    await say(by('ivan'), 'vote.close', { motion: fm });
    options.log('the congress adopted a programme and rejected a fee increase');

    // The congress elects the Central Committee: nominations, then a vote of every member.
    at(1);
    const call = await say(by('kofi'), 'election.call', { seat: { body: 'central-committee' } });
    const election = `e${call.index}`;
    const standing = ['ana', 'ben', 'cai', 'farah', 'hana', 'kofi', 'lena', 'mateo', 'nadia', 'olga', 'rosa', 'tara'];
    for (const c of standing) await say(by(c), 'election.nominate', { election, candidate: c });
    at(7);
    await say(by('kofi'), 'election.open', { election });
    await all(
      everyone.slice(0, 33).map((m, i) =>
        // A spread of preferences with a clear ninth place, so that every seat is filled.
        say(m, 'election.vote', { election, candidates: standing.filter((_, j) => (i * 5 + j * 3) % 13 < 9 + (j < 3 ? 2 : 0)).slice(0, 9) }),
      ),
    );
    at(7);
    await say(by('kofi'), 'election.close', { election });
    options.log('the congress elected the Central Committee');

    // The new Central Committee names a witness, and a vote is still open today.
    at(2);
    const witness = generateWitnessKey('witness.valley-coop.example');
    writeFileSync(join(keysDir, 'witness.json'), JSON.stringify(witness, null, 2) + '\n', { mode: 0o600 });
    const elected = sequencer.engine.state.elections.get(election)!.elected!;
    const [chairOfSession, seconder] = [by(elected[0]!), by(elected[1]!)];
    const named = await say(chairOfSession, 'motion.propose', {
      body: 'central-committee',
      title: 'Naming a witness of the record',
      text: 'The cooperative asks an independent witness to cosign the checkpoints of its record.',
      resolution: { kind: 'record.witnesses', witnesses: [witness.verifierKey] },
    });
    const wm = `m${named.index}`;
    await say(seconder, 'motion.second', { motion: wm });
    await all(elected.map((m) => say(by(m), 'vote.cast', { motion: wm, choice: 'yes' })));
    await say(chairOfSession, 'vote.close', { motion: wm });

    // The congress elects the Control Commission by single transferable vote (the statute's
    // method for it): called ten days ago, open since yesterday, ballots still coming in.
    now = Date.now() - 10 * 86_400_000;
    const ccCall = await say(by('rosa'), 'election.call', { seat: { body: 'control-commission' } });
    const ccElection = `e${ccCall.index}`;
    const ccStanding = ['pablo', 'quentin', 'sami', 'umar', 'vera'];
    for (const c of ccStanding) await say(by(c), 'election.nominate', { election: ccElection, candidate: c });
    now = Date.now() - 86_400_000;
    await say(by('rosa'), 'election.open', { election: ccElection });
    await all(
      everyone.slice(0, 18).map((m, i) =>
        // Rankings that differ in their order, so that the count transfers votes round by round.
        say(m, 'election.vote', { election: ccElection, candidates: [0, 1, 2, 3, 4].map((j) => ccStanding[(i * 2 + j * (i % 2 ? 3 : 1)) % 5]!).filter((c, k, a) => a.indexOf(c) === k).slice(0, 3 + (i % 3)) }),
      ),
    );
    options.log(`the congress is electing the Control Commission by STV (${ccElection}, 18 ballots so far)`);

    // Two members admitted yesterday with one-time invitations instead of keys: they enroll from a
    // browser (a code expires after the statute's 30 days, so the admission is recent).
    writeFileSync(join(keysDir, 'invitations.json'), JSON.stringify(invited, null, 2) + '\n', { mode: 0o600 });
    const invitation = await say(chairOfSession, 'motion.propose', {
      body: 'central-committee',
      title: `Admission of ${invited.length} members by invitation`,
      text: `The Central Committee admits ${invited.map((m) => m.name).join(' and ')}, who will enroll their keys with their invitations.`,
      resolution: { kind: 'membership.admit', members: invited.map((m) => ({ id: m.id, name: m.name, invitation: invitationHashOf(m.code) })) },
    });
    const im = `m${invitation.index}`;
    await say(seconder, 'motion.second', { motion: im });
    await all(elected.map((m) => say(by(m), 'vote.cast', { motion: im, choice: 'yes' })));
    await say(chairOfSession, 'vote.close', { motion: im });
    options.log(`admitted ${invited.map((m) => m.id).join(' and ')} with one-time invitations`);

    now = Date.now() - 3_600_000;
    const open = await say(by('lena'), 'motion.propose', {
      body: 'congress',
      title: 'Solar panels on the workshop roof',
      text: 'The cooperative invests in solar panels for the workshop roof, financed over five years.',
    });
    await say(by('mateo'), 'motion.second', { motion: `m${open.index}` });
    await all(everyone.slice(0, 12).map((m, i) => say(m, 'vote.cast', { motion: `m${open.index}`, choice: i % 5 === 0 ? 'no' : 'yes' })));
    options.log(`a congress vote is open on motion m${open.index}`);

    // The Central Committee convenes the Autumn Congress for now: Noor presides, Pilar sits on the
    // mandate commission, both enroll from a browser; the delegate list brings a newcomer, Omar,
    // admitted by its adoption with a one-time invitation. A motion waits for the session.
    now += 60_000;
    const convene = async (title: string, resolution: Record<string, unknown>) => {
      const proposal = await say(chairOfSession, 'motion.propose', { body: 'central-committee', title, text: title, resolution });
      const motion = `m${proposal.index}`;
      await say(seconder, 'motion.second', { motion });
      await all(elected.map((m) => say(by(m), 'vote.cast', { motion, choice: 'yes' })));
      return say(chairOfSession, 'vote.close', { motion });
    };
    const [noor, pilar] = invited as [(typeof invited)[number], (typeof invited)[number]];
    const convened = await convene('Convening the Autumn Congress', {
      kind: 'session.convene', body: 'congress', title: 'Autumn Congress', opensAt: new Date(now).toISOString(),
      closed: false, presiding: [noor.id], mandateCommission: [pilar.id],
    });
    const session = `s${convened.index}`;
    const omar = { id: `${session}-d3`, name: 'Omar Haddad', code: randomBytes(16).toString('base64url') };
    const listed = [
      { name: noor.name, member: noor.id, delegation: 'Workshop', region: 'North' },
      { name: pilar.name, member: pilar.id, delegation: 'Kitchen', region: 'South' },
      { name: omar.name, invitation: invitationHashOf(omar.code), delegation: 'Workshop', region: 'North' },
      { name: 'Farah Haddad', member: 'farah', delegation: 'Kitchen', region: 'South' },
      { name: 'Gustavo Reyes', member: 'gustavo', delegation: 'Transport', region: 'East', substitute: true },
    ];
    await convene('Delegates to the Autumn Congress', { kind: 'session.delegates', session, delegates: listed });
    invited.push(omar);
    writeFileSync(join(keysDir, 'invitations.json'), JSON.stringify(invited, null, 2) + '\n', { mode: 0o600 });
    // The Control Commission names the panel of tellers for secret votes (§19.2): the three who run
    // the Autumn Congress from their browsers, so that its secret ballot needs no command line.
    const panel = await say(dora, 'motion.propose', {
      body: 'control-commission',
      title: 'The panel of tellers',
      text: `The Control Commission names ${noor.name}, ${pilar.name} and ${omar.name} tellers of secret votes.`,
      resolution: { kind: 'secret.name-tellers', members: [noor.id, pilar.id, omar.id] },
    });
    await say(emil, 'motion.second', { motion: `m${panel.index}` });
    await all([dora, emil].map((m) => say(m, 'vote.cast', { motion: `m${panel.index}`, choice: 'yes' })));
    await say(dora, 'vote.close', { motion: `m${panel.index}` });
    const fourDays = await say(by('lena'), 'motion.propose', {
      body: 'congress', session, title: 'A four-day working week',
      text: 'The cooperative moves to a four-day working week.\nWages stay as they are.\nThe change starts in spring.',
    });
    await say(by('mateo'), 'motion.second', { motion: `m${fourDays.index}` });
    options.log(`the Autumn Congress (${session}) is convened with ${listed.length} delegates; ${noor.id} presides`);

    // The night session: a closed session of the congress, convened for now; Ana presides, Ben sits
    // on the mandate commission; four delegates, their mandates confirmed. A letter is handed to
    // them: its bytes go to the content store, the agenda lists it under a sealed title, and from
    // then on it leaves the server only by a document.fetch on the record (docs/CONGRESS.md).
    now += 60_000;
    const night = await convene('Convening the night session', {
      kind: 'session.convene', body: 'congress', title: 'Night session of the congress', opensAt: new Date(now).toISOString(),
      closed: true, presiding: [ana.id], mandateCommission: [ben.id],
    });
    const nightSession = `s${night.index}`;
    const nightDelegates = [ana, ben, by('farah'), by('hana')];
    await convene('Delegates to the night session', {
      kind: 'session.delegates', session: nightSession,
      delegates: nightDelegates.map((m, i) => ({ name: m.name, member: m.id, delegation: i % 2 ? 'Kitchen' : 'Workshop', region: i % 2 ? 'South' : 'North' })),
    });
    for (let i = 1; i <= nightDelegates.length; i++) await say(ben, 'mandate.confirm', { session: nightSession, delegate: `${nightSession}/d${i}` });
    await say(ana, 'session.open', { session: nightSession });
    const store = sequencer.store;
    const stored = async (bytes: Uint8Array, mediaType: string, member: string): Promise<string> => {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await store.putContent({ sha256, mediaType, bytes });
      await store.recordUpload({ sha256, member, at: now, bytes: bytes.byteLength });
      return sha256;
    };
    const seal = async (text: string): Promise<string> => {
      const { payload, commitment } = sealText(text, randomBytes(16).toString('base64url'));
      await stored(Buffer.from(payload, 'utf8'), 'application/json', ana.id);
      return commitment;
    };
    const letter = await stored(Buffer.from(NIGHT_LETTER, 'utf8'), 'text/plain', ana.id);
    await say(ana, 'agenda.propose', {
      session: nightSession,
      items: [{ title: await seal('A letter to the congress'), kind: 'item', documents: [{ sha256: letter, title: await seal('Letter to the delegates'), mediaType: 'text/plain' }] }],
    });
    // The delegates check in and adopt the agenda, so the letter is on the adopted agenda.
    for (const m of nightDelegates) await say(m, 'attendance.check-in', { session: nightSession });
    const agendaVote = await say(ana, 'session.vote.open', { session: nightSession, subject: { kind: 'agenda' }, mode: 'open' });
    for (const m of nightDelegates) await say(m, 'session.vote.cast', { vote: `v${agendaVote.index}`, choice: 'yes' });
    await say(ana, 'session.vote.close', { vote: `v${agendaVote.index}` });
    await say(ana, 'session.note', { session: nightSession, text: await seal('The letter is handed to the delegates; the doors are closed.') });
    // The night is over: the session ends; its letter stays kept, and still goes to its delegates by document.fetch.
    await say(ana, 'session.end', { session: nightSession });
    options.log(`the night session (${nightSession}) was held behind closed doors; its letter goes to its ${nightDelegates.length} delegates by document.fetch: collegium fetch ${letter} --key data/demo-keys/farah.json`);
  } finally {
    sequencer.clock = realClock;
  }
  return { org: DEMO_ORG, members: everyone.map((m) => ({ id: m.id, name: m.name, keyFile: m.keyFile })), invited: invited.map((m) => m.id) };
}

/**
 * What to tell a newcomer about a demo store, seeded now or earlier: how to vote on a motion
 * still open, as a demo member who has not voted yet, and how to check the record.
 */
export function demoHints(sequencer: Sequencer, dataDir: string, url: string): string[] {
  const state = sequencer.engine.state;
  const keysDir = join(dataDir, 'demo-keys');
  const lines = [`Demo members' keys are in ${keysDir}/ (one file per member).`];
  const open = [...state.motions.values()].find((m) => m.status === 'voting' && m.body === 'congress');
  const voter = open && [...state.members.values()].find((m) => m.status === 'active' && !state.ballots.has(`${open.id}/${m.id}`));
  if (open && voter) {
    lines.push(
      `Vote on the open motion ${open.id} ("${open.title}") as ${voter.name}:`,
      `  npx collegium act --server ${url} --key ${join(keysDir, `${voter.id}.json`)} vote.cast '{"motion":"${open.id}","choice":"yes"}'`,
    );
  }
  const invitationsFile = join(keysDir, 'invitations.json');
  const invited = existsSync(invitationsFile) ? (JSON.parse(readFileSync(invitationsFile, 'utf8')) as { id: string; name: string; code: string }[]) : [];
  const unused = invited.filter((m) => {
    const invitation = invitations(state).get(m.id);
    // A used or expired code enrolls no one: print only those that still do.
    return invitation !== undefined && invitation.usedAt === undefined && !invitation.contest && (invitation.expiresAt === undefined || invitation.expiresAt > new Date().toISOString()) && state.members.get(m.id)?.status === 'active';
  });
  if (unused.length > 0) {
    lines.push(`Open ${url} in a browser, go to Keys and enroll as an invited member with a one-time code:`);
    for (const m of unused) lines.push(`  member id: ${m.id}  invitation code: ${m.code}   (${m.name})`);
  } else {
    lines.push(`Open ${url} in a browser to follow the organization live and check its record.`);
  }
  const congress = [...sessions(state).values()].find((x) => x.status !== 'ended');
  if (congress) {
    const presiding = congress.presiding.map((m) => state.members.get(m)?.name ?? m).join(', ');
    const commission = congress.mandateCommission.map((m) => state.members.get(m)?.name ?? m).join(', ');
    lines.push(
      `Run the ${congress.title} (${congress.id}) from a browser: enroll as ${presiding}, who presides, in one window,`,
      `and as ${commission} of the mandate commission in a private window; then open ${url}/preside and ${url}/projector?session=${congress.id}.`,
      `For a secret ballot, enroll the list's newcomer too, in a third window: the three of you are its tellers.`,
    );
  }
  if (existsSync(join(keysDir, 'witness.json'))) {
    // The model statute draws a disciplinary panel with the witness's first cosignature of a checkpoint past its seed entry, which the server records (§15.1).
    lines.push(
      "Be the record's witness (run it again after a case's seed entry: the server records its cosignature, and the panel can be drawn with it):",
      `  npx collegium witness --server ${url} --key ${join(keysDir, 'witness.json')} --state ${join(dataDir, 'witness-state.json')}`,
    );
  }
  lines.push(
    'Propose a motion to the congress as Ana Lima:',
    `  npx collegium act --server ${url} --key ${join(keysDir, 'ana.json')} motion.propose '{"body":"congress","title":"A library","text":"The cooperative opens a library."}'`,
    'Check the whole record yourself:',
    `  npx collegium verify ${url}`,
  );
  return lines;
}
