// The minutes as Markdown: one fixed layout, no clock, so the same entries give the same bytes
// (a reader can diff two copies, or hash them). Each decision ends with its entry of the record:
// "entry 57, leaf 3f2a…" (the full leaf hash, lowercase hex), which `collegium verify` and the
// record's inclusion proofs check.
import type { ChangeLine, DecisionMinute, ElectionMinute, ItemMinutes, Minutes, MotionMinute, NoteMinute, SpeechMinute, VoteMinute } from './model.js';

/** Inline text made safe for Markdown: no line breaks, no accidental emphasis or links. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function day(time: string): string {
  return time.slice(0, 10);
}

/** "2026-03-01 10:02:05 UTC" */
function when(time: string): string {
  return `${time.slice(0, 10)} ${time.slice(11, 19)} UTC`;
}

/** How a proceeding's time is written: the hour alone when the minutes cover one day, else the date too. */
type Clock = (time: string) => string;

/** A duration in seconds as minutes and seconds, e.g. "3 min 05 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

function entryText(d: DecisionMinute): string {
  return d.entry ? `entry ${d.entry.index}, leaf \`${d.entry.leafHash}\`` : 'entry not in the record';
}

/** A decision's annulment in a few words: by which resolution, on which day, at which entry. */
export function annulledNote(a: { by: string; at: string; entry?: { index: number } } | undefined): string {
  if (!a) return 'annulled';
  return `annulled by resolution ${a.by} on ${a.at.slice(0, 10)}${a.entry ? `, entry ${a.entry.index}` : ''}`;
}

