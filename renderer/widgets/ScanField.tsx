import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import './widgets.css';

/**
 * Where a barcode scanner types: scanners act as keyboards and end each code with Enter.
 * The field empties itself after every code, so the next scan starts clean; what the code
 * meant is said next to it (found, added, or not recognised).
 */
export function ScanField({ onScan, disabled, inputRef }: { onScan(code: string): Promise<{ ok: boolean; text: string }>; disabled?: boolean; inputRef?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [camera, setCamera] = useState(false);
  // A scanner may send the next code before the last one is looked up: codes are handled in order, none dropped.
  const queue = useRef(Promise.resolve());
  const submit = (code: string) => {
    queue.current = queue.current
      .then(() => onScan(code))
      .then((a) => {
        if (!a.ok) beep();
        setAnswer(a);
      }, () => {});
  };
  const hasCamera = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  return (
    <div className="scan-field">
      <label>
        <span className="scan-label">{t('widgets.scan')}</span>
        <input
          ref={inputRef}
          type="text"
          value={value}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('widgets.scanPlaceholder')}
          aria-label={t('widgets.scan')}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            // Ctrl+Enter is not a scan: it confirms the form or dialog the field is in.
            if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            const code = value.trim();
            setValue('');
            if (!code) return;
            submit(code);
          }}
        />
      </label>
      {hasCamera && (
        <button type="button" className="small" disabled={disabled} aria-pressed={camera} onClick={() => setCamera((on) => !on)}>
          {camera ? t('widgets.cameraStop') : t('widgets.camera')}
        </button>
      )}
      <span className={`scan-answer ${answer ? (answer.ok ? 'ok' : 'bad') : ''}`} role="status" aria-live="polite">
        {answer?.text ?? t('widgets.scanHint')}
      </span>
      {camera && (
        <CameraView
          onCode={(code) => {
            setCamera(false);
            submit(code);
          }}
          onFail={() => {
            setCamera(false);
            beep();
            setAnswer({ ok: false, text: t('widgets.cameraFailed') });
          }}
        />
      )}
    </div>
  );
}

/** The camera's picture while it looks for a code; the reader (renderer/widgets/camera.ts) is loaded when first opened. */
function CameraView({ onCode, onFail }: { onCode(code: string): void; onFail(): void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onFail });
  handlers.current = { onCode, onFail };
  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    void import('./camera.ts')
      .then(({ scanWithCamera }) => scanWithCamera(video.current!, (code) => handlers.current.onCode(code), () => gone))
      .then(
        (s) => {
          if (gone) s();
          else stop = s;
        },
        () => !gone && handlers.current.onFail(),
      );
    return () => {
      gone = true;
      stop?.();
    };
  }, []);
  return (
    <div className="scan-camera">
      <video ref={video} muted playsInline aria-label={t('widgets.cameraView')} />
      <span className="soft">{t('widgets.cameraHint')}</span>
    </div>
  );
}

/** A bad scan is heard as well as read: the storekeeper at the dock is looking at the carton, not the screen. */
function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.onended = () => void audio.close();
    tone.start();
    tone.stop(audio.currentTime + 0.2);
  } catch {
    // No sound device: the answer beside the field still says it.
  }
}
