// Plurals as a reader reads them (issue 14 item 5): i18next picks each language's plural form
// from the count, so one vote is "1 voix exprimée", never "1 voix exprimées", and one voter of
// two "has voted". The app's own resources, through i18next as the app initializes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import i18next from 'i18next';
import { en } from '../../web/src/locales/en.js';
import { fr } from '../../web/src/locales/fr.js';

async function translator(lng: 'en' | 'fr') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return (key: string, options: Record<string, unknown>) => String(i18n.t(key as never, options as never));
}

test('one vote, one voter: the singular in English and in French', async () => {
  const [tEn, tFr] = await Promise.all([translator('en'), translator('fr')]);
  assert.equal(tFr('sessionVote.turnout', { count: 1, entitled: 2, accredited: 3 }), '1 voix exprimée sur 2 (3 accréditées)');
  assert.equal(tFr('sessionVote.turnout', { count: 2, entitled: 2, accredited: 3 }), '2 voix exprimées sur 2 (3 accréditées)');
  assert.equal(tEn('sessionVote.voted', { count: 1, entitled: 2 }), '1 of 2 entitled delegates has voted');
  assert.equal(tEn('sessionVote.voted', { count: 2, entitled: 2 }), '2 of 2 entitled delegates have voted');
  assert.equal(tFr('sessionVote.voted', { count: 1, entitled: 2 }), '1 délégué ayant droit sur 2 a voté');
  assert.equal(tEn('motion.turnout', { count: 1, electorate: 5 }), '1 of 5 has voted');
  assert.equal(tFr('motion.turnout', { count: 0, electorate: 5 }), '0 sur 5 a voté');
  assert.equal(tFr('elections.turnout', { count: 3, electorate: 5 }), '3 sur 5 ont voté');
  assert.equal(tEn('secret.turnout', { count: 1, electorate: 5, cast: 2 }), '1 of 5 has voted (ballots cast, re-casts included: 2).');
  assert.equal(tEn('secretFlow.callTitle', { count: 3 }), 'Call the secret ballot: pick its 3 tellers');
  assert.equal(tFr('amendmentFlow.needs', { count: 1, have: 0 }), 'Avant que la présidence puisse le mettre aux voix, il lui faut un soutien en plus de son auteur : 0 sur 1 pour l’instant.');
});
