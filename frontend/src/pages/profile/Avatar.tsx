import { useState } from 'react';
import { previewableAvatarUrl } from './profile-form.ts';

/** The avatar image, or the name's initial when there is no usable image. */
export function Avatar({ url, name, size = 'medium' }: { url: string | null; name: string; size?: 'medium' | 'large' }) {
  const src = url ? previewableAvatarUrl(url) : null;
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const initial = name.trim().charAt(0).toUpperCase() || '?';
  if (!src || failedSrc === src) {
    return (
      <span className={`avatar avatar--${size} avatar--initial`} aria-hidden="true">
        {initial}
      </span>
    );
  }
  return <img className={`avatar avatar--${size}`} src={src} alt="" referrerPolicy="no-referrer" onError={() => setFailedSrc(src)} />;
}
