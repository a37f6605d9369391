import { MutationCache, QueryCache, QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { BranchPage, DevInfo, DocumentTypes, Offer, Partner, Service, Branch, ServicePage, QrCodePage } from './types';

/** Server state: one query key per resource, so a change invalidates exactly what shows it. */
export const keys = {
  partner: ['partner'] as const,
  offer: ['offer'] as const,
  documentTypes: ['document-types'] as const,
  branches: ['branches'] as const,
  branch: (id: string) => ['branches', id] as const,
  services: (branchId: string) => ['branches', branchId, 'services'] as const,
  service: (id: string) => ['services', id] as const,
  qrCodes: (serviceId: string) => ['services', serviceId, 'qr-codes'] as const,
  shares: ['shares'] as const,
  devInfo: ['dev-info'] as const,
  mail: ['dev-mail'] as const,
};

export const partnerQuery = queryOptions({ queryKey: keys.partner, queryFn: () => api<Partner>('/api/v1/partner'), staleTime: 30_000 });
export const offerQuery = queryOptions({ queryKey: keys.offer, queryFn: () => api<Offer>('/api/v1/offer') });
export const documentTypesQuery = queryOptions({
  queryKey: keys.documentTypes,
  queryFn: () => api<DocumentTypes>('/api/v1/document-types'),
  staleTime: Infinity,
});
export const devInfoQuery = queryOptions({
  queryKey: keys.devInfo,
  // Absent on a production gateway: then there is nothing to show, which is not an error.
  queryFn: () => api<DevInfo>('/dev/info').catch(() => null),
  staleTime: Infinity,
});

/** Every page of a cursor-paged list (branches and services are few per partner). */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const url = `${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: T[]; nextCursor: string | null } = await api(url);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const branchesQuery = queryOptions({
  queryKey: keys.branches,
  queryFn: () => allPages<BranchPage['items'][number]>('/api/v1/branches'),
});
export const branchQuery = (id: string) => queryOptions({ queryKey: keys.branch(id), queryFn: () => api<Branch>(`/api/v1/branches/${id}`) });
export const servicesQuery = (branchId: string) =>
  queryOptions({
    queryKey: keys.services(branchId),
    queryFn: () => allPages<ServicePage['items'][number]>(`/api/v1/branches/${branchId}/services`),
  });
export const serviceQuery = (id: string) => queryOptions({ queryKey: keys.service(id), queryFn: () => api<Service>(`/api/v1/services/${id}`) });
export const qrCodesQuery = (serviceId: string) =>
  queryOptions({
    queryKey: keys.qrCodes(serviceId),
    queryFn: () => allPages<QrCodePage['items'][number]>(`/api/v1/services/${serviceId}/qr-codes`),
  });

/** @param onError sees every failed query and mutation (the app sends 401s to login with it) */
export function createQueryClient(onError?: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
    },
  });
}
