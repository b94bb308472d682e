/* Warden console: small line charts on a canvas, drawn by hand (no library). */
'use strict';
var WardenCharts = (function () {
  function niceMax(value) {
    if (!(value > 0)) { return 1; }
    var exponent = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * exponent) { return steps[i] * exponent; }
    }
    return 10 * exponent;
  }

  function format(value) {
    if (value >= 1000) { return Math.round(value).toLocaleString('en'); }
    if (value >= 10) { return value.toFixed(0); }
    if (value >= 1) { return value.toFixed(1); }
    return value === 0 ? '0' : value.toFixed(2);
  }

  /**
   * Draws series on the canvas: each {label, color, values: [numbers or null]}, over the same
   * window of windowSize points (newest at the right).
   */
  function draw(canvas, series, windowSize, unit) {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth || canvas.width;
    var height = canvas.clientHeight || canvas.height;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    var g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    var left = 52, right = 12, top = 28, bottom = 24;
    var plotWidth = width - left - right, plotHeight = height - top - bottom;
    var max = 0;
    series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null && v > max) { max = v; } });
    });
    max = niceMax(max);
    g.font = '11px "DejaVu Sans", Helvetica, Arial, sans-serif';
    g.textBaseline = 'middle';
    for (var i = 0; i <= 4; i++) {
      var y = top + plotHeight - (plotHeight * i / 4);
      g.strokeStyle = i === 0 ? '#c4ccd6' : '#eceff3';
      g.beginPath(); g.moveTo(left, y + 0.5); g.lineTo(left + plotWidth, y + 0.5); g.stroke();
      g.fillStyle = '#667485';
      g.textAlign = 'right';
      g.fillText(format(max * i / 4), left - 6, y);
    }
    g.textAlign = 'left';
    g.fillText(unit, 4, 10);
    g.textAlign = 'right';
    g.fillText('now', left + plotWidth, height - 9);
    g.textAlign = 'left';
    g.fillText('-' + windowSize + ' s', left, height - 9);
    var step = plotWidth / Math.max(1, windowSize - 1);
    series.forEach(function (s, index) {
      var offset = windowSize - s.values.length;
      g.strokeStyle = s.color;
      g.lineWidth = 1.8;
      g.beginPath();
      var drawing = false;
      s.values.forEach(function (v, k) {
        if (v === null) { drawing = false; return; }
        var x = left + (offset + k) * step;
        var y = top + plotHeight - (v / max) * plotHeight;
        if (drawing) { g.lineTo(x, y); } else { g.moveTo(x, y); drawing = true; }
      });
      g.stroke();
      g.lineWidth = 1;
      g.fillStyle = s.color;
      g.fillRect(left + 10 + index * 150, 9, 10, 3);
      g.fillStyle = '#1d2733';
      g.fillText(s.label, left + 24 + index * 150, 10);
    });
  }

  return { draw: draw, format: format };
}());
