// Messages for people (issue 14 item 5): every refusal code the engine can give (its refusal
// catalog, gathered from every capability's refusal table) has a short sentence for a delegate in
// English and in French (web/src/locales/refusals-*.ts), shown first when an act is refused, the
// engine's own message kept under "Details". A code added to the engine without its sentences
// fails here; a sentence left for a code the engine no longer gives fails too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalCatalog } from '../../src/governance/kernel/engine.js';
import { refusalsEn } from '../../web/src/locales/refusals-en.js';
import { refusalsFr } from '../../web/src/locales/refusals-fr.js';

/** Codes the server (outside the engine) or the app itself gives, which have sentences too. */
const OUTSIDE_ENGINE = ['request.invalid_body', 'request.too_large', 'http.error', 'secret.key_mismatch', 'form.tellers', 'form.invalid', 'content.wrong_org'];

function sentence(locale: { refusal: Record<string, unknown> }, code: string): string | undefined {
  const [group, name] = code.split('.') as [string, string];
  const g = locale.refusal[group];
  return typeof g === 'object' && g !== null ? ((g as Record<string, string>)[name] ?? undefined) : undefined;
}

function codesOf(locale: { refusal: Record<string, unknown> }): string[] {
  return Object.entries(locale.refusal).flatMap(([group, v]) => (typeof v === 'object' && v !== null ? Object.keys(v).map((name) => `${group}.${name}`) : []));
}

test('every refusal code of the engine has a sentence for a delegate in English and in French', () => {
  const codes = Object.keys(refusalCatalog);
  assert.ok(codes.length > 200, `the engine gives ${codes.length} refusal codes`);
  for (const [lang, locale] of [['en', refusalsEn], ['fr', refusalsFr]] as const) {
    const missing = codes.filter((c) => !(sentence(locale, c)?.trim()));
    assert.deepEqual(missing, [], `refusal codes without a sentence in ${lang}`);
  }
});

test('no sentence is left for a code nobody gives, and the French ones are translated', () => {
  const known = new Set([...Object.keys(refusalCatalog), ...OUTSIDE_ENGINE]);
  for (const locale of [refusalsEn, refusalsFr]) assert.deepEqual(codesOf(locale).filter((c) => !known.has(c)), []);
  const same = codesOf(refusalsEn).filter((c) => sentence(refusalsEn, c) === sentence(refusalsFr, c));
  assert.deepEqual(same, [], 'French sentences identical to the English ones');
});

test('a sentence is a short sentence for a person: no code, no act type, at most 160 characters', () => {
  for (const locale of [refusalsEn, refusalsFr]) {
    for (const code of codesOf(locale)) {
      const s = sentence(locale, code)!;
      assert.ok(s.length <= 160, `${code}: ${s.length} characters`);
      assert.doesNotMatch(s, /\b[a-z_]+\.[a-z_-]+\b/, `${code} names a code or an act type: ${s}`);
      assert.match(s, /[.!?…]$/, `${code} ends as a sentence`);
    }
  }
});
