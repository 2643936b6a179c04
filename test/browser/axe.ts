// axe-core (the pinned devDependency) run inside a real page through playwright-core: the page's
// WCAG 2.0/2.1/2.2 A and AA rules, and a readable list of what fails, worst first.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The WCAG 2.2 AA conformance tags (every level-A and level-AA rule of 2.0, 2.1 and 2.2). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

/** Runs axe on `page` as it is now, with the WCAG 2.2 AA tags; returns every violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const tags = JSON.stringify(WCAG_AA_TAGS);
  // Passed as text: the test's code is transformed by tsx, whose helpers the page does not have.
  return (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ${tags} }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })) })))`)) as AxeViolation[];
}

/** The serious and critical violations only: what must be zero on every view. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and node, for an assertion's message. */
export function describeViolations(view: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => `${view}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\n/g, ' ')}\n      ${n.html}`).join('\n')}`)
    .join('\n');
}

/**
 * The headings of the page, in order, where one skips a level (an h1 followed by an h3) or the
 * first is not an h1: each as "h1 Title → h3 Title". Hidden headings do not count.
 */
export async function headingSkips(page: Page): Promise<string[]> {
  const headings = (await page.evaluate(`[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => h.getClientRects().length > 0).map((h) => ({ level: Number(h.tagName[1]), text: (h.textContent || '').trim().slice(0, 60) }))`)) as { level: number; text: string }[];
  const skips: string[] = [];
  if (headings[0] && headings[0].level !== 1) skips.push(`first heading h${headings[0].level} ${headings[0].text}`);
  for (let i = 1; i < headings.length; i++) {
    const [a, b] = [headings[i - 1]!, headings[i]!];
    if (b.level > a.level + 1) skips.push(`h${a.level} ${a.text} → h${b.level} ${b.text}`);
  }
  return skips;
}

/** The sizes every view is looked at: a phone, a tablet, a desktop. */
export const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 }, desktop: { width: 1440, height: 900 } } as const;

/**
 * A view as it is now, looked at as a person would: axe's serious and critical violations,
 * headings out of order, and at each of SIZES anything wider than the screen; each size kept as
 * `<dir>/<view>-<size>.png`. Returns what is wrong, one line per problem (empty when all is well);
 * the page is left at its size before.
 */
export async function lookAtSizes(page: Page, view: string, dir: string): Promise<string[]> {
  const problems: string[] = [];
  mkdirSync(dir, { recursive: true });
  const found = await seriousViolations(page);
  if (found.length > 0) problems.push(describeViolations(view, found));
  for (const skip of await headingSkips(page)) problems.push(`${view}: headings out of order: ${skip}`);
  const before = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    // Passed as text: the test's code is transformed by tsx, whose helpers the page does not have.
    const { scrollWidth, innerWidth, wide } = (await page.evaluate(`({
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth: window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap, table, nav ul, pre'))
        .slice(0, 6)
        .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ' (right ' + Math.round(el.getBoundingClientRect().right) + ')'),
    })`)) as { scrollWidth: number; innerWidth: number; wide: string[] };
    if (scrollWidth > innerWidth) problems.push(`${view} at ${size}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen: ${wide.join(', ')}`);
    await page.screenshot({ path: join(dir, `${view}-${size}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
  return problems;
}
