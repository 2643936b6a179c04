// Drawing a panel under `panelDraw: lot-witnessed` (docs/SAFEGUARDS.md §4) from the browser. Under
// `panelWitnessRecorded` (the model's) the draw takes the witness's first cosignature on the record,
// which the server appends as the witness delivers it: the act carries nothing more, and until that
// cosignature is recorded the page says it waits for the witness and signs nothing. Under the earlier
// rule the act carries the first checkpoint past the seed entry that the draw's witness cosigned, the
// seed entry's inclusion proof in it and the witness's cosignature line, all fetched and then checked
// here with the engine's own functions (src/acts/witnessed-checkpoint.ts, draw.ts's window) before
// anything is signed, so the server is trusted only to find it.
import { hexToBytes } from '@noble/hashes/utils.js';
import { useState } from 'preact/hooks';
import { findWitnessedCheckpoint, recordedDrawWaits, type FindProblem } from '../../../../src/acts/witnessed-checkpoint.js';
import { witnessWindow } from '../../../../src/governance/discipline/draw.js';
import { getJson } from '../../api.js';
import { Outcome } from '../../components/common.js';
import { t, type TranslationKey } from '../../i18n.js';
import type { CaseDetail } from '../../safeguards-data.js';
import { useAct } from '../../use-act.js';
import type { Props } from './case-acts.js';

/** A GET of the API as text; null on 404 (not there yet). */
async function readRecord(path: string): Promise<string | null> {
  const response = await fetch(path);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}

/** Why the draw cannot be sent yet, as a translation key. */
const waitKey: Record<FindProblem, TranslationKey> = {
  not_cosigned: 'caseForms.witnessWaiting',
  late: 'caseForms.witnessLate',
  malformed: 'caseForms.witnessBad',
  origin: 'caseForms.witnessBad',
  too_small: 'caseForms.witnessBad',
  not_included: 'caseForms.witnessBad',
  bad_cosignature: 'caseForms.witnessBad',
};

/** The *Draw the panel* button of a witnessed draw. */
export function WitnessedPanelAct({ c, identity, statute, draw, hint }: Props & { draw: NonNullable<CaseDetail['draw']>; hint: string }) {
  const { send, busy, outcome } = useAct(identity);
  const [finding, setFinding] = useState(false);
  const [waiting, setWaiting] = useState<FindProblem | null>(null);
  const witnessName = (draw.witness ?? '').split('+')[0]!;
  async function drawPanel() {
    if (draw.witness === undefined || draw.seedEntry === undefined || draw.anchor === undefined || draw.seedTime === undefined) {
      setWaiting('not_cosigned');
      return;
    }
    const window = witnessWindow(statute.constitution, draw.seedTime);
    if (draw.recorded) {
      // The recorded cosignature seeds the draw: the page only waits for it.
      const waits = recordedDrawWaits(draw, Math.floor(Date.now() / 1000), window);
      setWaiting(waits);
      if (waits === null) await send('discipline.panel', { case: c.id });
      return;
    }
    setFinding(true);
    setWaiting(null);
    try {
      const org = await getJson<{ log: { origin: string }; logKeys?: { origin: string }[] }>('/api/org');
      const found = await findWitnessedCheckpoint(readRecord, {
        leaf: hexToBytes(draw.anchor),
        index: draw.seedEntry,
        origins: new Set([org.log.origin, ...(org.logKeys ?? []).map((k) => k.origin)]),
        witness: draw.witness,
        window,
      });
      if (!found.ok) {
        setWaiting(found.problem);
        return;
      }
      await send('discipline.panel', { case: c.id, ...found.presented });
    } finally {
      setFinding(false);
    }
  }
  const seeded = draw.anchor !== undefined;
  return (
    <div class="form-card" data-form="discipline.panel" data-witnessed="true">
      <p class="hint">{hint}</p>
      <p class="hint">{t(draw.recorded ? 'caseForms.witnessedRecordedHint' : 'caseForms.witnessedHint', { witness: witnessName, seconds: statute.safeguards.discipline.panelWitnessSeconds ?? 600 })}</p>
      {draw.cosigned ? <p class="meta" data-cosigned-entry={draw.cosigned.entry}>{t('caseForms.witnessRecorded', { witness: witnessName, entry: draw.cosigned.entry })}</p> : null}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy || finding || !seeded} aria-busy={busy || finding} onClick={() => void drawPanel()}>
          {t('caseForms.drawPanel')}
        </button>
        {waiting ? (
          <p role="status" data-waiting={waiting}>
            {t(draw.recorded && waiting === 'not_cosigned' ? 'caseForms.witnessRecordedWaiting' : waitKey[waiting], { witness: witnessName, entry: draw.seedEntry, seconds: statute.safeguards.discipline.panelWitnessSeconds ?? 600 })}
          </p>
        ) : null}
        <Outcome outcome={outcome} />
      </div>
    </div>
  );
}
