import { createContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';

/**
 * The app's TanStack Query client, created on first need by the screens that use server state (their shell, or the
 * cabinet's guard): the landing page does without it, which keeps its JavaScript small.
 */
export interface ClientHolder {
  client?: QueryClient;
  onError: (error: unknown) => void;
}

export const ClientHolderContext = createContext<ClientHolder>({ onError: () => {} });
