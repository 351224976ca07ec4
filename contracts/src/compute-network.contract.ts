import { defineRoles } from './common.contract.ts';

/**
 * Compute network (纳统监测, 算力地图): data-centre registry, monthly 纳统 reports, live metrics by Prometheus
 * remote-write, province statistics. Capacity is always computed from inventory × the model catalogue, never typed.
 * Routes under /api/v1/compute/. Each sub-area's schemas live beside this file in compute-network/.
 *
 * Precision convention (as China's compute statistics count them): general compute (CPU servers) at FP32,
 * intelligent compute (accelerators) at FP16/BF16 dense, supercomputing at FP64. 1 EFLOPS = 1,000 PFLOPS.
 */

/** Data-centre operators file monthly reports (纳统) for the centres their organisation runs. */
export const COMPUTE_ROLES = defineRoles({
  datacentre_operator: { zh: '数据中心运营方', en: 'Data-centre operator', level: null, duty: 'operator' },
  /** The provincial finance department (省财政厅) pays audited voucher redemptions; it sees nothing before audit. */
  finance_officer: { zh: '财政厅经办人', en: 'Finance department officer', level: 'province', duty: 'operator' },
  /**
   * The third party (第三方核查机构, e.g. an accounting firm the bureau engaged) that checks a redemption's invoice,
   * payment and metering before the bureau verifies it. Its own duty: never a bureau user, never the bureau's roles.
   */
  voucher_auditor: { zh: '第三方核查人员', en: 'Third-party voucher auditor', level: 'province', duty: 'participant' },
});

export const COMPUTE_PERMISSIONS = {
  read: 'compute.read',
  manage: 'compute.manage',
  report: 'compute.report',
  approve: 'compute.approve',
  /** The supermarket: browse offers and rank them for a workload. */
  market: 'compute.market',
  /** A centre publishes offers, confirms, meters and bills orders on its own centres. */
  offer: 'compute.offer',
  /** An enterprise orders, cancels and pays its own orders. */
  order: 'compute.order',
  /** Registration of a buyer or supplier (credit code, legal representative, shareholders) for the voucher rules. */
  party: 'compute.party',
  /** Vouchers: see claims (an enterprise its own, finance what reached it, the bureau all). */
  voucherRead: 'compute.voucher.read',
  voucherApply: 'compute.voucher.apply',
  /** The bureau's operator: configures the policy, verifies redemptions, reviews performance. */
  voucherReview: 'compute.voucher.review',
  /** The bureau's approver: approves claims and audits redemptions (never its own work). */
  voucherApprove: 'compute.voucher.approve',
  voucherFinance: 'compute.voucher.finance',
  /** The third party's check of a redemption (第三方核查), recorded before the bureau verifies it. */
  voucherThirdParty: 'compute.voucher.third_party',
  /** Heterogeneous scheduling: solve allocations and run the trace simulator. */
  schedule: 'compute.schedule',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in compute-network.errors.ts. */
export const COMPUTE_ERRORS = {
  implausible_jump: {
    zh: '与上月相比变化过大,请填写说明',
    en: 'Too large a change from last month; please give an explanation',
  },
  report_exists: { zh: '该月报告已审核通过,不能重复填报', en: 'The report for this month is already approved' },
  racks_exceed_design: { zh: '在用机架数超过设计机架数', en: 'Racks in use exceed the design racks' },
  pue_below_one: { zh: 'PUE 不能小于 1.0', en: 'PUE cannot be below 1.0' },
  invalid_token: { zh: '接入令牌无效', en: 'Unknown or missing ingest token' },
  bad_remote_write: { zh: '远程写入数据无效', en: 'Invalid remote-write request' },
  cards_not_free: {
    zh: '上架卡数超过登记与最新月报显示的空闲卡数',
    en: 'More cards than the registry and the latest report say are free',
  },
  no_usage_report: {
    zh: '该数据中心尚无审核通过的月报,无法确认空闲卡数',
    en: 'The centre has no approved monthly report to show free cards',
  },
  not_accelerator: { zh: '该型号不是本中心登记的加速卡', en: 'Not an accelerator in this centre’s inventory' },
  offer_unavailable: {
    zh: '该算力商品已下架或不在供应期内',
    en: 'The offer is withdrawn or outside its availability window',
  },
  cards_exceed_offer: { zh: '订购卡数超过商品剩余卡数', en: 'More cards than the offer has left' },
  below_min_lease: { zh: '租用时长低于最短租期', en: 'Shorter than the minimum lease' },
  bad_transition: { zh: '订单当前状态不允许此操作', en: 'The order’s status does not allow this' },
  unknown_workload: { zh: '算力吞吐表中没有该负载类型', en: 'The throughput table has no such workload' },
  voucher_ineligible: { zh: '不符合算力券申领条件', en: 'Not eligible for a compute voucher' },
  pool_exhausted: { zh: '算力券资金池余额不足', en: 'The voucher pool has not enough left' },
  policy_exists: { zh: '该年度已有生效的算力券政策', en: 'An active voucher policy exists for this year' },
  redemption_mismatch: {
    zh: '兑付材料与订单、付款或计量记录不一致',
    en: 'The redemption does not match the order, its payment or its metering',
  },
  profile_missing: { zh: '请先登记单位信息(统一社会信用代码等)', en: 'Register your organisation’s profile first' },
  no_metered_usage: {
    zh: '该时段没有带本订单标签的加速卡指标',
    en: 'No accelerator metrics labelled with this order in the interval',
  },
  contract_mismatch: {
    zh: '上传的合同文件与申请时登记的 SHA-256 不一致',
    en: 'The uploaded contract’s SHA-256 differs from the one claimed',
  },
  contract_missing: { zh: '尚未上传已签署的合同文件', en: 'The signed contract file has not been uploaded' },
  third_party_failed: {
    zh: '第三方核查未通过,不能审核通过',
    en: 'The third-party check failed; the redemption cannot be approved',
  },
  not_third_party: {
    zh: '第三方核查须由局外的核查机构人员办理',
    en: 'The third-party check must be done by someone outside the bureau',
  },
  allocation_infeasible: {
    zh: '在现有算力下无法满足全部约束(如截止时间)',
    en: 'No allocation of this cluster meets every constraint (such as deadlines)',
  },
  no_offers_on_sale: {
    zh: '当前没有有空闲卡的在售算力商品可供排程',
    en: 'No offer on sale has free cards to schedule on',
  },
} as const;
export type ComputeErrorCode = keyof typeof COMPUTE_ERRORS;

export * from './compute-network/registry.ts';
export * from './compute-network/reports.ts';
export * from './compute-network/metrics.ts';
export * from './compute-network/overview.ts';
export * from './compute-network/market.ts';
export * from './compute-network/vouchers.ts';
export * from './compute-network/scheduling.ts';
