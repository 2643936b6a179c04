// Small shared pieces of markup.
import type { ComponentChildren } from 'preact';
import { t } from './i18n.js';
import type { ActOutcome } from './use-act.js';

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
  return (
    <p role="alert" class="outcome refused" data-code={outcome.code}>
      <strong>{t('act.refused')}</strong> {outcome.message} {outcome.code ? <code>{outcome.code}</code> : null}
    </p>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function shortKey(key: string): string {
  return `${key.slice(0, 10)}…`;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
