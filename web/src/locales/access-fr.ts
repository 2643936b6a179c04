// Chaînes françaises de l'accessibilité et de l'appareil perdu ; mêmes clés que access-en.ts.
import type { accessEn } from './access-en.js';
import type { Locale } from './locale.js';

export const accessFr: Locale<typeof accessEn> = {
  lostDevice: {
    title: 'Un appareil perdu',
    memberIntro: 'Si {{name}} perd l’appareil qui porte sa clé (un téléphone, un ordinateur), personne ne peut plus agir en son nom avec cet appareil une fois la clé révoquée, et {{name}} peut revenir avec un nouvel appareil.',
    stepOther: 'Un autre de ses appareils fonctionne encore : depuis celui-ci, dans la vue Clés, on révoque la clé perdue et on ajoute un nouvel appareil.',
    stepNone: 'Plus aucun de ses appareils ne fonctionne : sur un nouvel appareil, dans la vue Clés, on crée une clé et on signe une demande avec elle, puis on lit son identifiant et son empreinte au {{body}}. Après avoir vérifié l’empreinte en personne, il adopte une résolution (statuts {{article}}) qui révoque les clés perdues et admet cette clé. Aucun code n’est remis.',
    keysIntro: 'Un appareil perdu ? Si un autre de vos appareils fonctionne encore, révoquez ci-dessous la clé perdue depuis celui-ci. Si aucun ne fonctionne plus, demandez une nouvelle clé depuis un nouvel appareil : l’instance qui admet les membres révoque les clés perdues et admet la clé créée par cet appareil.',
    enrollIntro: 'Vous avez perdu votre seul appareil ? Demandez ci-dessous une nouvelle clé depuis cet appareil (statuts §3.4) : l’instance qui admet les membres révoque la clé perdue et admet la clé que crée ce navigateur.',
    activeKeys_one: '{{name}} a {{count}} clé active au registre.',
    activeKeys_other: '{{name}} a {{count}} clés actives au registre.',
    noActiveKey: '{{name}} n’a aucune clé active : pas d’acte possible avant l’admission d’une nouvelle clé.',
    formOpen: 'Proposer d’admettre la nouvelle clé de {{name}}',
    formIntro: 'Pour un membre qui a perdu tous ses appareils. La résolution révoque ses clés actives listées ici et admet la clé créée par son nouvel appareil, désignée par sa demande. Comparez l’empreinte ci-dessous avec celle que {{name}} lit sur son propre écran. Le {{body}} la vote.',
    noRequest: '{{name}} n’a encore aucune demande de nouvelle clé au registre : il la fait depuis son nouvel appareil, dans la vue Clés.',
    requests: 'Demandes de nouvelle clé',
    request: 'Demande {{id}}, empreinte de la clé {{fingerprint}}',
    revokeList: 'Clés à révoquer (perdues)',
    confirm: 'J’ai vérifié avec {{name}}, en personne ou par un autre canal que cette application, que ses appareils sont perdus et que cette empreinte est celle de son nouvel appareil.',
    submit: 'Signer et proposer d’admettre la nouvelle clé',
    motionTitle: 'Une nouvelle clé pour {{name}} (appareil perdu)',
    motionText: '{{name}} ({{member}}) a perdu tous les appareils portant sa clé. Les clés perdues sont révoquées et la clé de la demande {{application}} (empreinte {{fingerprint}}), créée sur son nouvel appareil, est admise.',
    proposed: 'Proposée comme motion {{motion}} : une fois adoptée, l’appareil sur lequel {{name}} a créé la clé signe en son nom.',
  },
  contestKey: {
    formOpen: 'Proposer de faire droit à la contestation de {{name}}',
    formIntro: '{{name}} déclare que la clé inscrite avec son invitation n’est pas la sienne. La résolution révoque toutes les clés inscrites ou ajoutées depuis, marque les actes qu’elles ont signés comme n’étant pas les siens et admet la clé de sa contestation, créée sur son propre appareil. Comparez son empreinte avec celle que {{name}} lit sur son propre écran. Le {{body}} la vote.',
    confirm: 'J’ai vérifié avec {{name}}, en personne ou par un autre canal que cette application, qu’il n’a pas fait cette inscription et que cette empreinte est celle de son appareil.',
    submit: 'Signer et proposer de faire droit à la contestation',
    motionTitle: 'Contestation de {{name}} : il y est fait droit',
    motionText: '{{name}} ({{member}}) n’a pas inscrit la clé inscrite avec son invitation. Les clés inscrites ou ajoutées depuis sont révoquées, les actes qu’elles ont signés marqués comme n’étant pas les siens, et la clé de la contestation {{application}} (empreinte {{fingerprint}}), créée sur son propre appareil, est admise.',
  },
  newKey: {
    member: 'Votre identifiant au registre (tel que dans votre invitation, par ex. « dan »)',
    lost: {
      title: 'Vous avez perdu tous vos appareils ?',
      intro: 'Ce navigateur crée une nouvelle clé, qui ne le quitte jamais, et signe en votre nom une demande avec elle. Lisez l’identifiant de la demande et l’empreinte de la clé à l’instance qui admet les membres : sa résolution révoque les clés perdues et admet cette clé.',
      submit: 'Créer ma clé et la demander',
      next: 'Donnez cet identifiant et lisez cette empreinte à l’instance, en personne. Une fois sa résolution adoptée, ce navigateur signe en votre nom.',
    },
    contest: {
      title: 'Quelqu’un d’autre s’est inscrit avec votre invitation ?',
      intro: 'Si la clé inscrite avec votre code d’invitation n’est pas la vôtre (qui connaissait le code pouvait s’inscrire avant vous), contestez-la depuis cet appareil dans le délai des statuts. Ce navigateur crée votre clé et signe la contestation avec elle ; la résolution de l’instance révoque les clés inscrites en votre nom, marque leurs actes comme n’étant pas les vôtres et admet cette clé.',
      submit: 'Créer ma clé et contester l’inscription',
      next: 'Donnez cet identifiant et lisez cette empreinte à l’instance, en personne. Une fois que sa résolution fait droit à votre contestation, ce navigateur signe en votre nom.',
      nothing: '{{member}} n’a aucune inscription par invitation qui puisse être contestée.',
    },
    sent: 'Demande au registre :',
    fingerprint: 'Empreinte de la clé créée par ce navigateur :',
    waiting: 'La clé de ce navigateur n’est pas encore admise : elle attend la résolution de l’instance sur votre demande.',
  },
};
