// English strings of accessibility and the lost-device flow (features/members/lost-device.tsx),
// spread into en.ts; access-fr.ts has the same keys (test/web/i18n.test.ts).
export const accessEn = {
  lostDevice: {
    title: 'A lost device',
    memberIntro: 'If {{name}} loses the device that holds their key (a phone, a laptop), nobody can act in their name with it once the key is revoked, and {{name}} can come back with a new one.',
    stepOther: 'Another device of theirs still works: they revoke the lost key from it in the Keys view, and add a new device there.',
    stepNone: 'No device of theirs works any more: they ask the {{body}}. It adopts a resolution (statute {{article}}) that revokes the lost keys and gives them a fresh invitation code, handed to them apart (in person, or by a channel other than this app). They enroll a new device with it in the Keys view.',
    keysIntro: 'Lost a device? If another of your devices still works, revoke the lost key below, from this one. If none works any more, ask the body that admits members for a new invitation: it revokes the lost keys and gives you a fresh code, with which you enroll a new device.',
    enrollIntro: 'Lost your only device? The body that admits members can revoke the lost key and give you a fresh invitation code (statute §3.4): enroll this device with that new code, as the first time.',
    activeKeys_one: '{{name}} has {{count}} active key on the record.',
    activeKeys_other: '{{name}} has {{count}} active keys on the record.',
    noActiveKey: '{{name}} has no active key: they cannot act until they enroll a new device.',
    formOpen: 'Propose a new invitation for {{name}}',
    formIntro: 'For a member who has lost every device. The resolution revokes their active keys listed here, and gives them a fresh one-time invitation code made in this browser (128 random bits): only its hash goes on the record. The {{body}} votes on it.',
    revokeList: 'Keys to revoke (lost)',
    confirm: 'I have checked with {{name}} in person, or by a channel other than this app, that they lost their devices.',
    submit: 'Sign and propose the new invitation',
    motionTitle: 'A new invitation for {{name}} (a lost device)',
    motionText: '{{name}} ({{member}}) has lost every device holding their key. The lost keys are revoked and {{name}} receives a fresh one-time invitation code, handed to them apart, to enroll a new device.',
    code: 'The invitation code for {{name}}',
    codeHint: 'Give this code to {{name}} apart, in person or by a channel other than this app. It is shown only once and is not on the record (only its hash is). It works once the motion {{motion}} is adopted.',
  },
};
