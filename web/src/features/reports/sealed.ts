// Reports only some members read (docs/REPORTS.md, "Who reads reports"). Under a statute whose
// `reports.readers` is not "everyone", the form seals the text and the figures in this browser (a
// random salt; the commitment `sealed:<hex>` into the act, the payload sent with it to
// POST /api/reports/file), and the feed opens a sealed report for a reader the statute names by
// signed requests for its payloads (content-read.ts, and its cache per reader and page); the
// server answers anyone else "not entitled", and the feed says "withheld".
import { useEffect, useState } from 'preact/hooks';
import { toBase64Url } from '../../../../src/acts/encoding.js';
import type { Figure, Report } from '../../../../src/governance/reports/model.js';
import type { Identity } from '../../keys.js';

/** Whether the statute (as GET /api/constitution gives it) restricts who reads reports. */
export function readersRestricted(reports: { readers?: unknown } | undefined): boolean {
  return reports?.readers !== undefined && reports.readers !== 'everyone';
}

/** A report's body with its text and figures sealed, and the payloads to send with the act (the sealing code is loaded only when needed). */
export async function sealReport<B extends { text: string; figures?: Figure[] }>(body: B): Promise<{ body: Omit<B, 'figures' | 'text'> & { text: string; figures?: string }; payloads: string[] }> {
  const { sealText } = await import('../../../../src/governance/kernel/confidentiality.js');
  const seal = (text: string) => sealText(text, toBase64Url(crypto.getRandomValues(new Uint8Array(16))));
  const text = seal(body.text);
  const figures = body.figures && body.figures.length > 0 ? seal(JSON.stringify(body.figures)) : null;
  const { figures: _clear, text: _text, ...rest } = body;
  return {
    body: { ...rest, text: text.commitment, ...(figures ? { figures: figures.commitment } : {}) },
    payloads: [text.payload, ...(figures ? [figures.payload] : [])],
  };
}

/**
 * Reports found withheld from a reader on this page, by reader and report: the feed is drawn
 * again at every new entry, and each sealed report would otherwise cost a signed request each
 * time (against the reader's rate limit). Reloading the page asks again.
 */
const withheldFrom = new Set<string>();

/** What the feed shows of a report: in clear as it is; sealed, opened for a reader the statute names, else withheld. */
export interface ShownReport {
  text: string | null;
  figures: Figure[];
  withheld: boolean;
}

/** Opens a sealed report's text and figures for the signed-in reader (null while opening). */
export function useShownReport(report: Report, identity: Identity | null): ShownReport | null {
  const sealedFigures = report.sealedFigures ?? null;
  const isSealed = report.readers != null;
  const [shown, setShown] = useState<ShownReport | null>(isSealed ? null : { text: report.text, figures: report.figures, withheld: false });
  useEffect(() => {
    if (!isSealed) {
      setShown({ text: report.text, figures: report.figures, withheld: false });
      return;
    }
    if (!identity) {
      setShown({ text: null, figures: [], withheld: true });
      return;
    }
    const memo = `${identity.member}/${report.id}`;
    if (withheldFrom.has(memo)) {
      setShown({ text: null, figures: [], withheld: true });
      return;
    }
    let live = true;
    void (async () => {
      const { openSealedText } = await import('../../content-read.js');
      const open = (value: string) => openSealedText(identity, value);
      const text = await open(report.text);
      let figures: Figure[] = [];
      if (text !== null && sealedFigures) {
        try {
          const parsed = JSON.parse((await open(sealedFigures)) ?? '[]') as unknown;
          // The filer's payload, not the engine's: only well-formed figures are shown.
          figures = Array.isArray(parsed) ? parsed.filter((f): f is Figure => !!f && typeof f.indicator === 'string' && typeof f.unit === 'string' && typeof f.value === 'number') : [];
        } catch {
          figures = [];
        }
      }
      if (text === null) withheldFrom.add(memo);
      if (live) setShown(text === null ? { text: null, figures: [], withheld: true } : { text, figures, withheld: false });
    })();
    return () => {
      live = false;
    };
  }, [report.id, report.text, sealedFigures, isSealed, identity?.member]);
  return shown;
}
