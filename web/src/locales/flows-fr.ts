// Français : les parcours de la salle du congrès (issue 14, points 1 et 5) : le vote secret en
// séance, les étapes des scrutateurs, les phrases des refus. Ajoutés à fr.ts ; mêmes clés que
// flows-en.ts (test/web/i18n.test.ts).
import type { flowsEn } from './flows-en.js';
import type { Locale } from './locale.js';
export const flowsFr: Locale<typeof flowsEn> = {
  secretFlow: {
    open: 'Ouvrir le vote secret',
    close: 'Clore le vote et dépouiller',
    callWaiting: 'Un délégué présent quand la présidence a mis la motion au scrutin secret ouvre maintenant le scrutin et en nomme les scrutateurs.',
    callTitle_one: 'Demander le scrutin secret : choisir son scrutateur',
    callTitle_other: 'Demander le scrutin secret : choisir ses {{count}} scrutateurs',
    callHintPanel_one: 'Le scrutateur vient de la liste nommée par l’organe que désignent les statuts. Il garde une part de la clé sur son propre appareil.',
    callHintPanel_other: 'Les {{count}} scrutateurs viennent de la liste nommée par l’organe que désignent les statuts. Chacun garde une part de la clé sur son propre appareil ; personne ne la détient entière.',
    callHint_one: 'Choisissez le scrutateur. Il garde une part de la clé sur son propre appareil.',
    callHint_other: 'Choisissez les {{count}} scrutateurs. Chacun garde une part de la clé sur son propre appareil ; personne ne la détient entière.',
    noPanel: 'Aucune liste de scrutateurs n’a encore été nommée : l’organe désigné par les statuts adopte une résolution qui la nomme.',
    pickTellers_one: 'Choisissez exactement un scrutateur.',
    pickTellers_other: 'Choisissez exactement {{count}} scrutateurs.',
    call: 'Demander le scrutin secret',
  },
  motionFlow: {
    youSeconded: 'Vous avez appuyé cette motion.',
    bySecretBallot: 'La présidence a mis cette motion au scrutin secret en séance : elle se vote là, pas à main levée.',
    toSecretBallot: 'Aller au scrutin secret',
  },
  voteFlow: {
    noMotion: 'Aucune motion n’attend de vote dans cette séance : une motion soumise à la séance et appuyée apparaît ici.',
    amendmentOption: '{{lines}} : « {{text}} »',
    amendmentDeletes: '{{lines}} : supprimées',
    noAmendment: 'Aucun amendement à cette motion n’attend de vote : un amendement apparaît ici une fois proposé ; il lui faut ses soutiens avant d’être mis aux voix.',
    underSecret_one: 'Au scrutin secret, voté dans le scrutin secret ci-dessous : {{titles}}.',
    underSecret_other: 'Aux scrutins secrets, votés dans les scrutins secrets ci-dessous : {{titles}}.',
  },
  amendmentFlow: {
    needs_one: 'Avant que la présidence puisse le mettre aux voix, il lui faut un soutien en plus de son auteur : {{have}} sur {{count}} pour l’instant.',
    needs_other: 'Avant que la présidence puisse le mettre aux voix, il lui faut des soutiens en plus de son auteur : {{have}} sur {{count}} pour l’instant.',
    ready: 'Soutenu : la présidence peut le mettre aux voix.',
  },
  proposeFlow: {
    session: 'Soumettre à',
    noSession: 'Aucune séance : l’organe la vote pendant ses jours de vote',
    sessionHint: 'La motion attend cette séance : la présidence l’y met aux voix.',
    bodyHint: 'Ou choisissez une séance de cet organe : la motion y attend alors son vote en séance.',
    submitToSession: 'Signer et soumettre à la séance',
    doneInSession: 'Soumise à la séance : motion {{id}}. Il lui faut un appui avant que la présidence puisse la mettre aux voix.',
  },
  formCheck: {
    titleEmpty: 'Donnez un titre à la motion.',
    tooLong: 'Au plus {{max}} caractères.',
    rationaleEmpty: 'Dites pourquoi : l’exposé des motifs est lu par la salle.',
    noChange: 'Le nouveau texte est identique à l’ancien : modifiez-le, ou annulez.',
  },
  proxyFlow: {
    explain: 'Vous quittez la salle ? Donnez votre procuration à un délégué présent : il vote pour vous à main levée et par appel nominal jusqu’à ce que vous la repreniez. Un vote secret demande que toutes les procurations soient reprises.',
    givenHint: 'Il vote pour vous jusqu’à ce que vous la repreniez ; reprenez-la à votre retour.',
  },
  teller: {
    loading: 'Chargement de votre rôle de scrutateur…',
    title: 'Votre rôle de scrutateur {{n}} sur {{count}}',
    device: 'Votre part de la clé est créée et gardée dans ce navigateur seulement, sur cet appareil : utilisez le même navigateur à chaque étape et n’effacez pas ses données avant le résultat.',
    keygen: 'Créer ma clé de transport',
    deal: 'Distribuer mes parts',
    check: 'Vérifier les parts reçues',
    decrypt: 'Déchiffrer ma part du résultat',
    allCheck: 'Toutes les parts reçues sont valides : aucune réclamation.',
    sent_one: '{{count}} réclamation ou réponse envoyée.',
    sent_other: '{{count}} réclamations ou réponses envoyées.',
    mismatch: 'Votre part de clé ne correspond pas à votre clé de vérification au registre : ce navigateur ne détient pas la part de ce vote.',
    badShare: 'Une part reçue ne s’ouvre pas ou n’est pas valide.',
    notTallying: 'Le vote n’attend pas de déchiffrement.',
    step: {
      keygen: 'Étape 1 sur 4 : créez votre clé de transport. Sa moitié privée reste ici ; sa moitié publique va au registre.',
      'wait-keys': 'Étape 2 sur 4 : en attente des clés de transport des autres scrutateurs.',
      deal: 'Étape 2 sur 4 : toutes les clés de transport sont là. Distribuez vos parts : chaque scrutateur en reçoit une, scellée pour lui.',
      check: 'Étape 3 sur 4 : vérifiez les parts reçues ; une part invalide fait l’objet d’une réclamation au registre. Le vote s’ouvre quand la cérémonie est prête.',
      'wait-close': 'Le vote est ouvert. L’étape 4 vient quand la présidence le clôt : gardez ce navigateur.',
      decrypt: 'Étape 4 sur 4 : le vote est clos. Déchiffrez votre part du total (jamais un bulletin seul).',
      done: 'Votre rôle est accompli.',
      lost: 'Ce navigateur ne détient pas votre part de clé pour ce vote : elle a été créée sur un autre appareil. Continuez là-bas.',
    },
  },
};
