// Chaînes françaises de l'accessibilité et de l'appareil perdu ; mêmes clés que access-en.ts.
import type { accessEn } from './access-en.js';
import type { Locale } from './locale.js';

export const accessFr: Locale<typeof accessEn> = {
  lostDevice: {
    title: 'Un appareil perdu',
    memberIntro: 'Si {{name}} perd l’appareil qui porte sa clé (un téléphone, un ordinateur), personne ne peut plus agir en son nom avec cet appareil une fois la clé révoquée, et {{name}} peut revenir avec un nouvel appareil.',
    stepOther: 'Un autre de ses appareils fonctionne encore : depuis celui-ci, dans la vue Clés, on révoque la clé perdue et on ajoute un nouvel appareil.',
    stepNone: 'Plus aucun de ses appareils ne fonctionne : on s’adresse au {{body}}. Il adopte une résolution (statuts {{article}}) qui révoque les clés perdues et donne un nouveau code d’invitation, remis à part (en personne, ou par un autre canal que cette application). On inscrit avec ce code un nouvel appareil dans la vue Clés.',
    keysIntro: 'Un appareil perdu ? Si un autre de vos appareils fonctionne encore, révoquez ci-dessous la clé perdue depuis celui-ci. Si aucun ne fonctionne plus, demandez une nouvelle invitation à l’instance qui admet les membres : elle révoque les clés perdues et vous remet un nouveau code, avec lequel vous inscrivez un nouvel appareil.',
    enrollIntro: 'Vous avez perdu votre seul appareil ? L’instance qui admet les membres peut révoquer la clé perdue et vous remettre un nouveau code d’invitation (statuts §3.4) : inscrivez cet appareil avec ce nouveau code, comme la première fois.',
    activeKeys_one: '{{name}} a {{count}} clé active au registre.',
    activeKeys_other: '{{name}} a {{count}} clés actives au registre.',
    noActiveKey: '{{name}} n’a aucune clé active : pas d’acte possible avant l’inscription d’un nouvel appareil.',
    formOpen: 'Proposer une nouvelle invitation pour {{name}}',
    formIntro: 'Pour un membre qui a perdu tous ses appareils. La résolution révoque ses clés actives listées ici et lui donne un nouveau code d’invitation à usage unique, créé dans ce navigateur (128 bits aléatoires) : seule son empreinte va au registre. Le {{body}} la vote.',
    revokeList: 'Clés à révoquer (perdues)',
    confirm: 'J’ai vérifié avec {{name}}, en personne ou par un autre canal que cette application, que ses appareils sont perdus.',
    submit: 'Signer et proposer la nouvelle invitation',
    motionTitle: 'Une nouvelle invitation pour {{name}} (appareil perdu)',
    motionText: '{{name}} ({{member}}) a perdu tous les appareils portant sa clé. Les clés perdues sont révoquées et {{name}} reçoit un nouveau code d’invitation à usage unique, remis à part, pour inscrire un nouvel appareil.',
    code: 'Le code d’invitation de {{name}}',
    codeHint: 'Remettez ce code à {{name}} à part, en personne ou par un autre canal que cette application. Il n’est affiché qu’une fois et n’est pas au registre (seule son empreinte l’est). Il fonctionne une fois la motion {{motion}} adoptée.',
  },
};
