// English strings of the release badge (features/release), spread into en.ts; release-fr.ts has
// the same keys (test/web/i18n.test.ts).
export const releaseEn = {
  release: {
    adopted: 'App release {{version}}, adopted at entry {{entry}}',
    notAdopted: 'This app is not a release the organization adopted.',
    noneAdopted: 'No release of this app has been adopted yet.',
    unchecked: 'This app’s release could not be checked.',
    howToCheck: 'A server that changes the app can change this line too: check from your own machine with “collegium check-app”.',
  },
};
