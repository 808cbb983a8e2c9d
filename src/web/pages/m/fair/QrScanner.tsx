import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/index.js';

type CameraProblem = 'denied' | 'unavailable' | 'insecure';

/**
 * The phone's camera in the browser, reading QR codes from its frames with jsQR (BarcodeDetector
 * is missing from most Android browsers). The same code is reported once until another is seen
 * or three seconds pass, so a ticket held in front of the lens is not sent twenty times.
 */
export function QrScanner({ onCode }: { onCode(code: string): void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [wanted, setWanted] = useState(false);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!wanted) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    const last = { code: '', at: 0 };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (error) {
        if (!stopped) {
          setProblem(error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'unavailable');
          setWanted(false);
        }
        return;
      }
      if (stopped || !video.current) { stream.getTracks().forEach((track) => track.stop()); return; }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      timer = setInterval(() => {
        const v = video.current;
        if (!v || !context || v.videoWidth === 0) return;
        // A frame at most 640 px wide is enough for a ticket and cheap on an old phone.
        const scale = Math.min(1, 640 / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (!found?.data) return;
        const now = Date.now();
        if (found.data === last.code && now - last.at < 3_000) return;
        last.code = found.data;
        last.at = now;
        navigator.vibrate?.(60);
        onCodeRef.current(found.data);
      }, 200);
    })();
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [wanted]);

  const start = () => {
    // Browsers give the camera only to https pages (and to localhost).
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) { setProblem('insecure'); return; }
    setProblem(null);
    setWanted(true);
  };
  const running = wanted;
  return (
    <div className="fd-scanner">
      <div className="fd-video" hidden={!running}>
        <video ref={video} muted playsInline aria-label={t('fd.camera.view')} />
        <span className="fd-video-frame" aria-hidden="true" />
      </div>
      {running ? (
        <button type="button" className="btn" onClick={() => setWanted(false)}>{t('fd.camera.stop')}</button>
      ) : (
        <button type="button" className="btn btn-primary fd-camera-button" onClick={start}>{t('fd.camera.start')}</button>
      )}
      {problem && <p className="m-alert" role="alert">{t(`fd.camera.${problem}`)}</p>}
    </div>
  );
}
