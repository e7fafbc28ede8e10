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
 *
 * What both explorers share (decoding the data, markers, canvas sizing, axes, legend
 * rows, the controls' wiring) is window.BookExplorer of tools/static/explorer-common.js,
 * which the page loads first.
 */
(function () {
  "use strict";

  // the shared pieces: tools/static/explorer-common.js
  var common = window.BookExplorer;
  var decode = common.decode, marker = common.marker, LINE = common.LINE;
  var LEGEND = ["class 0", "class 1", "boundary p = 0.5", "shade: p, dark 0 to light 1"];

  function units(h) { return h + " hidden unit" + (h === 1 ? "" : "s"); }

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
    // the slider, the "−" and "+" buttons (one width), the controls shown, a redraw on
    // a new width
    common.wireControls(root, [this.input], function () { self.draw(); });
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

    // the canvas at the device's pixel ratio, sized to its box, with the legend's rows
    var rows = common.legendRows(this.canvas.getContext("2d"),
      Math.max(200, Math.round(this.canvas.clientWidth || this.canvas.parentNode.clientWidth)),
      LEGEND);
    var view = common.prepare(this.canvas, rows.length * LINE,
      { low: 260, high: 420, share: 0.75 });
    var ctx = view.ctx, width = view.width, height = view.height;
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
    common.frame(ctx, box);

    // axes, ticks and names
    common.dataAxes(ctx, box, xlim, ylim, px, py);
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    if (ctx.measureText(said).width > width - box.left - 4) { // a phone: the short form
      said = units(h) + ": " + this.right[k] + " of " + m + " right";
    }
    ctx.fillText(said, box.left, box.top - 10);

    // the legend, below the plot
    var cmap = this.cmap;
    rows.forEach(function (row, r) {
      var x = (box.left + box.right) / 2 - row.width / 2;
      var y = box.bottom + 46 + r * LINE + LINE / 2;
      row.items.forEach(function (item) {
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
