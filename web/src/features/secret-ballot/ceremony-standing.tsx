// The key ceremony as each teller (and anyone) sees it: the dealers qualified so far, recomputed
// in this browser from the dealings, complaints and answers on the record with the engine's own
// function, and "ready" only when at least t qualify and nothing is pending — never below the
// threshold, where the vote cannot open (docs/BALLOT.md, "Phases with fixed ends").
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getJson, type Org } from '../../api.js';
import { t } from '../../i18n.js';
import type { Crypto, VoteDetail, VoteItem } from './secret-vote-data.js';

export function CeremonyStanding({ vote, crypto, org, name, last, children }: { vote: VoteItem; crypto: Crypto; org: Org; name: (id: string) => string; last: number; children?: ComponentChildren }) {
  const [standing, setStanding] = useState<{ qualified: number[]; ready: boolean } | null>(null);
  useEffect(() => {
    let gone = false;
    getJson<VoteDetail>(`/api/secret-votes/${encodeURIComponent(vote.id)}`)
      .then((detail) => !gone && setStanding(crypto.ceremonyStanding({ ...detail, election: `${org.id}/${vote.id}` })))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [vote.id, last]);
  if (!standing) return null;
  const names = standing.qualified.map((j) => name(vote.tellers[j - 1] ?? String(j))).join(', ');
  return (
    <div class="ceremony-standing" data-qualified={standing.qualified.join(',')} data-ready={standing.ready ? 'true' : 'false'}>
      <p>{standing.qualified.length > 0 ? t('secret.qualified', { names, count: standing.qualified.length, threshold: vote.threshold }) : t('secret.qualifiedNone', { threshold: vote.threshold })}</p>
      <p>
        <strong>{standing.ready ? t('secret.ready', { threshold: vote.threshold }) : t('secret.notReady', { threshold: vote.threshold })}</strong>
      </p>
      {standing.ready ? children : null}
    </div>
  );
}
