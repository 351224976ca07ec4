// ECharts, tree-shaken: only what the platform draws. Import charts from here, never from 'echarts' directly.
import * as echarts from 'echarts/core';
import {
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  RadarChart,
  ScatterChart,
  EffectScatterChart,
  HeatmapChart,
  GaugeChart,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  DataZoomComponent,
  MarkLineComponent,
  RadarComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  RadarChart,
  ScatterChart,
  EffectScatterChart,
  HeatmapChart,
  GaugeChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  DataZoomComponent,
  MarkLineComponent,
  RadarComponent,
  CanvasRenderer,
]);

export { echarts, ReactEChartsCore };