function decisionLine(d: DecisionMinute): string {
  const base = `**${inline(d.outcome)}** (${entryText(d)})`;
  if (!d.annulled) return base;
  const a = d.annulled;
  return `~~${inline(d.outcome)}~~ **ANNULLED** by resolution ${a.by} on ${day(a.at)}${a.entry ? ` (entry ${a.entry.index}, leaf \`${a.entry.leafHash}\`)` : ''}: ${inline(a.reason)}. Decided at ${entryText(d)}.`;
}

/** A vote's tally in words. */
export function tallyText(v: VoteMinute): string {
  const t = v.tally;
  const options = v.optionTally ? `; ${Object.entries(v.optionTally).map(([k, n]) => `${k} ${n}`).join(', ')}` : '';
  const weights = v.presentWeight !== undefined ? `; weight present ${v.presentWeight} of ${v.accreditedWeight} accredited` : '';
  const quorum = v.quorumMet === undefined ? '' : v.quorumMet ? '; quorum met' : '; quorum NOT met';
  return `yes ${t.yes}, no ${t.no}, abstain ${t.abstain}${options}; ${v.voted} of ${v.electorate} voted (turnout ${v.turnout})${weights}${quorum}`;
}

/** A vote's rule in words, with its article. */
export function ruleText(v: VoteMinute): string {
  return `${v.rule.majority}${v.rule.quorum ? `, quorum ${v.rule.quorum}` : ''}, statute ${v.rule.article}`;
}

function changeLines(lines: ChangeLine[]): string[] {
  if (lines.length === 0) return [];
  return ['```diff', ...lines.map((l) => `${l.op}${String(l.line).padStart(4)}  ${l.text}`), '```'];
}

function numbered(text: string): string[] {
  const lines = text.split('\n');
  const width = String(lines.length).length;
  return ['```text', ...lines.map((l, i) => `${String(i + 1).padStart(width)}  ${l}`), '```'];
}

function vote(v: VoteMinute, heading: string): string[] {
  const out = [`${heading} Vote ${v.id} on ${inline(v.subject)}${v.mode === 'roll-call' ? ' (roll call)' : v.mode === 'secret' ? ' (secret ballot)' : ''}`, ''];
  out.push(`- Tally: ${tallyText(v)}.`);
  if (v.winner !== undefined) out.push(`- Option chosen: ${v.winner === null ? 'none' : inline(v.winner)}.`);
  out.push(`- Rule: ${ruleText(v)}.`);
  out.push(`- Opened ${when(v.openedAt)}${v.closedAt ? `, closed ${when(v.closedAt)}` : ', still open'}.`);
  if (v.decision) out.push(`- Decision: ${decisionLine(v.decision)}`);
  if (v.ballots && v.ballots.length > 0) {
    out.push('', '| Voter | Delegation | Vote | Weight | Entry |', '| --- | --- | --- | --- | --- |');
    for (const b of v.ballots) out.push(`| ${inline(b.name)} (${b.member}) | ${inline(b.delegation ?? '')} | ${b.choice} | ${b.weight} | ${b.index} |`);
  }
  out.push('');
  return out;
}

/** "lines 3–5", "line 3", or "before line 3" (an insertion). */
export function rangeText(a: { fromLine: number; toLine: number }): string {
  if (a.toLine < a.fromLine) return `before line ${a.fromLine}`;
  return a.toLine === a.fromLine ? `line ${a.fromLine}` : `lines ${a.fromLine}–${a.toLine}`;
}

function motion(m: MotionMinute, withheld: boolean): string[] {
  const out = [`#### Motion ${m.id}: ${inline(m.title)}`, ''];
  out.push(`- Proposed by ${inline(m.proposerName)} (${m.proposer}) on ${when(m.proposedAt)}${m.proposal ? ` (entry ${m.proposal.index}, leaf \`${m.proposal.leafHash}\`)` : ''}.`);
  out.push(`- Supported by: ${m.seconders.length > 0 ? m.seconders.map((s) => `${inline(s.name)} (${s.member})`).join(', ') : 'no one'}.`);
  out.push(`- Resolution: ${m.resolution}. Status: ${m.status}.`);
  out.push('');
  if (m.amendments.length > 0 || m.amendedText !== null) out.push('Text as proposed (version 1):', '');
  if (m.text === null) out.push(`Text withheld (closed session); SHA-256 \`${m.textSha256}\`.`, '');
  else out.push(...numbered(m.text), '');
  for (const a of m.amendments) {
    out.push(`Amendment ${a.id} by ${inline(a.proposerName)} (${a.proposer}) to ${rangeText(a)} of version ${a.version}${a.supporters.length > 0 ? `, supported by ${a.supporters.map((s) => inline(s.name)).join(', ')}` : ''}: ${a.decision ? decisionLine(a.decision) : a.status}`, '');
    if (a.rationale) out.push(`> ${inline(a.rationale)}`, '');
    if (withheld) out.push('Change withheld (closed session).', '');
    else if (a.change.length > 0) out.push(...changeLines(a.change), '');
  }
  if (m.amendedText !== null) out.push('Text as amended:', '', ...numbered(m.amendedText), '');
  if (m.vote) out.push(...vote(m.vote, '#####'));
  if (m.decision) out.push(`Decision on motion ${m.id}: ${decisionLine(m.decision)}`, '');
  else out.push(`Motion ${m.id} is not decided.`, '');
  out.push(...rehabilitation(m));
  return out;
}

const leafText = (e: { index: number; leafHash: string }) => `entry ${e.index}, leaf \`${e.leafHash}\``;

/** An appeal's sanction and its annulment (the member rehabilitated), or what an annulling resolution annuls. */
function rehabilitation(m: MotionMinute): string[] {
  const out: string[] = [];
  if (m.sanction) {
    const s = m.sanction;
    out.push(`Sanction appealed against: the ${inline(s.kind)} of ${inline(s.memberName)} (${s.member}) in case ${s.case}${s.decidedAt ? `, decided at ${leafText(s.decidedAt)}` : ''}.`, '');
    if (s.annulled) {
      const a = s.annulled;
      out.push(`**REHABILITATED**: the ${inline(s.kind)} of case ${s.case} was annulled by resolution ${a.by} on ${day(a.at)}${a.entry ? ` (${leafText(a.entry)})` : ''}: ${inline(a.reason)}. ${inline(s.memberName)} is rehabilitated.`, '');
    }
  }
  if (m.annuls) {
    const d = m.annuls.decidedAt;
    out.push(`This resolution annuls ${inline(m.annuls.what)}${d ? `, decided at ${leafText(d)}` : ''}.`, '');
  }
  return out;
}

