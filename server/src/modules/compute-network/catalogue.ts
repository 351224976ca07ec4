import type { DeviceModel } from '@zhicheng/contracts';

/**
 * Device models with vendor peak throughput (dense, no sparsity), TFLOPS (INT8: TOPS). Accelerators from vendor
 * datasheets; CPU servers as 2 sockets × cores × base clock × FP32 FLOPs per cycle from the vendor's core spec.
 * The province can add models; these are loaded once and never overwrite an edited row.
 */
export const DEVICE_CATALOGUE: DeviceModel[] = [
  { id: 'nvidia-a100-sxm', kind: 'accelerator', vendor: 'NVIDIA', name: 'A100 SXM 80GB', domestic: false, fp64: 9.7, fp32: 19.5, fp16: 312, int8: 624, source: 'NVIDIA A100 datasheet (tensor core, dense)' },
  { id: 'nvidia-a800-sxm', kind: 'accelerator', vendor: 'NVIDIA', name: 'A800 SXM 80GB', domestic: false, fp64: 9.7, fp32: 19.5, fp16: 312, int8: 624, source: 'NVIDIA A800 datasheet (tensor core, dense)' },
  { id: 'nvidia-h800-sxm', kind: 'accelerator', vendor: 'NVIDIA', name: 'H800 SXM', domestic: false, fp64: 1, fp32: 67, fp16: 989.5, int8: 1979, source: 'NVIDIA H800 datasheet (tensor core, dense)' },
  { id: 'nvidia-v100-sxm2', kind: 'accelerator', vendor: 'NVIDIA', name: 'V100 SXM2 32GB', domestic: false, fp64: 7.8, fp32: 15.7, fp16: 125, int8: 62, source: 'NVIDIA V100 datasheet' },
  { id: 'nvidia-a10', kind: 'accelerator', vendor: 'NVIDIA', name: 'A10', domestic: false, fp64: null, fp32: 31.2, fp16: 125, int8: 250, source: 'NVIDIA A10 datasheet (tensor core, dense)' },
  { id: 'nvidia-t4', kind: 'accelerator', vendor: 'NVIDIA', name: 'T4', domestic: false, fp64: null, fp32: 8.1, fp16: 65, int8: 130, source: 'NVIDIA T4 datasheet' },
  { id: 'nvidia-l40s', kind: 'accelerator', vendor: 'NVIDIA', name: 'L40S', domestic: false, fp64: null, fp32: 91.6, fp16: 362, int8: 733, source: 'NVIDIA L40S datasheet (tensor core, dense)' },
  { id: 'huawei-ascend-910', kind: 'accelerator', vendor: '华为 Huawei', name: '昇腾 Ascend 910', domestic: true, fp64: null, fp32: null, fp16: 256, int8: 512, source: 'Huawei Ascend 910 product page' },
  { id: 'huawei-ascend-310p', kind: 'accelerator', vendor: '华为 Huawei', name: 'Atlas 300I Pro (昇腾 310P)', domestic: true, fp64: null, fp32: null, fp16: 70, int8: 140, source: 'Huawei Atlas 300I Pro datasheet' },
  { id: 'cambricon-mlu370-x8', kind: 'accelerator', vendor: '寒武纪 Cambricon', name: 'MLU370-X8', domestic: true, fp64: null, fp32: 24, fp16: 96, int8: 256, source: 'Cambricon MLU370-X8 product page' },
  { id: 'kunlunxin-r200', kind: 'accelerator', vendor: '昆仑芯 Kunlunxin', name: 'R200', domestic: true, fp64: null, fp32: 32, fp16: 128, int8: 256, source: 'Kunlunxin R200 product page' },
  { id: 'intel-xeon-8380-2s', kind: 'cpu_server', vendor: 'Intel', name: '2 × Xeon Platinum 8380 (40C 2.3 GHz)', domestic: false, fp64: 5.89, fp32: 11.78, fp16: null, int8: null, source: '2 × 40 cores × 2.3 GHz × 64 FP32 FLOP/cycle (2 AVX-512 FMA)' },
  { id: 'hygon-7285-2s', kind: 'cpu_server', vendor: '海光 Hygon', name: '2 × 海光 7285 (32C 2.0 GHz)', domestic: true, fp64: 2.05, fp32: 4.1, fp16: null, int8: null, source: '2 × 32 cores × 2.0 GHz × 32 FP32 FLOP/cycle (2 AVX2 FMA)' },
  { id: 'kunpeng-920-2s', kind: 'cpu_server', vendor: '华为 Huawei', name: '2 × 鲲鹏 920-4826 (48C 2.6 GHz)', domestic: true, fp64: 2.0, fp32: 3.99, fp16: null, int8: null, source: '2 × 48 cores × 2.6 GHz × 16 FP32 FLOP/cycle (NEON FMA)' },
  { id: 'super-node-sample', kind: 'super_node', vendor: '示例 sample', name: '超算节点(示例参数)', domestic: true, fp64: 12, fp32: 24, fp16: null, int8: null, source: 'simulated parameters for the demo; replace with the centre’s Rpeak per node' },
];
