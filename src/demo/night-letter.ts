// The letter handed to the delegates of the demo's night session (a closed session of the
// congress): a text with variant wordings in {{…||…}} slots (docs/TRACING.md), so that each
// delegate's copy is fingerprinted and a leaked, retyped excerpt can be traced to its recipient.
// Its distinctive phrase is what the tests look for on every public surface.

/** A phrase of the letter found in every copy (outside any slot). */
export const NIGHT_LETTER_PHRASE = 'has gathered immeasurable power in his hands';

export const NIGHT_LETTER = `To the delegates of the congress, to be read in closed session.

Comrades, I {{must put before you||have to lay before you}} a matter that {{cannot wait||will not wait}} for the next congress. The general secretary ${NIGHT_LETTER_PHRASE}, and I am not {{sure||certain}} that he will always use it with {{enough care||sufficient caution}}. The other members of the committee {{are consulted only in form||are asked for their view only for appearances}}, and their objections {{never reach the minutes||are never written down}}. Decisions are {{taken in advance||settled beforehand}} by a few, and the committee {{only confirms them||merely approves them}}.

I {{propose||suggest}} that the congress {{think about a way||consider a means}} of moving him from that post and of {{appointing||naming}} another person who differs from him in one {{respect only||single respect}}: that he be more patient, more loyal, more {{courteous||polite}} and more {{attentive to||considerate of}} the comrades. This may {{seem a small detail||look like a trifle}}. But from the point of view of {{preventing a split||avoiding a split}}, it is not a detail, or it is a detail which can {{take on decisive importance||become decisive}}. The {{danger||risk}} grows with every month {{we wait||we delay}}.

The committee {{should be enlarged||ought to be made larger}} with workers from the workshops, who {{know the country||see the country}} as it is and not as the reports {{describe it||paint it}}. Reports {{are dressed up||are polished}} on their way to the top, and the leadership {{learns too late||hears too late}} what every member {{already knows||knows already}}. A member who {{raises a doubt||voices a doubt}} is called an enemy, and {{a confession||an admission}} taken by pressure is used as the {{only proof||sole evidence}}. Such methods {{poison the party||corrupt the party}} from within.

Let the record {{keep every act||hold every act}}, signed by those who make it, so that no one can {{rewrite it afterwards||change it later}}. Let each sanction rest on {{evidence other than||proof other than}} the accused's own words. Let the {{offices rotate||posts rotate}} and let no one hold two of them {{at once||at the same time}}. Let every member {{be able to check||be free to verify}} what the leadership has done in {{their name||the name of all}}.

I ask the delegates {{to keep this letter||to hold this letter}} among themselves until the congress has decided. If it {{leaks abroad||is carried abroad}} before then, our opponents will {{use it against us||turn it against us}}, and the comrades {{who trusted us||who relied on us}} will learn of our quarrels from the {{newspapers||foreign press}}. Each of you {{receives a copy||is given a copy}} under your own name, and {{each copy||every copy}} can be told from the others.

With {{comradely greetings||fraternal greetings}}, the author, {{at night||late at night}}, in the last week before the congress.`;
