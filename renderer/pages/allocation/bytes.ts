/** A chosen file's bytes as base64, the way the core takes an uploaded workbook (in slices: a 20 MB file must not blow the call stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A whole number ≥ 0 typed into a cell ("1,200" too); undefined when it is not one, null when blank. */
export function wholeNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const text = String(value).replace(/[,，\s]/g, '');
  if (text === '') return null;
  return /^\d{1,10}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined;
}
