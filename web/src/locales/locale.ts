// The shape every language's resources must have: exactly the English keys, with strings. A
// plural key may add the forms its language needs beyond English's `_one`/`_other` (French `_many`).
type PluralExtras<T> = { [K in keyof T as K extends `${infer Base}_other` ? `${Base}_many` | `${Base}_few` | `${Base}_two` | `${Base}_zero` : never]?: string };

/** Resources with the keys of `T` (the English ones), each a string or a group of them. */
export type Locale<T> = { [K in keyof T]: T[K] extends string ? string : Locale<T[K]> } & PluralExtras<T>;
