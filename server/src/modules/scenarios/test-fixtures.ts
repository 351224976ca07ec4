import type { CaseInputRaw } from '@zhicheng/contracts/scenarios';

/**
 * A plausible case for the api tests. It lives here, not in a test file: a test file that imports another test file
 * registers that file's tests again, or not, depending on whether its worker already loaded it.
 */
export const sampleCase = (over: Partial<CaseInputRaw> = {}): CaseInputRaw => ({
  regionCode: '370102',
  title: '历下区智慧停车一张网',
  domain: 'service',
  category: 'transport',
  summary: '整合全区公共停车场和路内泊位,市民一个程序找车位、付费。',
  problem: '老城区停车难,车位信息不透明。',
  approach: '接入全区停车场实时数据,统一支付与诱导屏。',
  results: '接入泊位三万个。',
  usersServed: 120000,
  monthlyUsage: 45000,
  operatingModel: 'multi_win',
  investmentFen: 12_000_000_00,
  goLive: '2023-06-01',
  tags: ['停车', '一张网'],
  ...over,
});
