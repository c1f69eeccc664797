// The package ships JavaScript only; this is the part of its API the desk uses.
declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    data: string | number | Date;
    unit: string;
    isoDate: string;
  }
  export function parseBarcode(barcode: string): { codeName: string; parsedCodeItems: ParsedElement[] };
}
