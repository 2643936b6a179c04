// Chaînes françaises du badge de version (features/release), reprises dans fr.ts.
import type { Locale } from './locale.js';
import type { releaseEn } from './release-en.js';

export const releaseFr: Locale<typeof releaseEn> = {
  release: {
    adopted: 'Version {{version}} de l’application, adoptée à l’entrée {{entry}}',
    notAdopted: 'Cette application n’est pas une version adoptée par l’organisation.',
    noneAdopted: 'Aucune version de cette application n’a encore été adoptée.',
    unchecked: 'La version de cette application n’a pas pu être vérifiée.',
    howToCheck: 'Un serveur qui modifie l’application peut aussi modifier cette ligne : vérifiez depuis votre propre machine avec « collegium check-app ».',
  },
};
