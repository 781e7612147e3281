// A confirmation handed to the next page in the history entry's state ("Profile saved.",
// "You have been logged out."). It belongs to the page view the action led to: it is read once
// and removed from the entry at once, so a reload or a return through history does not show it
// again, and the page drops it as soon as the person does something new there.
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

export interface NoticeState {
  notice?: string;
}

export function usePageNotice(): { notice: string | null; dismiss: () => void } {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(() => (location.state as NoticeState | null)?.notice ?? null);

  useEffect(() => {
    const state = location.state as (NoticeState & Record<string, unknown>) | null;
    if (state?.notice === undefined) return;
    const { notice: _shown, ...rest } = state;
    // Same address, same entry; whatever else the state carries (`from`, for the login page) stays.
    void navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: Object.keys(rest).length > 0 ? rest : null });
  }, [location, navigate]);

  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, dismiss };
}
