/// <reference types="vite/client" />

/** A file's bytes as base64 (renderer/vite.config.ts, base64Import). */
declare module '*?base64' {
  const base64: string;
  export default base64;
}
