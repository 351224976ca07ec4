import type {
  Offer,
  OfferInput,
  OfferSearch,
  Order,
  OrderAction,
  OrderInput,
  OrderStatus,
  RankedOffer,
  Throughput,
  UsageInput,
  Workload,
} from '@zhicheng/contracts/compute-network';
import { api, qs } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import type { Page } from '../api';

export type OfferQuery = Partial<Omit<OfferSearch, 'page' | 'pageSize' | 'sort'>> & {
  page?: number;
  pageSize?: number;
  sort?: OfferSearch['sort'];
};
export interface OrderQuery {
  status?: OrderStatus;
  page?: number;
  pageSize?: number;
}

/** Query keys of the supermarket: one place, so a change invalidates exactly what it touched. */
export const marketKeys = {
  all: ['compute', 'market'] as const,
  offers: (q: OfferQuery) => ['compute', 'market', 'offers', q] as const,
  rank: (w: Workload | null) => ['compute', 'market', 'rank', w] as const,
  throughputs: (family?: string) => ['compute', 'market', 'throughputs', family ?? ''] as const,
  orders: (q: OrderQuery) => ['compute', 'market', 'orders', q] as const,
};

export const useOffers = (q: OfferQuery) =>
  useApiQuery<Page<Offer>>(marketKeys.offers(q), `/api/v1/compute/market/offers${qs({ ...q })}`);
export const useThroughputs = (family?: string) =>
  useApiQuery<{ items: Throughput[]; families: string[] }>(
    marketKeys.throughputs(family),
    `/api/v1/compute/market/throughputs${qs({ family })}`,
    { staleTime: 10 * 60_000 },
  );
export const useOrders = (q: OrderQuery) =>
  useApiQuery<Page<Order>>(marketKeys.orders(q), `/api/v1/compute/market/orders${qs({ ...q })}`);

export const useRank = () =>
  useApiMutation((w: Workload) =>
    api.post<{ items: RankedOffer[]; unrated: string[] }>('/api/v1/compute/market/rank', w),
  );

export const usePublishOffer = (onProblem?: (e: unknown) => void) =>
  useApiMutation((input: OfferInput) => api.post<Offer>('/api/v1/compute/market/offers', input), {
    invalidate: [marketKeys.all],
    done: { zh: '已上架', en: 'Published' },
    onProblem: (e) => void onProblem?.(e),
  });

export const useWithdrawOffer = () =>
  useApiMutation(
    (o: Offer) =>
      api.put<Offer>(`/api/v1/compute/market/offers/${o.id}`, {
        dataCentreId: o.dataCentreId,
        modelId: o.modelId,
        cards: o.cards,
        memoryGb: o.memoryGb,
        interconnect: o.interconnect,
        priceFenPerCardHour: o.priceFenPerCardHour,
        billing: o.billing,
        availableFrom: o.availableFrom,
        availableUntil: o.availableUntil,
        minLeaseHours: o.minLeaseHours,
        note: o.note ?? undefined,
        status: 'withdrawn',
      }),
    { invalidate: [marketKeys.all], done: { zh: '已下架', en: 'Withdrawn' } },
  );

export const usePlaceOrder = () =>
  useApiMutation((input: OrderInput) => api.post<Order>('/api/v1/compute/market/orders', input), {
    invalidate: [marketKeys.all],
    done: { zh: '已提交订单,等待数据中心确认', en: 'Ordered; awaiting the centre’s confirmation' },
  });

export const useOrderAction = () =>
  useApiMutation(
    ({ id, action }: { id: string; action: OrderAction }) =>
      api.post<Order>(`/api/v1/compute/market/orders/${id}/actions`, action),
    { invalidate: [marketKeys.all], done: { zh: '已更新订单', en: 'Order updated' } },
  );

export const useRecordUsage = () =>
  useApiMutation(
    ({ id, usage }: { id: string; usage: UsageInput }) =>
      api.post<Order>(`/api/v1/compute/market/orders/${id}/usage`, usage),
    { invalidate: [marketKeys.all], done: { zh: '已记录计量', en: 'Usage recorded' } },
  );

/** Card-hours computed from the centre's remote-write metrics (series labelled zc_order = the order number). */
export const useMeterFromMetrics = () =>
  useApiMutation((id: string) => api.post<Order>(`/api/v1/compute/market/orders/${id}/usage/metered`, {}), {
    invalidate: [marketKeys.all],
    done: { zh: '已按指标计量', en: 'Metered from metrics' },
  });

/** Integer fen as yuan for people: ¥1,234.50. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
