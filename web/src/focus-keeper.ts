// Focus kept where the user acted (WCAG 2.4.3): when the control that had focus goes away — the
// vote buttons replaced by "You voted: Yes", a form closed once its act is recorded — focus would
// drop to <body> and a keyboard or screen-reader user would start again from the top. The keeper
// moves it to what replaced the control in the same card (the act's outcome, "your vote"), or to
// the card's heading; a control only disabled while its act is sent gets focus back if it returns.
const ANCHORS = 'article, section, form, fieldset, details, [role="group"], [role="dialog"], main';
/** What to focus in a card after an act, most telling first. */
const TARGETS = ['[data-focus-after-act]', '.your-vote', '[role="alert"]', '[role="status"]:not(.visually-hidden):not(.connection)', 'h1, h2, h3, h4, h5, h6'];
const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function isVisible(el: Element): boolean {
  return el instanceof HTMLElement && el.isConnected && el.getClientRects().length > 0;
}

/** Where focus should go inside `anchor` now that the focused control left. */
function targetIn(anchor: Element): HTMLElement | null {
  for (const selector of TARGETS) {
    const found = [...anchor.querySelectorAll(selector)].find(isVisible);
    if (found instanceof HTMLElement) return found;
  }
  const focusable = [...anchor.querySelectorAll(FOCUSABLE)].find(isVisible);
  return focusable instanceof HTMLElement ? focusable : null;
}

function focusOn(el: HTMLElement): void {
  if (el.tabIndex < 0 && !el.matches(FOCUSABLE)) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
}

/** Installs the keeper on the document (once, from main.tsx). */
export function keepFocus(doc: Document = document): void {
  let last: HTMLElement | null = null;
  let anchors: Element[] = [];
  doc.addEventListener('focusin', (e) => {
    const el = e.target;
    if (!(el instanceof HTMLElement) || el === doc.body) return;
    last = el;
    anchors = [];
    for (let a = el.parentElement?.closest(ANCHORS) ?? null; a; a = a.parentElement?.closest(ANCHORS) ?? null) anchors.push(a);
  });
  // A click or touch elsewhere is the user's own move: nothing to keep.
  doc.addEventListener('pointerdown', () => {
    last = null;
    anchors = [];
  }, true);
  const restore = () => {
    const active = doc.activeElement;
    if (active && active !== doc.body && active !== doc.documentElement) return;
    if (!last) return;
    // Still there: it is only disabled while its act is sent; when it comes back, it gets focus back.
    if (last.isConnected && isVisible(last)) {
      if (!(last as HTMLButtonElement).disabled) last.focus({ preventScroll: true });
      return;
    }
    for (const anchor of anchors) {
      if (!anchor.isConnected) continue;
      const target = targetIn(anchor);
      if (target) {
        const keep = anchors;
        focusOn(target);
        anchors = keep;
        return;
      }
    }
  };
  new MutationObserver(() => queueMicrotask(restore)).observe(doc.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'open'] });
}
