import { QueryClientProvider } from '@tanstack/react-query';
import { useContext } from 'react';
import { Outlet } from 'react-router';
import { createQueryClient } from './api/queries';
import { ClientHolderContext } from './clientHolder';

/** Every screen with server state renders inside this: the one query client of this app. */
export default function AppShell() {
  const holder = useContext(ClientHolderContext);
  holder.client ??= createQueryClient(holder.onError);
  return (
    <QueryClientProvider client={holder.client}>
      <Outlet />
    </QueryClientProvider>
  );
}
