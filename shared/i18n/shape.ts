/** The English resources must have exactly the keys of the Chinese ones. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export interface Bundle<T> {
  'zh-CN': T;
  en: Shape<T>;
}

export const bundle = <T>(b: Bundle<T>): Bundle<T> => b;
