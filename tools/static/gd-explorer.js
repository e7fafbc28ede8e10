/* The gradient-descent explorer of the book's site (chapter 5 and the playground).
 *
 * Python (logreg_sliders.GradientDescentExplorer.static_html) computes everything: for
 * each learning rate of its grid, the weights and the cost after every epoch. This
 * script only draws them: on each <div class="gd-explorer"> it reads the data from the
 * <script type="application/json"> inside, shows the two native range sliders, and
 * draws two canvases: the classes with the decision boundary of the chosen state and
 * its two predicted regions shaded (light tints of the class colours), and
 * the cost against log(1 + epoch) on a logarithmic cost axis that is fixed for the
 * explorer (so the curves of different learning rates can be compared).
 *
 * Canvases are sized to their box (side by side when the explorer is wide, stacked on a
 * phone: tools/static/gd-explorer.css), drawn at devicePixelRatio, with 14 CSS px
 * text (the book's figures' labels: 13.9 CSS px at 1280 px). Each canvas has role="img" and an aria-label that says what it shows now;
 * each slider has aria-valuetext ("α = 0.01", "300 epochs"). The epoch slider stops at
 * data.epoch_stops (every epoch, then log steps: the early epochs get more of the track);
 * the "−" and "+" buttons step either slider by one stop. The explorer element
 * carries data-legend (the legend entries drawn), data-boundary ("inside" or
 * "outside") and data-plot (the data panel's plot rectangle in CSS px) for the site's
 * tests. A cost stored as 0 (float32: below about 1e-45) is said as "< 1e-45".
 *
 * An explorer with batch sizes (chapter 12: GradientDescentExplorer(batch_sizes=...))
 * has a third slider, input.gd-batch, and its data hold batch_sizes (null: the full
 * batch of m rows) and W, cost with one path per learning rate and batch size (the
 * batch size varying fastest); its readout says "10" or "full (150)", its
 * aria-valuetext "batch size 10" or "full batch, 150 rows", and the pictures'
 * descriptions name the batch size too.
 *
 * What both explorers share (decoding the data, markers, canvas sizing, axes, legend
 * rows, the controls' wiring) is window.BookExplorer of tools/static/explorer-common.js,
 * which the page loads first.
 */
