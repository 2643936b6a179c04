// The invitations of a proposed delegate list: each newcomer's member id, one-time code and
// enrollment link, shown this once and kept nowhere, with a CSV to hand to whoever sends them.
import { t } from '../../i18n.js';
import type { ImportedList } from './delegate-list.js';

/** The link a newcomer follows to enroll their key (the Keys view fills in the id and code). */
function enrollmentLink(member: string, code: string): string {
  return `${location.origin}/keys?member=${encodeURIComponent(member)}&code=${encodeURIComponent(code)}`;
}

/** The invitations as CSV (name,email,salt,member,code,link), for whoever sends them: the salt of the e-mail's commitment goes to the member, never to the record. */
function invitationsCsv(list: ImportedList): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = list.invitations.map((i) => {
    const contact = list.contacts[i.row - 1];
    return [contact?.name ?? '', contact?.email ?? '', contact?.salt ?? '', i.member, i.code, enrollmentLink(i.member, i.code)].map(quote).join(',');
  });
  return ['name,email,salt,member,code,link', ...lines].join('\n');
}

/** The newcomers' codes of the list proposed as `motion`. */
export function Invitations({ motion, list }: { motion: string; list: ImportedList }) {
  const csv = invitationsCsv(list);
  return (
    <div class="invitations" data-motion={motion}>
      <p role="status">
        <strong>{t('import.proposed', { motion })}</strong> {t('import.onceOnly', { count: list.invitations.length })}
      </p>
      <p>
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="invitations.csv">
          {t('import.download')}
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('import.invitations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mandate.name')}</th>
              <th scope="col">{t('import.email')}</th>
              <th scope="col">{t('import.member')}</th>
              <th scope="col">{t('import.code')}</th>
              <th scope="col">{t('import.link')}</th>
            </tr>
          </thead>
          <tbody>
            {list.invitations.map((i) => {
              const contact = list.contacts[i.row - 1];
              return (
                <tr key={i.member} data-invited={i.member}>
                  <th scope="row">{contact?.name ?? list.rows[i.row - 1]?.name}</th>
                  <td>{contact?.email}</td>
                  <td>{i.member}</td>
                  <td>
                    <code data-code>{i.code}</code>
                  </td>
                  <td>
                    <a href={enrollmentLink(i.member, i.code)}>{t('import.enroll')}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
