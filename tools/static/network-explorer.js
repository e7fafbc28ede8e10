/* The network explorer of the book's site (chapter 16, "One neuron, then a network").
 *
 * Python (logreg_sliders.NetworkExplorer.static_html) trains the network once for every
 * hidden width of its slider and stores, for each width, the predicted probability of
 * class 1 on a square grid (uint8: 0 to 255 for p from 0 to 1), with the data and the
 * colours of the cividis map. This script only draws: on each <div class="nn-explorer">
 * it shows the native range slider and draws one canvas, the probability shaded with
 * cividis (smoothed between grid points, as the kernel figure's bilinear image), the
 * boundary p = 0.5 found by marching squares on the grid, and the training points
 * (orange circles: class 0, blue squares: class 1), with a legend below the plot.
 *
 * The canvas is sized to its box and drawn at devicePixelRatio; it has role="img" and
 * an aria-label that says what it shows now; the slider has aria-valuetext ("4 hidden
 * units"); the "−" and "+" buttons step it by one width. The explorer element carries
 * data-hidden (the width drawn) for the site's tests. The controls' style is the
 * gradient-descent explorer's (gd-explorer.css), plus network-explorer.css.
 */
(function () {
  "use strict";

  var FONT_PX = 14;
  var FONT = FONT_PX + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var CLASS_COLORS = ["#E69F00", "#0072B2"]; // logreg_core.CLASS_COLORS (Okabe-Ito)
  var LINE = FONT_PX + 8;
  var LEGEND = ["class 0", "class 1", "boundary p = 0.5", "shade: p, dark 0 to light 1"];

  function decode(text, Type) { // base64 of little-endian values
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Type(bytes.buffer);
  }

  function units(h) { return h + " hidden unit" + (h === 1 ? "" : "s"); }

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

  // the legend's entries in rows that fit the canvas width
  function legendRows(ctx, width) {
    ctx.font = FONT;
    var rows = [[]], used = 0;
    LEGEND.forEach(function (entry, k) {
      var itemWidth = 34 + ctx.measureText(entry).width;
      if (rows[rows.length - 1].length && used + 18 + itemWidth > width - 16) {
        rows.push([]);
        used = 0;
      }
      used += (rows[rows.length - 1].length ? 18 : 0) + itemWidth;
      rows[rows.length - 1].push({ index: k, width: itemWidth });
    });
    return rows;
  }

  // The segments of the contour P = level on a grid (row 0 at the bottom), by marching
  // squares with linear interpolation along the cell edges; in grid coordinates.
  function contour(P, n, level) {
    var segments = [];
    function v(i, j) { return P[j * n + i] - level; }
    for (var j = 0; j < n - 1; j++) {
      for (var i = 0; i < n - 1; i++) {
        var corners = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
        var values = corners.map(function (c) { return v(c[0], c[1]); });
        var points = [];
        for (var k = 0; k < 4; k++) {
          var a = values[k], b = values[(k + 1) % 4];
          if ((a >= 0) !== (b >= 0)) {
            var t = a / (a - b), p = corners[k], q = corners[(k + 1) % 4];
            points.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
          }
        }
        for (var s = 0; s + 1 < points.length; s += 2) segments.push([points[s], points[s + 1]]);
      }
    }
    return segments;
  }

  function Explorer(root) {
    var data = JSON.parse(root.querySelector("script.nn-explorer-data").textContent);
    this.root = root;
    this.widths = data.widths;
    this.n = data.resolution;
    this.P = decode(data.P, Uint8Array);
    this.X = decode(data.X, Float32Array);
    this.y = decode(data.y, Uint8Array);
    this.cmap = decode(data.cmap, Uint8Array);
    this.right = data.right;
    this.xlim = data.xlim;
    this.ylim = data.ylim;
    this.input = root.querySelector("input.nn-hidden");
    this.output = root.querySelector("output[for='" + this.input.id + "']");
    this.canvas = root.querySelector("canvas.nn-regions");
    var self = this;
    this.input.addEventListener("input", function () { self.draw(); });
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
        if (width !== lastWidth) { lastWidth = width; self.draw(); }
      }).observe(root);
    }
    this.draw();
  }

  // the probabilities of width k as an image, one pixel per grid point, top row first
  Explorer.prototype.image = function (k) {
    var n = this.n, cmap = this.cmap;
    var picture = document.createElement("canvas");
    picture.width = picture.height = n;
    var ctx = picture.getContext("2d");
    var pixels = ctx.createImageData(n, n);
    for (var j = 0; j < n; j++) {
      for (var i = 0; i < n; i++) {
        var p = this.P[(k * n + j) * n + i], at = ((n - 1 - j) * n + i) * 4;
        pixels.data[at] = cmap[3 * p];
        pixels.data[at + 1] = cmap[3 * p + 1];
        pixels.data[at + 2] = cmap[3 * p + 2];
        pixels.data[at + 3] = 255;
      }
    }
    ctx.putImageData(pixels, 0, 0);
    return picture;
  };

  Explorer.prototype.draw = function () {
    var k = Number(this.input.value), h = this.widths[k], m = this.y.length;
    var said = units(h) + ": " + this.right[k] + " of " + m + " training points right";
    this.output.value = String(h);
    this.input.setAttribute("aria-valuetext", units(h));
    this.root.dataset.hidden = String(h);
    this.canvas.setAttribute("aria-label", "The network with " + units(h) + ": the " +
      "predicted probability of class 1 shaded from dark (0) to light (1), the decision " +
      "boundary where it is 0.5, and the " + m + " training points, " + this.right[k] +
      " of them on their class's side.");

    // the canvas at the device's pixel ratio, sized to its box
    var width = Math.max(200, Math.round(this.canvas.clientWidth ||
      this.canvas.parentNode.clientWidth));
    var rows = legendRows(this.canvas.getContext("2d"), width);
    var height = Math.round(Math.min(420, Math.max(260, 0.75 * width)) + rows.length * LINE);
    var ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio) ||
        this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
      this.canvas.style.height = height + "px";
    }
    var ctx = this.canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.font = FONT;
    ctx.lineJoin = "round";
    var box = { left: 58, right: width - 12, top: 30,
      bottom: height - 46 - rows.length * LINE };
    var xlim = this.xlim, ylim = this.ylim, n = this.n;
    function px(x) { return box.left + (x - xlim[0]) / (xlim[1] - xlim[0]) * (box.right - box.left); }
    function py(y) { return box.bottom - (y - ylim[0]) / (ylim[1] - ylim[0]) * (box.bottom - box.top); }

    // the probability map and the boundary, then the points, inside the plot
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.image(k), box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.clip();
    var P = this.P.subarray(k * n * n, (k + 1) * n * n);
    function gx(i) { return box.left + i / (n - 1) * (box.right - box.left); }
    function gy(j) { return box.bottom - j / (n - 1) * (box.bottom - box.top); }
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 2;
    ctx.beginPath();
    contour(P, n, 127.5).forEach(function (s) {
      ctx.moveTo(gx(s[0][0]), gy(s[0][1]));
      ctx.lineTo(gx(s[1][0]), gy(s[1][1]));
    });
    ctx.stroke();
    for (var i = 0; i < m; i++) {
      marker(ctx, this.y[i], px(this.X[2 * i]), py(this.X[2 * i + 1]), 8);
    }
    ctx.restore();
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 1;
    ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);

    // axes, ticks and names
    ctx.fillStyle = "#000000";
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
    ctx.save();
    ctx.translate(14, (box.top + box.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText("x\u2082", 0, 0);
    ctx.restore();
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    if (ctx.measureText(said).width > width - box.left - 4) { // a phone: the short form
      said = units(h) + ": " + this.right[k] + " of " + m + " right";
    }
    ctx.fillText(said, box.left, box.top - 10);

    // the legend, below the plot
    var cmap = this.cmap;
    rows.forEach(function (row, r) {
      var rowWidth = row.reduce(function (s, item) { return s + item.width; }, 0) +
        18 * (row.length - 1);
      var x = (box.left + box.right) / 2 - rowWidth / 2;
      var y = box.bottom + 46 + r * LINE + LINE / 2;
      row.forEach(function (item) {
        if (item.index < 2) {
          marker(ctx, item.index, x + 13, y, 9);
        } else if (item.index === 2) {
          ctx.strokeStyle = "#000000";
          ctx.lineWidth = 2;
          ctx.beginPath(); ctx.moveTo(x + 2, y); ctx.lineTo(x + 26, y); ctx.stroke();
        } else {
          for (var s = 0; s < 24; s++) {
            var c = Math.round(s / 23 * 255) * 3;
            ctx.fillStyle = "rgb(" + cmap[c] + "," + cmap[c + 1] + "," + cmap[c + 2] + ")";
            ctx.fillRect(x + 2 + s, y - 6, 1.5, 12);
          }
        }
        ctx.fillStyle = "#000000";
        ctx.textBaseline = "middle";
        ctx.fillText(LEGEND[item.index], x + 34, y);
        x += item.width + 18;
      });
    });
  };

  function start() {
    document.querySelectorAll(".nn-explorer").forEach(function (root) {
      if (!root.nnExplorer) root.nnExplorer = new Explorer(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
