import { createContext, useContext, useState, type ReactNode } from 'react';
import type { KeyFile } from './keyFile';

/**
 * The key file opened at login, kept in this page's memory only (never in storage), so the offer can be signed with
 * the same key without choosing the file again. A reload forgets it.
 */
const KeySessionContext = createContext<{ key: KeyFile | null; setKey: (key: KeyFile | null) => void }>({
  key: null,
  setKey: () => {},
});

export function KeySessionProvider({ children }: { children: ReactNode }) {
  const [key, setKey] = useState<KeyFile | null>(null);
  return <KeySessionContext.Provider value={{ key, setKey }}>{children}</KeySessionContext.Provider>;
}

export function useKeySession() {
  return useContext(KeySessionContext);
}
