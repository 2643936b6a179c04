// A line in the footer: is this app a build the organization adopted (software.release,
// statute §10.6 of the model)? The SHA-256 of /release.json (which names every file of the
// build) is compared with the adopted builds of /api/releases. A courtesy, not a proof: the
// server that serves this code could change it to say anything, which the line itself says;
// the check that counts is `collegium check-app`, run from another machine
// (docs/OPERATIONS.md, "Checking the web app").
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../../api.js';
import { t } from '../../i18n.js';

interface Release {
  version: string;
  release: string;
  entry: number;
}

type Finding = { kind: 'adopted'; release: Release } | { kind: 'not-adopted' } | { kind: 'none-adopted' } | { kind: 'unchecked' };

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function check(): Promise<Finding> {
  const res = await fetch('/release.json', { cache: 'no-store' });
  if (!res.ok) return { kind: 'unchecked' };
  const served = await sha256Hex(await res.arrayBuffer());
  const { items } = await getJson<{ items: Release[] }>('/api/releases');
  if (items.length === 0) return { kind: 'none-adopted' };
  const adopted = items.find((r) => r.release === served);
  return adopted ? { kind: 'adopted', release: adopted } : { kind: 'not-adopted' };
}

/** The footer's line on the app's release, with how to check it for real. */
export function ReleaseBadge() {
  const [finding, setFinding] = useState<Finding | null>(null);
  // Once per page load: the app cannot change under a loaded page (SRI), and re-checking on
  // every entry would multiply requests by the hall's size.
  useEffect(() => {
    let live = true;
    check().then(
      (f) => live && setFinding(f),
      () => live && setFinding({ kind: 'unchecked' }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (!finding) return null;
  const line =
    finding.kind === 'adopted'
      ? t('release.adopted', { version: finding.release.version, entry: finding.release.entry })
      : finding.kind === 'not-adopted'
        ? t('release.notAdopted')
        : finding.kind === 'none-adopted'
          ? t('release.noneAdopted')
          : t('release.unchecked');
  return (
    <p class={`release ${finding.kind}`} data-release={finding.kind}>
      {line} <small>{t('release.howToCheck')}</small>
    </p>
  );
}
