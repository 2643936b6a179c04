// Small shared pieces of markup: an act's outcome, a titled section, an in-app link, the annulment banner, times.
import type { ComponentChildren } from 'preact';
import { i18n, t, type TranslationKey } from '../i18n.js';
import type { ActOutcome } from '../use-act.js';

/** A refusal (with its code and the engine's message) or a success, announced to screen readers. */
export function Outcome({ outcome, success }: { outcome: ActOutcome | null; success?: string }) {
  if (!outcome) return null;
  if (outcome.ok) {
    return (
      <p role="status" class="outcome ok">
        {success ?? t('act.recorded', { index: outcome.message })}
      </p>
    );
  }
  const sentence = refusalSentence(outcome.code);
  return (
    <div role="alert" class="outcome refused" data-code={outcome.code}>
      <p>
        <strong>{t('act.refused')}</strong> {sentence ?? outcome.message}
      </p>
      {sentence && outcome.message !== sentence ? (
        <details class="refusal-details">
          <summary>{t('refusal.details')}</summary>
          <p>
            {outcome.message} {outcome.code ? <code>{outcome.code}</code> : null}
          </p>
        </details>
      ) : outcome.code ? (
        <p class="meta">
          <code>{outcome.code}</code>
        </p>
      ) : null}
    </div>
  );
}

/**
 * The short sentence for a delegate of a refusal `code`, in the current language
 * (locales/refusals-*.ts), or null when the code has none (the engine's message is shown then).
 */
export function refusalSentence(code: string | undefined): string | null {
  if (!code || !/^[a-z_]+\.[a-z_]+$/.test(code)) return null;
  const key = `refusal.${code}`;
  return i18n.exists(key) ? t(key as TranslationKey) : null;
}

/** A section named by its heading (`aria-labelledby`), the unit every view is made of. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A public key shortened for display: its first and last characters. */
export function shortKey(key: string): string {
  return `${key.slice(0, 10)}…`;
}

/** A key's fingerprint as members compare it aloud: its first 16 characters in groups of four. */
export function fingerprint(key: string): string {
  return key.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}

/** A time of the record in the reader's locale and time zone. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Shown wherever an annulled decision is: nothing is hidden, it is marked annulled. */
export function AnnulledBanner({ annulled }: { annulled: { by: string; at: string; reason: string; entry?: number } | undefined | null }) {
  if (!annulled) return null;
  return (
    <p class="annulled" role="note" data-annulled={annulled.by}>
      <strong>{t('annulled.title')}</strong>{' '}
      {annulled.entry !== undefined
        ? t('annulled.textEntry', { by: annulled.by, date: formatTime(annulled.at), reason: annulled.reason, entry: annulled.entry })
        : t('annulled.text', { by: annulled.by, date: formatTime(annulled.at), reason: annulled.reason })}
    </p>
  );
}

/** A link inside the app (no reload). */
export function AppLink({ href, children, label }: { href: string; children: ComponentChildren; label?: string }) {
  return (
    <a
      href={href}
      aria-label={label}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        history.pushState(null, '', href);
        dispatchEvent(new PopStateEvent('popstate'));
      }}
    >
      {children}
    </a>
  );
}

/**
 * An id as small secondary text linking to the entry that made it (`m22`, `v26`, `s6`: the
 * number is the entry's index), for those who want to check it on the record.
 */
export function IdLink({ id }: { id: string }) {
  const index = /^[a-z]+(\d+)$/.exec(id)?.[1];
  if (!index) return <span class="id-link">{id}</span>;
  return (
    <span class="id-link">
      <AppLink href={`/record?entry=${index}`} label={t('look.entryLink', { id, index })}>
        {id}
      </AppLink>
    </span>
  );
}

/**
 * An act's body for people, not as JSON: `field: value` pairs in one line, nested fields by
 * path (`show kind: agenda`), lists joined, long texts shortened to `max` characters.
 */
export function readableBody(body: unknown, max = 140): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) parts.push(`${path}: ${value.join(', ')}`);
      else value.forEach((v, i) => walk(v, `${path} ${i + 1}`));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path} ${k}` : k);
    } else parts.push(path ? `${path}: ${String(value)}` : String(value));
  };
  walk(body, '');
  const text = parts.join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Time left until `until` at `now`, in days and hours, or null when it has passed. */
export function timeLeft(until: string, now = Date.now()): { days: number; hours: number } | null {
  const ms = Date.parse(until) - now;
  if (ms <= 0) return null;
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000) };
}
