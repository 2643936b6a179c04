// Proposing a motion from the Delegate view: to a body, or submitted to a session of that body
// (it then waits for the session's vote, docs/CONGRESS.md). The form is checked here with zod
// before anything is signed: an empty title never reaches the engine.
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { Outcome } from '../../components/common.js';
import { t } from '../../i18n.js';
import { useSessions } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

type Fields = 'title' | 'text';

/** The form's rules, with messages in the reader's language (the engine's limits: motions.ts's proposeBody). */
function schema() {
  return z.object({
    title: z.string().trim().min(1, { error: t('formCheck.titleEmpty') }).max(300, { error: t('formCheck.tooLong', { max: 300 }) }),
    text: z.string().max(100_000, { error: t('formCheck.tooLong', { max: 100_000 }) }),
  });
}

/** What is wrong with the form, by field; empty when it may be signed. */
export function checkPropose(form: { title: string; text: string }): Partial<Record<Fields, string>> {
  const parsed = schema().safeParse(form);
  if (parsed.success) return {};
  const errors: Partial<Record<Fields, string>> = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as Fields] ??= issue.message;
  return errors;
}

export function ProposeForm({ identity, bodies, last }: { identity: NonNullable<ViewProps['identity']>; bodies: ViewProps['state']['bodies']; last: number }) {
  const { send, busy, outcome, setOutcome } = useAct(identity);
  const [body, setBody] = useState(bodies[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [session, setSession] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  // Sessions of the chosen body that have not ended: a motion may be submitted to one of them.
  const sessions = (useSessions(last) ?? []).filter((s) => s.body === body && s.status !== 'ended');
  const target = sessions.some((s) => s.id === session) ? session : '';
  return (
    <details class="propose">
      <summary>{t('propose.open')}</summary>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const found = checkPropose({ title, text });
          setErrors(found);
          if (Object.keys(found).length > 0) return;
          // A motion submitted to a closed session goes on the record with its title and text sealed
          // (docs/CONGRESS.md, "Closed sessions"): {salt, text} to the content store, the commitment into the act.
          const closed = sessions.find((s) => s.id === target)?.closed ?? false;
          let sealed: { title: string; text: string };
          try {
            const { sealIfClosed } = await import('../../content-read.js');
            sealed = { title: await sealIfClosed(identity, closed, title.trim()), text: await sealIfClosed(identity, closed, text) };
          } catch (error) {
            setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
            return;
          }
          const receipt = await send('motion.propose', { body, ...sealed, ...(target ? { session: target } : {}) });
          if (receipt) {
            setTitle('');
            setText('');
          }
        }}
      >
        <label>
          {t('propose.body')}
          <select name="body" value={body} onChange={(e) => setBody((e.target as HTMLSelectElement).value)} required>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        {sessions.length > 0 ? (
          <label>
            {t('proposeFlow.session')}
            <select name="session" value={target} onChange={(e) => setSession((e.target as HTMLSelectElement).value)} aria-describedby="propose-session-hint">
              <option value="">{t('proposeFlow.noSession')}</option>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <small id="propose-session-hint">{target ? t('proposeFlow.sessionHint') : t('proposeFlow.bodyHint')}</small>
          </label>
        ) : null}
        <label>
          {t('propose.title')}
          <input value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} required maxLength={300} aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? 'propose-title-error' : undefined} />
          {errors.title ? (
            <small id="propose-title-error" class="field-error" data-field-error="title">
              {errors.title}
            </small>
          ) : null}
        </label>
        <label>
          {t('propose.text')}
          <textarea value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} rows={4} maxLength={100000} aria-invalid={errors.text ? true : undefined} />
          {errors.text ? <small class="field-error">{errors.text}</small> : null}
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {target ? t('proposeFlow.submitToSession') : t('propose.submit')}
        </button>
        <Outcome outcome={outcome} success={outcome ? t(target ? 'proposeFlow.doneInSession' : 'propose.done', { id: `m${outcome.message}` }) : ''} />
      </form>
    </details>
  );
}
