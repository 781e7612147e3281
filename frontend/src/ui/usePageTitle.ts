import { useEffect } from 'react';

/** Sets document.title, so history entries and screen-reader announcements name the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Tracklore`;
  }, [title]);
}
