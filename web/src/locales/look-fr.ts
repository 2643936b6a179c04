// Chaînes françaises de l’allure de la salle (contrôle des projecteurs, bandeau « votez », états vides), reprises dans fr.ts.
import type { Locale } from './locale.js';
import type { lookEn } from './look-en.js';

export const lookFr: Locale<typeof lookEn> = {
  look: {
    projected: 'Ce qui est projeté',
    projectorName: 'Projecteur',
    showWhat: 'Montrer',
    showAuto: 'La salle (orateur, vote en cours, point de l’ordre du jour)',
    showSpeaker: 'L’orateur et le chronomètre',
    showVote: 'Un vote',
    showAgenda: 'L’ordre du jour',
    showMessage: 'Un message',
    showDocument: 'Une page d’un document',
    message: 'Message (280 caractères au plus)',
    needMessage: 'Écrivez d’abord le message à montrer.',
    vote: 'Vote',
    noVotes: 'Aucun vote dans cette séance : ouvrez-en un dans « Votes » d’abord.',
    document: 'Document',
    noDocuments: 'Aucun document à l’ordre du jour : ajoutez-en un à un point d’abord.',
    pageNumber: 'Page',
    page: 'Page {{page}}',
    badName: 'Le nom d’un projecteur s’écrit en minuscules, chiffres et tirets, par ex. « main » ou « salle-annexe ».',
    projectSubmit: 'Signer et montrer au projecteur',
    projectDone: 'Le projecteur le montre maintenant (inscrit au registre).',
    openProjector: 'ouvrir le projecteur « {{name}} »',
    voteNow_one: 'Un vote vous attend : {{subject}}',
    voteNow_many: '{{count}} votes vous attendent. Le premier : {{subject}}',
    voteNow_other: '{{count}} votes vous attendent. Le premier : {{subject}}',
    voteNowGo: 'Voter',
    entryLink: '{{id}} (entrée {{index}})',
    delegateTitle: 'Bureau du délégué',
  },
};
