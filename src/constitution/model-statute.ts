// The model statute: the constitution an organization gets unless its founders write their own.
// docs/STATUTE.md explains it in plain words; keep the two in step.
import type { Constitution } from './schema.js';

const simple = { quorum: { moreThan: '1/2' }, majority: { of: 'yes-and-no', moreThan: '1/2' } } as const;

export const MODEL_STATUTE: Constitution = {
  name: 'Model Statute of Collegium',
  founding: { minFounders: 3, article: '§1.2' },
  bodies: [
    {
      id: 'congress',
      name: 'Congress',
      composition: { kind: 'all-members' },
      rules: { ...simple, seconders: 1, votingDays: 7, article: '§4.3' },
      article: '§4.1',
    },
    {
      id: 'central-committee',
      name: 'Central Committee',
      composition: { kind: 'elected', seats: 9, electedBy: 'congress', termDays: 730 },
      rules: { ...simple, seconders: 1, votingDays: 3, article: '§5.3' },
      article: '§5.1',
    },
    {
      id: 'presidium',
      name: 'Presidium',
      composition: { kind: 'elected', seats: 3, electedBy: 'central-committee', termDays: 365 },
      rules: { ...simple, seconders: 1, votingDays: 2, article: '§6.2' },
      article: '§6.1',
    },
    {
      id: 'control-commission',
      name: 'Control Commission',
      composition: { kind: 'elected', seats: 3, electedBy: 'congress', termDays: 730 },
      rules: { ...simple, seconders: 1, votingDays: 7, article: '§7.2' },
      article: '§7.1',
    },
  ],
  offices: [
    { id: 'chair', name: 'Chair', electedBy: 'congress', fromBody: false, termDays: 730, article: '§8.1' },
    { id: 'secretary', name: 'Secretary', electedBy: 'central-committee', fromBody: true, termDays: 730, article: '§8.2' },
    { id: 'treasurer', name: 'Treasurer', electedBy: 'central-committee', fromBody: true, termDays: 730, article: '§8.2' },
    { id: 'control-chair', name: 'Chair of the Control Commission', electedBy: 'control-commission', fromBody: true, termDays: 730, article: '§8.3' },
  ],
  resolutions: {
    ordinary: { body: 'central-committee', article: '§5.3' },
    'membership.admit': { body: 'central-committee', article: '§3.1' },
    'membership.revoke-key': { body: 'central-committee', article: '§3.4' },
    'record.witnesses': { body: 'central-committee', article: '§10.2' },
    'constitution.amend': {
      body: 'congress',
      quorum: { moreThan: '1/2' },
      majority: { of: 'yes-and-no', atLeast: '2/3' },
      votingDays: 14,
      article: '§11.1',
    },
  },
  collective: {
    'key.revoke': { body: 'presidium', signers: { moreThan: '1/2' }, article: '§3.4' },
  },
  elections: { nominationDays: 7, article: '§9.1' },
  articles: [
    { id: '§1.1', title: 'The organization', text: 'The organization governs itself through its members and the bodies they elect. No member holds power that is not granted by this statute, and no one rules alone.' },
    { id: '§1.2', title: 'Founding', text: 'The organization is founded by at least three founding members, each of whom signs the founding charter and this statute.' },
    { id: '§2.1', title: 'The record', text: 'Every act of a member or a body is signed by those who make it and kept in the public record. Nothing in the record is ever altered or erased; corrections are new acts.' },
    { id: '§2.2', title: 'Personal acts', text: 'A member acts in their own name only: to propose, second, vote, nominate, accept a nomination, manage their own keys or resign. An act that binds others is the effect of a resolution or of a collective act.' },
    { id: '§3.1', title: 'Admission', text: 'Members are admitted by resolution of the Central Committee, adopted by a simple majority of the votes cast with more than half of its members voting.' },
    { id: '§3.2', title: 'Keys', text: 'Each member signs with keys registered in the record. A member may add a key with one of their keys and revoke their own keys at any time.' },
    { id: '§3.3', title: 'Resignation', text: 'A member may resign at any time. Resignation ends membership and every seat and office the member holds.' },
    { id: '§3.4', title: 'Revoking the key of another member', text: 'The key of a member who has lost it may be revoked by resolution of the Central Committee, or by an act co-signed by more than half of the members of the Presidium.' },
    { id: '§4.1', title: 'The Congress', text: 'The Congress is the highest body of the organization. Every member in good standing sits in it.' },
    { id: '§4.3', title: 'Decisions of the Congress', text: 'The Congress decides by a simple majority of the votes cast, abstentions not counted, provided that more than half of its members vote. A motion needs one seconder.' },
    { id: '§5.1', title: 'The Central Committee', text: 'The Central Committee of nine members is elected by the Congress for two years and leads the organization between congresses.' },
    { id: '§5.3', title: 'Decisions of the Central Committee', text: 'The Central Committee decides by a simple majority of the votes cast, provided that more than half of its members vote. A motion needs one seconder.' },
    { id: '§6.1', title: 'The Presidium', text: 'The Presidium of three members is elected by the Central Committee for one year and prepares its work.' },
    { id: '§6.2', title: 'Decisions of the Presidium', text: 'The Presidium decides by a simple majority of the votes cast, provided that more than half of its members vote.' },
    { id: '§7.1', title: 'The Control Commission', text: 'The Control Commission of three members is elected by the Congress for two years and is independent of the Central Committee.' },
    { id: '§7.2', title: 'Decisions of the Control Commission', text: 'The Control Commission decides by a simple majority of the votes cast, provided that more than half of its members vote.' },
    { id: '§8.1', title: 'The Chair', text: 'The Chair of the organization is elected by the Congress for two years.' },
    { id: '§8.2', title: 'Secretary and Treasurer', text: 'The Secretary and the Treasurer are elected by the Central Committee from among its members for two years.' },
    { id: '§8.3', title: 'Chair of the Control Commission', text: 'The Control Commission elects its chair from among its members for two years.' },
    { id: '§9.1', title: 'Elections', text: 'An election is called by a member of the electing body. Nominations stay open for at least seven days. Each voter may vote for as many candidates as there are seats; the candidates with the most votes are elected, provided that more than half of the electing body votes. A tie for the last seat leaves it vacant until a new election.' },
    { id: '§10.2', title: 'Witnesses', text: 'The Central Committee names, by resolution, the independent witnesses that cosign the checkpoints of the record.' },
    { id: '§11.1', title: 'Amendments', text: 'This statute is amended by the Congress by two thirds of the votes cast, abstentions not counted, with more than half of its members voting.' },
  ],
};
