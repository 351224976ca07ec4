import type {
  Claim,
  ClaimInput,
  ClaimStatus,
  EligibilityResult,
  PartyProfile,
  PartyProfileInput,
  Policy,
  PolicyInput,
  RedemptionInput,
} from '@zhicheng/contracts/compute-network';
import { api, qs } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import type { Page } from '../api';
import { marketKeys } from '../market/api';

export interface ClaimQuery {
  status?: ClaimStatus;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Query keys of the vouchers: one place, so a change invalidates exactly what it touched. */
export const voucherKeys = {
  all: ['compute', 'vouchers'] as const,
  policies: ['compute', 'vouchers', 'policies'] as const,
  profile: ['compute', 'vouchers', 'profile'] as const,
  claims: (q: ClaimQuery) => ['compute', 'vouchers', 'claims', q] as const,
};

export const FINANCE_EXPORT_URL = '/api/v1/compute/vouchers/finance/export';

export const usePolicies = () => useApiQuery<Policy[]>(voucherKeys.policies, '/api/v1/compute/vouchers/policies');
export const useProfile = (enabled: boolean) =>
  useApiQuery<PartyProfile | null>(voucherKeys.profile, '/api/v1/compute/vouchers/profile', { enabled });
export const useClaims = (q: ClaimQuery) =>
  useApiQuery<Page<Claim>>(voucherKeys.claims(q), `/api/v1/compute/vouchers/claims${qs({ ...q })}`);

export const useCreatePolicy = () =>
  useApiMutation((input: PolicyInput) => api.post<Policy>('/api/v1/compute/vouchers/policies', input), {
    invalidate: [voucherKeys.all],
    done: { zh: '已发布政策', en: 'Policy published' },
  });
export const useSaveProfile = () =>
  useApiMutation((input: PartyProfileInput) => api.put<PartyProfile>('/api/v1/compute/vouchers/profile', input), {
    invalidate: [voucherKeys.profile],
    done: { zh: '已保存单位信息', en: 'Profile saved' },
  });
export const useCheckClaim = () =>
  useApiMutation((input: ClaimInput) => api.post<EligibilityResult>('/api/v1/compute/vouchers/check', input));
/** The claim, then its signed contract: the bureau approves only once the file (hashing to the claim) is in. */
export const useApply = (onProblem?: (e: unknown) => void) =>
  useApiMutation(
    async ({ input, file }: { input: ClaimInput; file: File }) => {
      const c = await api.post<Claim>('/api/v1/compute/vouchers/claims', input);
      return api.upload<Claim>(contractUrl(c.id), file);
    },
    {
      invalidate: [voucherKeys.all, marketKeys.all],
      done: { zh: '已提交申请', en: 'Claim submitted' },
      onProblem: (e) => void onProblem?.(e),
    },
  );
/** Uploads (or replaces, before the decision) a claim's signed contract. */
export const useUploadContract = () =>
  useApiMutation(({ id, file }: { id: string; file: File }) => api.upload<Claim>(contractUrl(id), file), {
    invalidate: [voucherKeys.all],
    done: { zh: '已上传合同', en: 'Contract uploaded' },
  });
export const contractUrl = (id: string) => `/api/v1/compute/vouchers/claims/${id}/contract`;

type Step =
  | { kind: 'decision'; decision: 'approve' | 'reject'; note?: string }
  | { kind: 'redemption'; body: RedemptionInput }
  | { kind: 'third-party-check'; passed: boolean; finding: string }
  | { kind: 'verification'; note: string }
  | { kind: 'audit'; decision: 'approve' | 'reject'; note?: string }
  | { kind: 'payment'; financeReference: string }
  | { kind: 'review'; score: number; note: string };

/** Every step after application, one hook: the claim moves on and every voucher view refreshes. */
export const useClaimStep = () =>
  useApiMutation(
    ({ id, step }: { id: string; step: Step }) => {
      const url = `/api/v1/compute/vouchers/claims/${id}/${step.kind}`;
      const { kind: _k, ...rest } = step;
      return api.post<Claim>(url, step.kind === 'redemption' ? step.body : rest);
    },
    { invalidate: [voucherKeys.all], done: { zh: '已办理', en: 'Done' } },
  );

/** SHA-256 of a file in the browser (Web Crypto), so the server records which contract document was claimed on. */
export async function sha256OfFile(file: File): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
