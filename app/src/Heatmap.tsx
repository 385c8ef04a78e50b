import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { HeatmapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

interface Props {
  xLabels: string[];
  yLabels: string[];
  /** [x index, y index, value, extra for the tooltip] */
  cells: [number, number, number, string][];
  testId?: string;
}

/** An ECharts heatmap (only the parts it needs are bundled). */
export function Heatmap({ xLabels, yLabels, cells, testId }: Props) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: "canvas" });
    const max = Math.max(1, ...cells.map((c) => c[2]));
    chart.setOption({
      tooltip: {
        formatter: (p: { data: [number, number, number, string] }) =>
          `${yLabels[p.data[1]]} → ${xLabels[p.data[0]]}<br/>${p.data[3]}`,
      },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      // Every label shown, rotated and cut to a width, so that long region names never run into each other.
      xAxis: {
        type: "category",
        data: xLabels,
        axisLabel: { rotate: 40, fontSize: 10, interval: 0, width: 96, overflow: "truncate" },
        splitArea: { show: true },
      },
      yAxis: {
        type: "category",
        data: yLabels,
        axisLabel: { fontSize: 10, interval: 0, width: 110, overflow: "truncate" },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemHeight: 80,
        inRange: { color: ["#f0f9ff", "#fde68a", "#dc2626"] },
      },
      series: [{ type: "heatmap", data: cells, label: { show: true, fontSize: 10 } }],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [xLabels, yLabels, cells]);
  return <div className="heatmap" ref={element} data-testid={testId} data-cells={cells.length} />;
}