(function () {
  "use strict";

  // the shared pieces: tools/static/explorer-common.js
  var common = window.BookExplorer;
  var decode = common.decode, frame = common.frame, legendRows = common.legendRows;
  var marker = common.marker, verticalLabel = common.verticalLabel, LINE = common.LINE;
  var COST_COLOR = "#0072B2";
  // the predicted regions: the class colours at low opacity (logreg_sliders.REGION_ALPHA)
  var REGION_COLORS = ["rgba(230, 159, 0, 0.16)", "rgba(0, 114, 178, 0.12)"];
  var ZERO_COST = "< 1e-45"; // a float32 cost that is 0: below its smallest value
  var OUTSIDE = "decision boundary outside the plot";
  var SUPERSCRIPT = { "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2",
    "3": "\u00b3", "4": "\u2074", "5": "\u2075", "6": "\u2076", "7": "\u2077",
    "8": "\u2078", "9": "\u2079" };

  // "0.01", "10", "0.0002": as Python's format(alpha, "g") for the grid's values
  function formatAlpha(value) {
    return String(parseFloat(value.toPrecision(6)));
  }

  function formatCost(value) {
    if (value === 0) return ZERO_COST;
    if (value >= 1e-3 && value < 1e5) return String(parseFloat(value.toPrecision(4)));
    var exponent = Math.floor(Math.log10(value));
    var mantissa = value / Math.pow(10, exponent);
    return mantissa.toFixed(3) + "e" + exponent;
  }

  function powerOfTen(exponent) {
    return "10" + String(exponent).split("").map(function (c) { return SUPERSCRIPT[c]; }).join("");
  }

  // The segment of w0 + w1 x1 + w2 x2 = 0 inside the box, or null (as Python's
  // logreg_sliders.boundary_segment).
  function boundarySegment(w0, w1, w2, xlim, ylim) {
    var points = [];
    function add(x, y) {
      if (!points.some(function (p) { return p[0] === x && p[1] === y; })) points.push([x, y]);
    }
    if (w2 !== 0) {
      [xlim[0], xlim[1]].forEach(function (x) {
        var y = -(w0 + w1 * x) / w2;
        if (y >= ylim[0] && y <= ylim[1]) add(x, y);
      });
    }
    if (w1 !== 0) {
      [ylim[0], ylim[1]].forEach(function (y) {
        var x = -(w0 + w2 * y) / w1;
        if (x >= xlim[0] && x <= xlim[1]) add(x, y);
      });
    }
    if (points.length < 2) return null;
    points.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return [points[0], points[points.length - 1]];
  }

  // The parts of the box predicted as class 0 and class 1 (w0 + w1 x1 + w2 x2 >= 0), as
  // Python's logreg_sliders.predicted_regions: the box's corners clipped by the line,
  // one Sutherland-Hodgman step; an empty list for a class predicted nowhere.
  function predictedRegions(w0, w1, w2, xlim, ylim) {
    var corners = [[xlim[0], ylim[0]], [xlim[1], ylim[0]],
      [xlim[1], ylim[1]], [xlim[0], ylim[1]]];
    function f(p) { return w0 + w1 * p[0] + w2 * p[1]; }
    function clip(label) {
      // a point on the line (f = 0) is class 1's, as logreg_core.predict
      function inside(value) { return label === 1 ? value >= 0 : value < 0; }
      var kept = [];
      corners.forEach(function (a, k) {
        var b = corners[(k + 1) % corners.length], fa = f(a), fb = f(b);
        if (inside(fa)) kept.push(a);
        if (inside(fa) !== inside(fb)) {
          var t = fa / (fa - fb);
          kept.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
        }
      });
      var area = 0;
      kept.forEach(function (p, k) {
        var q = kept[(k + 1) % kept.length];
        area += p[0] * q[1] - q[0] * p[1];
      });
      return kept.length >= 3 && area !== 0 ? kept : [];
    }
    return [clip(0), clip(1)];
  }

  // Size the canvas to its box at the device's pixel ratio; return its context in CSS px.
  function prepare(canvas, extra) {
    return common.prepare(canvas, extra, { low: 250, high: 340, share: 0.72 });
  }

  // The legend sits below the data panel, so that it hides no point: its entries in
  // rows that fit the canvas, laid out for all the entries so that the plot does not
  // move when the boundary line comes and goes.
  var LEGEND = ["class 0", "class 1", "decision boundary", "shaded: predicted class"];

  function Explorer(root) {
    var data = JSON.parse(root.querySelector("script.gd-explorer-data").textContent);
    this.root = root;
    this.alphas = decode(data.alphas, Float32Array);
    this.epochs = data.max_epochs;
    // the epoch slider's positions: every epoch up to 159, then log steps (at most 7
    // epochs apart), from logreg_sliders.epoch_stops
    this.stops = data.epoch_stops;
    this.W = decode(data.W, Float32Array);
    this.cost = decode(data.cost, Float32Array);
    this.X = decode(data.X, Float32Array);
    this.y = decode(data.y, Uint8Array);
    this.xlim = data.xlim;
    this.ylim = data.ylim;
    this.costlim = data.costlim;
    this.epochTicks = data.epoch_ticks; // logreg_sliders.EPOCH_TICKS, as the kernel's figure
    this.alphaInput = root.querySelector("input.gd-alpha");
    this.epochsInput = root.querySelector("input.gd-epochs");
    // the batch-size slider, only on explorers with batch sizes (null elsewhere)
    this.batchInput = root.querySelector("input.gd-batch");
    this.batchSizes = data.batch_sizes || [null];
    this.m = data.m;
    this.alphaOut = root.querySelector("output[for='" + this.alphaInput.id + "']");
    this.epochsOut = root.querySelector("output[for='" + this.epochsInput.id + "']");
    this.batchOut = this.batchInput &&
      root.querySelector("output[for='" + this.batchInput.id + "']");
    this.dataCanvas = root.querySelector("canvas.gd-data");
    this.costCanvas = root.querySelector("canvas.gd-cost");
    var self = this;
    // the sliders, the "−" and "+" buttons (one position of their slider: one epoch,
    // one rate), the controls shown, a redraw on a new width
    common.wireControls(root, [this.alphaInput, this.epochsInput, this.batchInput]
      .filter(Boolean), function () { self.draw(); });
    this.draw();
  }

  Explorer.prototype.draw = function () {
    var a = Number(this.alphaInput.value);
    var epoch = this.stops[Number(this.epochsInput.value)];
    var alphaText = formatAlpha(this.alphas[a]);
    var unit = epoch === 1 ? "epoch" : "epochs";
    this.alphaOut.value = alphaText;
    this.epochsOut.value = String(epoch);
    this.alphaInput.setAttribute("aria-valuetext", "\u03b1 = " + alphaText);
    this.epochsInput.setAttribute("aria-valuetext", epoch + " " + unit);
    var b = this.batchInput ? Number(this.batchInput.value) : 0;
    var batch = this.batchSizes[b];
    var batchText = ""; // how the pictures' descriptions name the batch size
    if (this.batchInput) {
      this.batchOut.value = batch === null ? "full (" + this.m + ")" : String(batch);
      this.batchInput.setAttribute("aria-valuetext",
        batch === null ? "full batch, " + this.m + " rows" : "batch size " + batch);
      batchText = batch === null ? " and the full batch of " + this.m + " rows"
        : " and batch size " + batch;
    }
    var n = this.epochs + 1;
    var path = a * this.batchSizes.length + b; // the path of this rate and batch size
    var offset = (path * n + epoch) * 3;
    var W = [this.W[offset], this.W[offset + 1], this.W[offset + 2]];
    var costs = this.cost.subarray(path * n, (path + 1) * n);
    this.drawData(W, epoch, alphaText, unit, batchText);
    this.drawCost(costs, epoch, alphaText, batchText);
  };

  Explorer.prototype.drawData = function (W, epoch, alphaText, unit, batchText) {
    var rows = legendRows(this.dataCanvas.getContext("2d"),
      this.dataCanvas.clientWidth || 300, LEGEND);
    var view = prepare(this.dataCanvas, rows.length * LINE);
    var ctx = view.ctx;
    var box = { left: 58, right: view.width - 12, top: 30,
      bottom: view.height - 46 - rows.length * LINE };
    var xlim = this.xlim, ylim = this.ylim;
    function px(x) { return box.left + (x - xlim[0]) / (xlim[1] - xlim[0]) * (box.right - box.left); }
    function py(y) { return box.bottom - (y - ylim[0]) / (ylim[1] - ylim[0]) * (box.bottom - box.top); }
    // axes, ticks and labels
    common.dataAxes(ctx, box, xlim, ylim, px, py);
    // the predicted regions, then the points, clipped to the plot
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.clip();
    var regions = predictedRegions(W[0], W[1], W[2], xlim, ylim);
    regions.forEach(function (region, k) {
      if (!region.length) return;
      ctx.fillStyle = REGION_COLORS[k];
      ctx.beginPath();
      region.forEach(function (p, j) {
        if (j === 0) ctx.moveTo(px(p[0]), py(p[1])); else ctx.lineTo(px(p[0]), py(p[1]));
      });
      ctx.closePath();
      ctx.fill();
    });
    var right = 0;
    for (var i = 0; i < this.y.length; i++) {
      var x1 = this.X[2 * i], x2 = this.X[2 * i + 1], label = this.y[i];
      marker(ctx, label, px(x1), py(x2), 7);
      if ((W[0] + W[1] * x1 + W[2] * x2 >= 0) === (label === 1)) right++;
    }
    var segment = boundarySegment(W[0], W[1], W[2], xlim, ylim);
    if (segment) {
      ctx.strokeStyle = "#000000";
      ctx.lineWidth = 2;
      ctx.setLineDash([7, 4]);
      ctx.beginPath();
      ctx.moveTo(px(segment[0][0]), py(segment[0][1]));
      ctx.lineTo(px(segment[1][0]), py(segment[1][1]));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.restore();
    frame(ctx, box);
    // legend, below the plot: only what is drawn
    var entries = LEGEND.filter(function (entry, k) { return k !== 2 || segment; });
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    rows.forEach(function (row, r) {
      var x = (view.width - row.width) / 2;
      var y = view.height - (rows.length - r - 0.5) * LINE - 2;
      row.items.forEach(function (item) {
        if (item.index < 2) {
          marker(ctx, item.index, x + 14, y, 9);
        } else if (item.index === 3) { // a swatch of both tints, framed
          ctx.fillStyle = REGION_COLORS[0];
          ctx.fillRect(x + 1, y - 7, 13, 14);
          ctx.fillStyle = REGION_COLORS[1];
          ctx.fillRect(x + 14, y - 7, 14, 14);
          ctx.strokeStyle = "#767676";
          ctx.lineWidth = 1;
          ctx.strokeRect(x + 1.5, y - 6.5, 26, 13);
        } else if (segment) {
          ctx.strokeStyle = "#000000";
          ctx.lineWidth = 2;
          ctx.setLineDash([7, 4]);
          ctx.beginPath(); ctx.moveTo(x + 1, y); ctx.lineTo(x + 28, y); ctx.stroke();
          ctx.setLineDash([]);
        }
        if (item.index !== 2 || segment) {
          ctx.fillStyle = "#000000";
          ctx.fillText(LEGEND[item.index], x + 34, y);
        }
        x += item.width + 18;
      });
    });
    // the line above the panel: where the boundary is, or that it is not in the picture
    ctx.fillStyle = "#000000";
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    ctx.fillText(segment ? right + " of " + this.y.length + " points on their class's side"
      : OUTSIDE, box.left, box.top - 10);
    this.root.dataset.legend = entries.join("|");
    this.root.dataset.boundary = segment ? "inside" : "outside";
    this.root.dataset.plot = [box.left, box.top, box.right, box.bottom].join(",");
    var where = segment
      ? "The dashed decision boundary puts " + right + " of " + this.y.length +
        " points on their class's side. The shading shows the predicted class: class 1 " +
        "on the blue side, class 0 on the orange side."
      : "The decision boundary lies outside the plot; " + right + " of " + this.y.length +
        " points are on their class's side. The shading shows the predicted class: " +
        "the whole plot is predicted as class " +
        (regions[1].length ? "1 (blue)." : "0 (orange).");
    this.dataCanvas.setAttribute("aria-label", "The two classes (orange circles: class 0, " +
      "blue squares: class 1) after " + epoch + " " + unit + " with learning rate \u03b1 = " +
      alphaText + batchText + ". " + where);
  };

  Explorer.prototype.drawCost = function (costs, epoch, alphaText, batchText) {
    var view = prepare(this.costCanvas,
      legendRows(this.costCanvas.getContext("2d"), this.dataCanvas.clientWidth || 300,
        LEGEND).length * LINE);
    var ctx = view.ctx;
    var box = { left: 68, right: view.width - 22, top: 30, bottom: view.height - 46 };  // room for "10⁻⁶" and the axis name
    var lowLog = Math.log10(this.costlim[0]), highLog = Math.log10(this.costlim[1]);
    var maxLog = Math.log1p(this.epochs);
    function px(e) { return box.left + Math.log1p(e) / maxLog * (box.right - box.left); }
    function py(c) {
      var v = c > 0 ? Math.log10(c) : lowLog;
      v = Math.min(highLog, Math.max(lowLog, v));
      return box.bottom - (v - lowLog) / (highLog - lowLog) * (box.bottom - box.top);
    }
    ctx.fillStyle = "#000000";
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 1;
    // epoch ticks, skipping any that would crowd the previous label
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    var lastRight = -Infinity;
    var epochs = this.epochs;
    this.epochTicks.forEach(function (t) {
      var text = String(t), half = ctx.measureText(text).width / 2, x = px(t);
      if (x - half < lastRight + 6 && t !== epochs) return;
      ctx.beginPath(); ctx.moveTo(x, box.bottom); ctx.lineTo(x, box.bottom + 4); ctx.stroke();
      ctx.fillText(text, x, box.bottom + 6);
      lastRight = x + half;
    });
    ctx.fillText("epoch (scale: log(1 + epoch))", (box.left + box.right) / 2, box.bottom + 26);
    // cost ticks at powers of ten, every k-th so that they are at least 20 px apart
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    var first = Math.ceil(lowLog), last = Math.floor(highLog);
    var every = Math.max(1, Math.ceil(20 / ((box.bottom - box.top) / (highLog - lowLog))));
    for (var k = first; k <= last; k++) {
      if (k % every !== 0) continue;
      var y = py(Math.pow(10, k));
      ctx.beginPath(); ctx.moveTo(box.left - 4, y); ctx.lineTo(box.left, y); ctx.stroke();
      ctx.fillText(powerOfTen(k), box.left - 6, y);
    }
    verticalLabel(ctx, "cost J(W)", box);
    // the title line: the state and its cost
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    ctx.fillText("\u03b1 = " + alphaText + ", epoch " + epoch + ", cost " + formatCost(costs[epoch]),
      box.left, box.top - 10);
    // the full path faint, the path so far bold, a marker at the current epoch
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top - 1, box.right - box.left, box.bottom - box.top + 2);
    ctx.clip();
    function path(upTo) {
      ctx.beginPath();
      ctx.moveTo(px(0), py(costs[0]));
      for (var e = 1; e <= upTo; e++) ctx.lineTo(px(e), py(costs[e]));
      ctx.stroke();
    }
    ctx.strokeStyle = "rgba(0, 114, 178, 0.35)";
    ctx.lineWidth = 1;
    path(costs.length - 1);
    ctx.strokeStyle = COST_COLOR;
    ctx.lineWidth = 2.5;
    path(epoch);
    ctx.restore();
    ctx.fillStyle = "#000000";
    ctx.beginPath();
    ctx.arc(px(epoch), py(costs[epoch]), 4.5, 0, 2 * Math.PI);
    ctx.fill();
    frame(ctx, box);
    var unit = epoch === 1 ? "epoch" : "epochs";
    var last = costs.length - 1, low = this.costlim[0];
    function said(e) { // a cost below the axis lies on its bottom edge: say so
      return formatCost(costs[e]) + (costs[e] < low ? " (on the bottom edge)" : "");
    }
    this.costCanvas.setAttribute("aria-label", "Training cost for learning rate \u03b1 = " +
      alphaText + batchText + ", on a logarithmic scale: " + said(0) + " at the start, " +
      said(epoch) + " after " + epoch + " " + unit +
      (epoch === this.epochs ? "." : ", " + said(last) + " after " + this.epochs + " epochs."));
  };

  function start() {
    document.querySelectorAll(".gd-explorer").forEach(function (root) {
      if (!root.gdExplorer) root.gdExplorer = new Explorer(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
