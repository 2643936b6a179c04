// Reading a delegate list from CSV: columns by name, RFC 4180 quoting, e-mail addresses only as
// hashes, every problem with its line; invitations for newcomers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invite, parseDelegateCsv } from '../../src/governance/congress/delegate-list.js';
import { emailCommitmentOf, textHash } from '../../src/governance/congress/sessions.js';
import { invitationHashOf } from '../../src/governance/membership.js';

test('a list with quoted fields, optional columns in any order, a byte-order mark and CRLF', () => {
  const csv = '\uFEFFName,E-Mail,Delegation,Region,Weight,Substitute,Member\r\n' +
    '"Ana Pérez","Ana@Example.org ",North,"N, upper",2,,ana\r\n' +
    '"Ben ""the elder"" Ode",ben@example.org,North,N,,yes,\r\n' +
    '\r\n' +
    'Cai,cai@example.org,South,S,1,no,\r\n';
  const { delegates, contacts, problems } = parseDelegateCsv(csv);
  assert.deepEqual(problems, []);
  const salt = (row: number) => contacts[row - 1]!.salt;
  assert.deepEqual(delegates, [
    { name: 'Ana Pérez', delegation: 'North', region: 'N, upper', member: 'ana', emailCommitment: emailCommitmentOf(salt(1), 'ana@example.org'), weight: 2, substitute: false },
    { name: 'Ben "the elder" Ode', delegation: 'North', region: 'N', emailCommitment: emailCommitmentOf(salt(2), 'ben@example.org'), weight: 1, substitute: true },
    { name: 'Cai', delegation: 'South', region: 'S', emailCommitment: emailCommitmentOf(salt(3), 'cai@example.org'), weight: 1, substitute: false },
  ]);
  assert.ok(!JSON.stringify(delegates).includes('@'), 'no address in the rows');
  assert.deepEqual(contacts.map((c) => [c.row, c.email]), [[1, 'Ana@Example.org'], [2, 'ben@example.org'], [3, 'cai@example.org']]);
  assert.equal(new Set(contacts.map((c) => c.salt)).size, 3, 'a fresh 16-byte salt per row');
  for (const c of contacts) assert.match(c.salt, /^[0-9a-f]{32}$/);
});

test('attack: a list of candidate addresses confirms no e-mail from the record (salted commitments, salt off the record)', () => {
  const { delegates, contacts } = parseDelegateCsv('name,email,delegation,region\nAna,ana.perez@example.org,North,N\nBen,ben@example.org,South,S\n');
  const onRecord = delegates.map((d) => d.emailCommitment!);
  // The attacker has a list of likely addresses (the members' directory, a leaked mailing list)
  // and the record: hashing the candidates, alone or with anything the record holds, matches nothing.
  const candidates = ['ana.perez@example.org', 'ben@example.org', 'cai@example.org', 'Ana.Perez@Example.org'];
  const recordText = JSON.stringify(delegates);
  for (const c of candidates) {
    assert.ok(!onRecord.includes(textHash(c)), `unsalted SHA-256 of ${c} is not on the record`);
    assert.ok(!onRecord.includes(textHash(c.toLowerCase())));
    for (const d of delegates) assert.ok(!recordText.includes(contacts[delegates.indexOf(d)]!.salt), 'the salt is not on the record');
  }
  // Only the member, holding their salt, can show the address is theirs.
  assert.equal(emailCommitmentOf(contacts[0]!.salt, 'ana.perez@example.org'), onRecord[0]);
  // A list read again with the member's kept salt (the `salt` column) commits to the same value.
  const again = parseDelegateCsv(`name,email,delegation,region,salt\nAna,ana.perez@example.org,North,N,${contacts[0]!.salt}\n`);
  assert.equal(again.delegates[0]!.emailCommitment, onRecord[0]);
  assert.deepEqual(parseDelegateCsv('name,email,delegation,region,salt\nAna,a@x.org,N,N,nothex\n').problems, [{ line: 2, message: 'the salt "nothex" is not 32 hexadecimal digits' }]);
});

test('problems are reported with their line; a missing column stops the reading', () => {
  assert.deepEqual(parseDelegateCsv('name,delegation,region\nAna,N,N\n').problems, [{ line: 1, message: 'the column "e-mail" is missing' }]);
  const { problems } = parseDelegateCsv(
    'name,email,delegation,region,member,weight,substitute\n' +
      ',a@x.org,N,N,,,\n' +
      'Ben,not-an-address,N,N,,,\n' +
      'Cai,c@x.org,N,N,Bad Id,0,maybe\n' +
      'Dan,d@x.org,N,N,dan,,\n' +
      'Dan again,D@x.org,N,N,dan,,\n',
  );
  assert.deepEqual(problems, [
    { line: 2, message: 'no name' },
    { line: 3, message: '"not-an-address" is not an e-mail address' },
    { line: 4, message: 'the weight "0" is not a whole number from 1 to 1000' },
    { line: 4, message: 'substitute "maybe" is neither yes nor no' },
    { line: 4, message: 'the member id "Bad Id" is not valid (a-z, 0-9, ".", "_", "-")' },
    { line: 6, message: 'dan is already listed on line 5' },
    { line: 6, message: 'D@x.org is already listed on line 5' },
  ]);
  assert.deepEqual(parseDelegateCsv('name,email,delegation,region\n').problems, [{ line: 0, message: 'the list has no delegates' }]);
  assert.equal(parseDelegateCsv('name,email,delegation,region\n"Ana,a@x.org,N,N\n').problems.length > 0, true, 'an unclosed quote');
});

test('invite: each row that names no existing member gets a one-time code, the list its hash', () => {
  const { delegates } = parseDelegateCsv('name,email,delegation,region,member\nAna,a@x.org,N,N,ana\nNew,n@x.org,N,N,\nZed,z@x.org,S,S,zed\n');
  let n = 0;
  const { delegates: rows, invitations } = invite('s12', delegates, (id) => id === 'ana', () => `code-${++n}-0123456789abcdef`);
  assert.deepEqual(invitations, [
    { row: 2, member: 's12-d2', code: 'code-1-0123456789abcdef' },
    { row: 3, member: 'zed', code: 'code-2-0123456789abcdef' },
  ]);
  assert.equal(rows[0]!.invitation, undefined);
  assert.equal(rows[1]!.invitation, invitationHashOf('code-1-0123456789abcdef'));
  assert.equal(rows[2]!.invitation, invitationHashOf('code-2-0123456789abcdef'));
});
