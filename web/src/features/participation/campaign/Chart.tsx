import { echarts, ReactEChartsCore } from '../../../components/charts';

/** An ECharts chart without animation (figures appear at once, and screenshots are stable). */
export function Chart({ option, height = 260, testId }: { option: object; height?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} notMerge style={{ height }} />
    </div>
  );
}
