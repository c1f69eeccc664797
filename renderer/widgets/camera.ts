/**
 * Reading a code from the camera, for a handheld or tablet without a scanner (or a damaged
 * scanner at night): the browser's own BarcodeDetector where it has one (Chrome on Android,
 * macOS), else zxing-wasm — the same barcode reader (ZXing C++) compiled to WebAssembly and
 * shipped inside the app, never fetched from the internet. Loaded only when the camera is opened.
 */
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader';
// The reader's WebAssembly inside this chunk, as base64: the desktop app's pages may fetch nothing (CSP connect-src 'none').
import wasmBase64 from 'zxing-wasm/reader/zxing_reader.wasm?base64';

/** The symbologies on goods and on our own labels: GS1 DataMatrix / QR / GS1-128, EAN/UPC, Code 128, our QR. */
const FORMATS: ReadInputBarcodeFormat[] = ['DataMatrix', 'QRCode', 'Code128', 'EAN13', 'EAN8', 'UPCA', 'ITF'];
const DETECTOR_FORMATS = ['data_matrix', 'qr_code', 'code_128', 'ean_13', 'ean_8', 'upc_a', 'itf'];

interface DetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

let prepared = false;
function prepareReader(): void {
  if (prepared) return;
  prepared = true;
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  prepareZXingModule({ overrides: { wasmBinary: bytes.buffer } });
}

/** A frame's code, or null: the browser's detector first, the shipped reader otherwise. */
export async function readFrame(canvas: HTMLCanvasElement): Promise<string | null> {
  const Detector = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => DetectorLike }).BarcodeDetector;
  if (Detector) {
    const found = await new Detector({ formats: DETECTOR_FORMATS }).detect(canvas).catch(() => []);
    if (found[0]?.rawValue) return found[0].rawValue;
  }
  prepareReader();
  const image = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
  const [hit] = await readBarcodes(image, { formats: FORMATS, tryHarder: true, maxNumberOfSymbols: 1 });
  return hit?.isValid ? hit.text : null;
}

/**
 * Shows the camera in `video` and reads a frame a few times a second until a code is found (then
 * the camera is released and `onCode` gets it) or `stop()` is called. Refused (no camera, or not
 * allowed) it rejects, and the scan field says so. `cancelled`: the caller no longer wants it.
 */
export async function scanWithCamera(video: HTMLVideoElement, onCode: (code: string) => void, cancelled: () => boolean = () => false): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
  let stopped = false;
  const stop = () => {
    stopped = true;
    stream.getTracks().forEach((t) => t.stop());
    // Only its own picture: the same video element may show a later opening's camera by now.
    if (video.srcObject === stream) video.srcObject = null;
  };
  // Closed while the camera was being opened (or opened twice, as React's StrictMode does in
  // development): this camera is released and the video left to the opening that is still wanted.
  if (cancelled()) {
    stop();
    return stop;
  }
  video.srcObject = stream;
  await video.play().catch(() => {});
  const canvas = document.createElement('canvas');
  const tick = async () => {
    if (stopped) return;
    if (video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d', { willReadFrequently: true })!.drawImage(video, 0, 0);
      const code = await readFrame(canvas).catch(() => null);
      if (code && !stopped) {
        stop();
        onCode(code);
        return;
      }
    }
    setTimeout(() => void tick(), 250);
  };
  void tick();
  return stop;
}
