// Notes for the minutes, from the chair (one-click presets among them); a closed session's note is stored apart.
import { useState } from 'preact/hooks';
import { formatTime, Outcome, Section } from '../../components/common.js';
import { useCongressAct } from '../../components/session/congress-act.js';
import { acts } from '../../congress-acts.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { NOTE_PRESET } from '../../labels.js';
import type { SessionDetail } from '../../session-data.js';

/** The chair's notes for the minutes of the session. */
export function NotesControl({ detail, identity, name }: { detail: SessionDetail; identity: Identity; name: (m: string) => string }) {
  const { run, busy, outcome, setOutcome } = useCongressAct(identity);
  const [text, setText] = useState('');
  const { session } = detail;
  const presets = ['applause', 'laughter', 'interruption', 'leaves'] as const;
  // A closed session's note is sealed: {salt, text} goes to the content store, the commitment into the act.
  const addNote = async (note: string) => {
    if (!session.closed) return run(acts.note(session.id, note));
    let commitment: string;
    try {
      const { sealAndStore } = await import('../../content-read.js');
      commitment = await sealAndStore(identity, note);
    } catch (e) {
      setOutcome({ ok: false, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
    return run(acts.note(session.id, commitment));
  };
  return (
    <Section id="preside-notes" title={t('notes.title')}>
      {session.status === 'open' ? (
        <form
          class="notes-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!text.trim()) return;
            if (await addNote(text.trim())) setText('');
          }}
        >
          <div class="actions" role="group" aria-label={t('notes.presets')}>
            {presets.map((p) => (
              <button type="button" key={p} class="outline small" disabled={busy} onClick={() => void addNote(t(NOTE_PRESET[p]))}>
                {t(NOTE_PRESET[p])}
              </button>
            ))}
          </div>
          <label>
            {t('notes.text')}
            <input value={text} maxLength={10000} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || !text.trim()}>
            {t('notes.add')}
          </button>
          <Outcome outcome={outcome} />
        </form>
      ) : null}
      {detail.notes.length === 0 ? (
        <p>{t('notes.none')}</p>
      ) : (
        <ul class="notes">
          {[...detail.notes].reverse().map((n) => (
            <li key={n.id} data-note={n.id}>
              <time dateTime={n.time}>{formatTime(n.time)}</time> · {n.text ?? <code class="hash">{n.sha256}</code>} <span class="meta">— {name(n.by)}{n.overruled ? ` · ${t('notes.overruled', { motion: n.overruled })}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
