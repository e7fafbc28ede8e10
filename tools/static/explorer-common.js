/* What the book site's two static explorers share: the gradient-descent explorer
 * (tools/static/gd-explorer.js, chapters 5, 6 and 12) and the network explorer
 * (tools/static/network-explorer.js, chapter 16). One global, window.BookExplorer:
 * the text style, the class markers, the base64 decoding of the data Python stored,
 * the canvas sizing, the axes of a linear plot, the legend's row layout, and the
 * wiring of the controls (sliders, "−"/"+" step buttons, showing the controls in
 * place of the fallback picture, redrawing when the explorer's width changes).
 *
 * tools/sphinx_ext/gd_explorer.py adds this script before the explorer's own, both
 * deferred, on the pages with an explorer only.
 */
(function () {
  "use strict";

  var FONT_PX = 14;
  var FONT = FONT_PX + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var CLASS_COLORS = ["#E69F00", "#0072B2"]; // logreg_core.CLASS_COLORS (Okabe-Ito)
  var LINE = FONT_PX + 8; // the height of a legend row

  // base64 of little-endian values (every browser platform in use is little-endian)
  function decode(text, Type) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Type(bytes.buffer);
  }

  // 1-2-5 ticks of a linear axis, about `count` of them
  function niceTicks(low, high, count) {
    var raw = (high - low) / Math.max(count, 1);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * power; })
      .find(function (s) { return s >= raw; });
    var ticks = [];
    for (var t = Math.ceil(low / step) * step; t <= high + 1e-9 * step; t += step) {
      ticks.push(Math.abs(t) < 1e-12 * step ? 0 : t);
    }
    return { ticks: ticks, digits: Math.max(0, -Math.floor(Math.log10(step))) };
  }

  // a training point: class 0 an orange circle, class 1 a blue square
  function marker(ctx, label, x, y, size) {
    ctx.fillStyle = CLASS_COLORS[label];
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 0.6;
    ctx.beginPath();
    if (label === 0) ctx.arc(x, y, size / 2, 0, 2 * Math.PI);
    else ctx.rect(x - size / 2, y - size / 2, size, size);
    ctx.fill();
    ctx.stroke();
  }

  // Size the canvas to its box at the device's pixel ratio, white, and return its
  // context in CSS px. The height is shape.share of the width, kept between shape.low
  // and shape.high, plus `extra` (the legend's rows).
  function prepare(canvas, extra, shape) {
    var width = Math.max(200, Math.round(canvas.clientWidth || canvas.parentNode.clientWidth));
    var height = Math.round(Math.min(shape.high, Math.max(shape.low, shape.share * width)) +
      extra);
    var ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.height = height + "px";
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.font = FONT;
    ctx.lineJoin = "round";
    return { ctx: ctx, width: width, height: height };
  }

  // the plot's frame
  function frame(ctx, box) {
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 1;
    ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  }

  // a y-axis name, turned to read upwards, beside the plot's left edge
  function verticalLabel(ctx, text, box) {
    ctx.save();
    ctx.translate(14, (box.top + box.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(text, 0, 0);
    ctx.restore();
  }

  // The x1 and x2 axes of a data plot: 1-2-5 ticks (about one per 70 px across, one per
  // 45 px up), their labels and the axes' names; px and py map data to CSS px.
  function dataAxes(ctx, box, xlim, ylim, px, py) {
    ctx.fillStyle = "#000000";
    ctx.strokeStyle = "#000000";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    var xt = niceTicks(xlim[0], xlim[1], Math.max(3, Math.floor((box.right - box.left) / 70)));
    xt.ticks.forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(px(t), box.bottom); ctx.lineTo(px(t), box.bottom + 4); ctx.stroke();
      ctx.fillText(t.toFixed(xt.digits), px(t), box.bottom + 6);
    });
    ctx.fillText("x\u2081", (box.left + box.right) / 2, box.bottom + 26);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    var yt = niceTicks(ylim[0], ylim[1], Math.max(3, Math.floor((box.bottom - box.top) / 45)));
    yt.ticks.forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(box.left - 4, py(t)); ctx.lineTo(box.left, py(t)); ctx.stroke();
      ctx.fillText(t.toFixed(yt.digits), box.left - 6, py(t));
    });
    verticalLabel(ctx, "x\u2082", box);
  }

  // The legend's entries in rows that fit a canvas `width` CSS px wide: each row's
  // items ({index, width}: a 34 px symbol and the text) 18 px apart, and its width.
  function legendRows(ctx, width, entries) {
    ctx.font = FONT;
    var rows = [{ items: [], width: 0 }];
    entries.forEach(function (entry, k) {
      var itemWidth = 34 + ctx.measureText(entry).width;
      var row = rows[rows.length - 1];
      if (row.items.length && row.width + 18 + itemWidth > width - 16) {
        row = { items: [], width: 0 };
        rows.push(row);
      }
      row.width += (row.items.length ? 18 : 0) + itemWidth;
      row.items.push({ index: k, width: itemWidth });
    });
    return rows;
  }

  // The controls of the explorer `root`: each of `inputs` (its sliders) redraws; each
  // "−"/"+" button (button.gd-step, data-for its slider, data-step its step) moves its
  // slider by one position; the controls and panels replace the fallback; and the
  // explorer redraws when its width changes.
  function wireControls(root, inputs, draw) {
    inputs.forEach(function (input) {
      input.addEventListener("input", function () { draw(); });
    });
    root.querySelectorAll("button.gd-step").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.for);
        var value = Number(input.value) + Number(button.dataset.step);
        input.value = Math.min(Number(input.max), Math.max(Number(input.min), value));
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
    root.querySelector(".gd-explorer-fallback").hidden = true;
    root.querySelector(".gd-explorer-controls").hidden = false;
    root.querySelector(".gd-explorer-panels").hidden = false;
    if (window.ResizeObserver) {
      var lastWidth = 0;
      new ResizeObserver(function () {
        var width = root.clientWidth;
        if (width !== lastWidth) { lastWidth = width; draw(); }
      }).observe(root);
    }
  }

  window.BookExplorer = {
    FONT: FONT, LINE: LINE, CLASS_COLORS: CLASS_COLORS,
    dataAxes: dataAxes, decode: decode, frame: frame, legendRows: legendRows,
    marker: marker, niceTicks: niceTicks, prepare: prepare, verticalLabel: verticalLabel,
    wireControls: wireControls
  };
})();
