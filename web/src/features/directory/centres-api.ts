import type {
  Booking,
  BookingInput,
  CentreApplication,
  CentreApplicationInput,
  CentreDecisionInput,
  CentreReportInput,
  CentreReview,
  CentreRound,
  CentreRoundDetail,
  CentreRoundInput,
  CentreScoreInput,
  PublicCentre,
} from '@zhicheng/contracts/directory';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

/** 科普展示中心: query keys and calls. */
export const centreKeys = {
  all: ['directory', 'centres'] as const,
  rounds: ['directory', 'centres', 'rounds'] as const,
  round: (id: string) => ['directory', 'centres', 'round', id] as const,
  bookings: (id: string) => ['directory', 'centres', 'bookings', id] as const,
  reviews: ['directory', 'centres', 'reviews'] as const,
  public: ['directory-public', 'centres'] as const,
  availability: (id: string) => ['directory-public', 'centres', 'availability', id] as const,
};

export const useCentreRounds = () => useApiQuery<CentreRound[]>(centreKeys.rounds, '/api/v1/directory/centre-rounds');
export const useCentreRound = (id: string | null) =>
  useApiQuery<CentreRoundDetail>(centreKeys.round(id ?? ''), id ? `/api/v1/directory/centre-rounds/${id}` : null);
export const useCentreBookings = (id: string | null) =>
  useApiQuery<Booking[]>(
    centreKeys.bookings(id ?? ''),
    id ? `/api/v1/directory/centre-applications/${id}/bookings` : null,
  );

export const useCreateRound = () =>
  useApiMutation(
    (input: z.input<typeof CentreRoundInput>) => api.post<CentreRoundDetail>('/api/v1/directory/centre-rounds', input),
    { invalidate: [centreKeys.all], done: { zh: '已发布遴选', en: 'Round opened' } },
  );

export const useApplyCentre = () =>
  useApiMutation(
    (v: { roundId: string; input: CentreApplicationInput }) =>
      api.post<CentreApplication>(`/api/v1/directory/centre-rounds/${v.roundId}/applications`, v.input),
    { invalidate: [centreKeys.all], done: { zh: '已申报', en: 'Application submitted' } },
  );

export const useDrawReviewers = () =>
  useApiMutation((id: string) => api.post<CentreApplication>(`/api/v1/directory/centre-applications/${id}/draw`, {}), {
    invalidate: [centreKeys.all],
    done: { zh: '已抽取评审专家,等待专家答复', en: 'Reviewers drawn; awaiting answers' },
  });

export const useDecideCentre = () =>
  useApiMutation(
    (v: { id: string; input: CentreDecisionInput }) =>
      api.post<CentreApplication>(`/api/v1/directory/centre-applications/${v.id}/decision`, v.input),
    { invalidate: [centreKeys.all], done: { zh: '已作出认定决定', en: 'Decision recorded' } },
  );

export const useReportQuarter = () =>
  useApiMutation(
    (v: { id: string; input: CentreReportInput }) =>
      api.post<CentreApplication>(`/api/v1/directory/centre-applications/${v.id}/reports`, v.input),
    { invalidate: [centreKeys.all], done: { zh: '已报送季度活动', en: 'Quarter reported' } },
  );

export const useCentreReviews = () =>
  useApiQuery<CentreReview[]>(centreKeys.reviews, '/api/v1/directory/centre-reviews');

export const useScoreCentre = () =>
  useApiMutation(
    (v: { id: string; input: CentreScoreInput }) =>
      api.post<CentreReview[]>(`/api/v1/directory/centre-reviews/${v.id}`, v.input),
    { invalidate: [centreKeys.all], done: { zh: '已提交评分', en: 'Score submitted' } },
  );

export const usePublicCentres = () =>
  useApiQuery<PublicCentre[]>(centreKeys.public, '/api/v1/directory/public/centres');

export const useAvailability = (id: string | null) =>
  useApiQuery<{ date: string; slot: 'am' | 'pm'; open: boolean; left: number }[]>(
    centreKeys.availability(id ?? ''),
    id ? `/api/v1/directory/public/centres/${id}/availability` : null,
  );

export const useBook = () =>
  useApiMutation(
    (v: { id: string; input: BookingInput }) =>
      api.post<Booking>(`/api/v1/directory/public/centres/${v.id}/bookings`, v.input),
    { invalidate: [centreKeys.public], done: { zh: '预约成功', en: 'Booked' } },
  );

/** 周二至周日 09:00–17:00 */
export const hoursText = (h: { days: number[]; opens: string; closes: string }, lang: 'zh' | 'en') => {
  const zh = ['一', '二', '三', '四', '五', '六', '日'];
  const en = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const days = [...h.days].sort();
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const name = (d: number) => (lang === 'zh' ? `周${zh[d - 1]}` : en[d - 1]);
  const span =
    consecutive && days.length > 2
      ? `${name(days[0]!)}${lang === 'zh' ? '至' : '–'}${name(days[days.length - 1]!)}`
      : days.map(name).join(lang === 'zh' ? '、' : ', ');
  return `${span} ${h.opens}–${h.closes}`;
};
