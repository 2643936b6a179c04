// What the congress browser tests share: the Ordinary Congress convened before the browsers
// open (pia presides, ben is the mandate commission; pia, dan and eve admitted with invitation
// codes), its motion waiting for the session, and pages kept as artifacts when a test fails.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { KeyPair } from '../../src/acts/keys.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { invitationHashOf } from '../../src/governance/membership.js';
import { TestOrg, getJson } from '../e2e/client.js';
import { ARTIFACTS, type BrowserWorld } from './harness.js';

export type Delegate = 'pia' | 'dan' | 'eve';

/** The motion before the congress: three lines, so an amendment can replace some of them. */
export const MOTION_TEXT = 'The accounts are published every quarter.\nThe treasurer reports to the congress.\nEvery member may read them.';

/**
 * Founds the Test Union (the Central Committee: ana, ben, cai), admits pia, dan and eve with
 * their invitation codes, convenes the Ordinary Congress, and submits to it the motion "Open the
 * books every quarter", seconded, which waits for the session's vote.
 */
export async function ordinaryCongress(url: string, codes: Record<Delegate, string>, founders?: string[]): Promise<{ org: TestOrg; session: string; motion: string }> {
  const org = await TestOrg.found(url, { constitution: MODEL_STATUTE, ...(founders ? { founders } : {}), seats: { 'central-committee': ['ana', 'ben', 'cai'] } });
  const cc = { ana: 'yes', ben: 'yes', cai: 'yes' } as const;
  await org.motion('central-committee', 'ana', 'ben', { kind: 'membership.admit', members: Object.entries(codes).map(([id, code]) => ({ id, name: id.toUpperCase(), invitation: invitationHashOf(code) })) }, cc);
  await org.motion(
    'central-committee', 'ana', 'ben',
    { kind: 'session.convene', body: 'congress', title: 'Ordinary Congress', opensAt: new Date(Date.now() - 60_000).toISOString(), closed: false, presiding: ['pia'], mandateCommission: ['ben'] },
    cc,
  );
  const { items } = await getJson<{ items: { id: string }[] }>(url, '/api/sessions');
  const session = items[0]!.id;
  const motion = `m${(await org.ok('ana', 'motion.propose', { body: 'congress', title: 'Open the books every quarter', text: MOTION_TEXT, session })).index}`;
  await org.ok('ben', 'motion.second', { motion });
  return { org, session, motion };
}

/** A delegate's own browser context: enrolled with their code, at `path`. */
export async function openAs(world: BrowserWorld, member: Delegate, code: string, path: string): Promise<Page> {
  const page = await world.newPage({ width: 1100, height: 1000 });
  await world.enroll(page, member, code);
  await page.goto(`${world.server.url}${path}`);
  return page;
}

/** Runs `run`; on a failure, keeps every page as it was (screenshot and HTML) as `<prefix>-<who>`. */
export async function snapshotOnFailure<T>(prefix: string, pages: Partial<Record<string, Page>>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    for (const [who, page] of Object.entries(pages)) {
      if (!page) continue;
      await page.screenshot({ path: join(ARTIFACTS, `${prefix}-${who}.png`), fullPage: true }).catch(() => undefined);
      writeFileSync(join(ARTIFACTS, `${prefix}-${who}.html`), await page.content().catch(() => ''));
    }
    throw error;
  }
}

/**
 * Gives the browser of `page` a device holding `member`'s key, as the Keys view keeps one (a
 * non-extractable WebCrypto key in IndexedDB): for a founder whose key was made outside the
 * browser, so that they act in the app as an enrolled member does.
 */
export async function holdKey(world: BrowserWorld, page: Page, org: string, member: string, keys: KeyPair, name = member.toUpperCase()): Promise<void> {
  await page.goto(`${world.server.url}/keys`);
  // Passed as text: the test's own code is transformed by tsx, whose helpers the page does not have.
  const args = JSON.stringify({ org, member, publicKey: keys.publicKey, seed: keys.privateKey });
  await page.evaluate(`(async ({ org, member, publicKey, seed }) => {
    const bytes = (b64) => Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
    const privateKey = await crypto.subtle.importKey('pkcs8', new Uint8Array([...prefix, ...bytes(seed)]), { name: 'Ed25519' }, false, ['sign']);
    const pub = await crypto.subtle.importKey('raw', bytes(publicKey), { name: 'Ed25519' }, true, ['verify']);
    const identity = { org, member, keys: [{ publicKey, pair: { privateKey, publicKey: pub }, createdAt: new Date().toISOString() }], current: publicKey };
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('collegium', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('identities', { keyPath: 'org' });
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('identities', 'readwrite');
        tx.objectStore('identities').put(identity);
        tx.oncomplete = () => (open.result.close(), resolve(null));
        tx.onerror = () => reject(tx.error);
      };
    });
  })(${args})`);
  await page.reload();
  await page.getByText(`This browser acts as ${name} (${member}).`).waitFor();
}
