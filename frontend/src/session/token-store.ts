// The refresh token's home between page loads: this tab's sessionStorage (see README "Token
// handling" for why not localStorage, and why not memory only). Falls back to memory when storage
// is disabled, which only costs a login after a reload.
import type { TokenStore } from './session-manager.ts';

const KEY = 'tracklore.refreshToken';

export function sessionStorageTokenStore(): TokenStore {
  let memory: string | null = null;
  const storage = (): Storage | null => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  };
  return {
    read() {
      try {
        return storage()?.getItem(KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    write(token) {
      memory = token;
      try {
        if (token === null) storage()?.removeItem(KEY);
        else storage()?.setItem(KEY, token);
      } catch {
        // Quota or privacy mode: the in-memory copy still serves this page load.
      }
    },
  };
}
