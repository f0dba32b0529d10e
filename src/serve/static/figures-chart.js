// Draws the figure page's chart from its JSON API: one bar per report, region and year on the axis.
// Loaded as a file (the Content-Security-Policy allows no inline script); ECharts is loaded before.
(function () {
  var box = document.getElementById('chart');
  if (!box || typeof echarts === 'undefined') return;
  fetch(box.getAttribute('data-src'))
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var rows = data.rows || [];
      var chart = echarts.init(box, null, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, bottom: 90, top: 30 },
        xAxis: { type: 'category', data: rows.map(function (r) { return r.regionName + ' ' + r.year; }), axisLabel: { rotate: 45 } },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', name: data.key, data: rows.map(function (r) { return r.value; }) }],
      });
      box.setAttribute('data-drawn', String(rows.length));
    });
})();
