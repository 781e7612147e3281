// After an inline panel (a form opened by a button) closes, the control that had the focus is
// gone and the focus falls to the page's start. This hands it to the returned ref's element (or
// its first button) instead, so keyboard users stay where they were.
import { useEffect, useRef } from 'react';

export function useReturnFocus<T extends HTMLElement>(open: boolean) {
  const target = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const element = target.current;
    (element?.matches('button') ? element : element?.querySelector('button'))?.focus();
  }, [open]);
  return target;
}
