// The office's comparison charts, drawn with the vendored Apache ECharts from the data in each
// chart's data-chart attribute (the same numbers as the table under it). No inline script (CSP).
(function () {
  "use strict";
  function percent(ratio) {
    return function (v) { return v === null || v === undefined ? "—" : (ratio ? (v * 100).toFixed(1) + "%" : String(v)); };
  }
  function bar(spec) {
    return {
      tooltip: { trigger: "axis", valueFormatter: percent(spec.ratio) },
      grid: { left: 60, right: 20, bottom: 120, top: 20 },
      xAxis: { type: "category", data: spec.categories, axisLabel: { rotate: 50, interval: 0, fontSize: 11 } },
      yAxis: { type: "value", axisLabel: { formatter: percent(spec.ratio) } },
      series: [{ type: "bar", name: spec.label, data: spec.values, itemStyle: { color: "#3b6ea5" } }]
    };
  }
  function line(spec) {
    return {
      tooltip: { trigger: "axis", valueFormatter: percent(spec.ratio) },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 60, right: 20, bottom: 60, top: 20 },
      xAxis: { type: "category", data: spec.categories },
      yAxis: { type: "value", axisLabel: { formatter: percent(spec.ratio) } },
      series: spec.series.map(function (s) { return { type: "line", name: s.name, data: s.values, connectNulls: false }; })
    };
  }
  function heatmap(spec) {
    var values = spec.cells.map(function (c) { return c[2]; });
    var max = values.length ? Math.max.apply(null, values) : 1;
    return {
      tooltip: { formatter: function (p) { return spec.units[p.value[1]] + " " + spec.categories[p.value[0]] + "年：" + percent(spec.ratio)(p.value[2]); } },
      grid: { left: 180, right: 30, top: 10, bottom: 70 },
      xAxis: { type: "category", data: spec.categories },
      yAxis: { type: "category", data: spec.units, inverse: true, axisLabel: { fontSize: 10 } },
      visualMap: { min: 0, max: max || 1, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: ["#f7fbff", "#6baed6", "#08306b"] } },
      series: [{ type: "heatmap", data: spec.cells, label: { show: spec.units.length <= 30, formatter: function (p) { return percent(spec.ratio)(p.value[2]); } } }]
    };
  }
  var builders = { bar: bar, line: line, heatmap: heatmap };
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = JSON.parse(el.getAttribute("data-chart"));
      var build = builders[spec.kind];
      if (!build) { return; }
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(build(spec));
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  });
})();
