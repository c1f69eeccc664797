/** Hands a file the core made (base64) to the browser's download, as a spreadsheet would be saved. */
export function saveFile(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
