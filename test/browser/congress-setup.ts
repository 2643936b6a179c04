// What the congress browser tests share: the Ordinary Congress convened before the browsers
// open (pia presides, ben is the mandate commission; pia, dan and eve admitted with invitation
// codes), its motion waiting for the session, and pages kept as artifacts when a test fails.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
