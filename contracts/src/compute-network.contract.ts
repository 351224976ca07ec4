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
});

export const COMPUTE_PERMISSIONS = {
  read: 'compute.read',
  manage: 'compute.manage',
  report: 'compute.report',
  approve: 'compute.approve',
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
} as const;
export type ComputeErrorCode = keyof typeof COMPUTE_ERRORS;

export * from './compute-network/registry.ts';
export * from './compute-network/reports.ts';
export * from './compute-network/metrics.ts';
export * from './compute-network/overview.ts';