function election(e: ElectionMinute): string[] {
  const out = [`#### Election ${e.id}: ${inline(e.seat)}`, ''];
  out.push(`- Method: ${e.method}; statute ${e.article}.`);
  out.push(`- Candidates: ${e.candidates.map((c) => `${inline(c.name)} (${c.member})`).join(', ') || 'none'}.`);
  if (e.ballots !== undefined) out.push(`- Ballots: ${e.ballots} of ${e.electorate} (turnout ${e.turnout}); abstentions ${e.abstentions ?? 0}${e.quorumMet === undefined ? '' : e.quorumMet ? '; quorum met' : '; quorum NOT met'}.`);
  if (e.counts) out.push(`- Votes: ${Object.entries(e.counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([c, n]) => `${inline(c)} ${n}`).join(', ')}.`);
  out.push(`- Elected: ${e.elected.map((p) => `${inline(p.name)} (${p.member})`).join(', ') || 'no one'}.`);
  if (e.rounds.length > 0) {
    out.push('', '| Round | Action | Quota | Elected | Excluded | Votes |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of e.rounds) {
      const votes = Object.entries(r.votes).map(([c, v]) => `${c} ${v}`).join(', ');
      out.push(`| ${r.round} | ${r.action}${r.candidate ? ` (${r.candidate})` : ''} | ${r.quota ?? ''} | ${r.elected.join(', ')} | ${r.excluded.join(', ')} | ${votes} |`);
    }
  }
  out.push('');
  if (e.decision) out.push(`Result of election ${e.id}: ${decisionLine(e.decision)}`, '');
  return out;
}

function speech(s: SpeechMinute, clock: Clock): string {
  return `${clock(s.startedAt)} — ${inline(s.name)} (${inline(s.delegation || '—')})${s.kind === 'speech' ? '' : `, ${s.kind}`}: ${duration(s.seconds)}`;
}

function note(n: NoteMinute, clock: Clock): string {
  const text = n.text === null ? `${clock(n.time)} — *Note withheld (closed session), SHA-256 \`${n.sha256}\`*` : `${clock(n.time)} — *(${inline(n.text)})*`;
  return n.overruled ? `${text} — overruled by resolution ${n.overruled}` : text;
}

function item(it: ItemMinutes, withheld: boolean, heading: string, clock: Clock): string[] {
  const out = [`${heading} ${it.n}. ${inline(it.title)}`, ''];
  if (it.kind !== 'business') out.push(`Kind: ${it.kind}. Status: ${it.status}.`, '');
  if (it.documents.length > 0) {
    out.push('Documents:', '');
    for (const d of it.documents) out.push(`- ${d.title === null ? '*title withheld (closed session)*' : inline(d.title)} (${d.mediaType}), SHA-256 \`${d.sha256}\``);
    out.push('');
  }
  const motions = new Map(it.motions.map((m) => [m.id, m]));
  const votes = new Map(it.votes.map((v) => [v.id, v]));
  const elections = new Map(it.elections.map((e) => [e.id, e]));
  if (it.proceedings.length > 0) {
    out.push('Proceedings:', '');
    for (const p of it.proceedings) {
      if (p.kind === 'speech') out.push(`- ${speech(p.speech, clock)}`);
      else if (p.kind === 'note') out.push(`- ${note(p.note, clock)}`);
      else if (p.kind === 'vote') {
        const v = votes.get(p.vote)!;
        out.push(`- ${clock(p.at)} — Vote ${v.id} on ${inline(v.subject)}: ${v.decision ? decisionLine(v.decision) : 'open'}; ${tallyText(v)}.`);
      } else if (p.kind === 'motion') {
        const m = motions.get(p.motion)!;
        const rehabilitated = m.sanction?.annulled ? ` (sanction since annulled by ${m.sanction.annulled.by}: ${inline(m.sanction.memberName)} rehabilitated)` : '';
        out.push(`- ${clock(p.at)} — Motion ${m.id} (${inline(m.title)}): ${m.decision ? decisionLine(m.decision) : m.status}${rehabilitated}`);
      } else {
        const e = elections.get(p.election)!;
        out.push(`- ${p.at ? `${clock(p.at)} — ` : ''}Election ${e.id}: ${e.decision ? decisionLine(e.decision) : 'not closed'}`);
      }
    }
    out.push('');
  }
  if (Object.keys(it.secondsByDelegation).length > 0) {
    out.push(`Speaking time by delegation: ${Object.entries(it.secondsByDelegation).map(([d, s]) => `${inline(d || '—')} ${duration(s)}`).join(', ')}.`, '');
  }
  for (const m of it.motions) out.push(...motion(m, withheld));
  for (const v of it.votes) if (!motions.has(v.id)) out.push(...vote(v, '####'));
  for (const e of it.elections) out.push(...election(e));
  return out;
}

