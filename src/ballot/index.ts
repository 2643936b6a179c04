/** Secret-ballot cryptography: the public surface of `src/ballot/`. See docs/BALLOT.md. */
export * from './group.js';
export * from './elgamal.js';
export * from './proofs.js';
export * from './ceremony.js';
export * from './codec.js';
export * from './ballot.js';
export * from './tally.js';
export * from './verify.js';
export * from './simulate.js';
