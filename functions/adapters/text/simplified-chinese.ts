/**
 * Traditional Chinese to Simplified, by OpenCC's own tables (`opencc-js`, its `t2cn` build of
 * about 110 KB: characters and the common phrases), not a hand-made list. Loaded on first use,
 * into its own chunk of the staff function: only a complaint that names staff in Chinese needs it.
 */
let converter: Promise<(text: string) => string> | undefined;

export function loadToSimplified(): Promise<(text: string) => string> {
  converter ??= import('opencc-js/t2cn').then(({ Converter }) => {
    // Taiwan's and Hong Kong's variant characters both become the mainland's simplified ones.
    const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
    const fromHongKong = Converter({ from: 'hk', to: 'cn' });
    return (text: string) => fromHongKong(fromTaiwan(text));
  });
  return converter;
}

/** Whether `text` has any CJK ideograph, the only characters the conversion changes. */
export const hasHanCharacters = (text: string) => /\p{Script=Han}/u.test(text);