/** The minutes as Markdown (deterministic: the same Minutes give the same text). */
export function renderMinutesMarkdown(minutes: Minutes): string {
  const days = new Set(minutes.items.concat(minutes.other ?? []).flatMap((it) => it.proceedings.map((p) => p.at.slice(0, 10))).filter(Boolean));
  const clock: Clock = days.size > 1 ? when : (time: string) => when(time).slice(11);
  const out: string[] = [`# ${inline(minutes.org.name)} — ${inline(minutes.title)}`, ''];
  if (minutes.checkpoint) out.push(`Generated from the record at tree size ${minutes.checkpoint.size}, root hash \`${minutes.checkpoint.rootHash}\`.`, '');
  const s = minutes.session;
  if (s) {
    out.push(`## Session ${s.id}`, '');
    out.push(`- Body: ${inline(minutes.body.name)} (${minutes.body.id}).`);
    out.push(`- ${s.closed ? 'Closed session' : 'Public session'}; status ${s.status}.`);
    out.push(`- Convened for ${when(s.opensAt)} by resolution ${s.convenedBy}${s.convening ? ` (entry ${s.convening.index}, leaf \`${s.convening.leafHash}\`)` : ''}.`);
    if (s.openedAt) out.push(`- Opened ${when(s.openedAt)}${s.endedAt ? `, ended ${when(s.endedAt)}` : ''}.`);
    out.push(`- Presiding: ${s.presiding.map((p) => `${inline(p.name)} (${p.member})`).join(', ')}.`);
    out.push(`- Mandate commission: ${s.mandateCommission.map((p) => `${inline(p.name)} (${p.member})`).join(', ')}.`);
    const a = s.attendance;
    out.push(`- Attendance: ${a.present} of ${a.accredited} accredited delegates present (${a.delegates} listed); weight ${a.presentWeight} of ${a.accreditedWeight}; quorum ${a.quorumMet ? 'met' : 'NOT met'} (${a.quorum}).`);
    for (const d of s.agendaAdopted) out.push(`- Agenda: ${decisionLine(d)}`);
    for (const v of s.agendaVotes) out.push(`- Vote ${v.id} on the agenda: ${tallyText(v)}; ${ruleText(v)}.`);
    if (minutes.withheld) out.push('- The contents of this closed session (notes, document titles, texts) are shown only by their SHA-256.');
    out.push('');
  } else {
    out.push(`Body: ${inline(minutes.body.name)} (${minutes.body.id}).${minutes.period?.from || minutes.period?.to ? ` Period: ${minutes.period.from ? day(minutes.period.from) : 'the founding'} to ${minutes.period.to ? day(minutes.period.to) : 'the last entry'}.` : ''}`, '');
  }
  out.push('## Agenda', '');
  if (minutes.items.length === 0) out.push('No agenda was adopted.', '');
  for (const it of minutes.items) out.push(...item(it, minutes.withheld, '###', clock));
  if (minutes.other) out.push(...item(minutes.other, minutes.withheld, '###', clock));
  out.push('## Decisions and their entries', '');
  if (minutes.decisions.length === 0) out.push('No decision was taken.', '');
  else {
    out.push('| Entry | Leaf hash | Decision |', '| --- | --- | --- |');
    for (const d of minutes.decisions) out.push(`| ${d.entry.index} | \`${d.entry.leafHash}\` | ${inline(d.what)}${d.annulled ? ` (${annulledNote(d.annulment)})` : ''} |`);
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
