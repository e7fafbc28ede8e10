/* The saved sliders of the site, for keyboard and screen-reader users.
 *
 * ipywidgets 8.1 draws a slider with noUiSlider: a handle <div role="slider"
 * tabindex="0"> that already moves with the arrow keys, Home and End, but
 *
 * 1. has no accessible name (axe: aria-input-field-name). The slider's label is a
 *    <label> that names nothing: `for` cannot point at a <div>.
 * 2. announces the handle's position, not the value: noUiSlider writes it into
 *    aria-valuetext, which for a SelectionSlider is the option index ("0", "1", ...)
 *    and for a FloatLogSlider the exponent, while the readout shows "0.01".
 * 3. (SelectionSlider only) comes with a readout that is editable text
 *    (contenteditable) which ipywidgets never reads back: a tab stop between the
 *    sliders where typing changes the shown number and nothing else.
 *
 * So, when a slider is drawn and after every move, this script gives its handle
 * aria-label = the slider's tooltip, its full name ("learning rate alpha"; see
 * logreg_sliders.py), or else its label text ("epochs"), and aria-valuetext = the
 * readout's text. The readouts of the sliders marked `logreg-static-slider` (the
 * explorer's SelectionSliders) become plain text. The handles' focus ring is in
 * book.css (ipywidgets' CSS sets outline: none).
 *
 * Loaded on pages with widgets only, before embed-amd.js draws them (nb_ipywidgets_js
 * in _config.yml). Checked by the keyboard test in tests/test_site.py.
 */
(function () {
  "use strict";

  var STATIC_SLIDER = "logreg-static-slider";
  var enhanced = new WeakSet(); // handles: a redrawn slider gets a new handle

  function sliderName(slider) {
    var label = slider.querySelector(".widget-label");
    if (!label) {
      return "";
    }
    var tooltip = (label.getAttribute("title") || "").trim();
    // ipywidgets 8 writes a missing tooltip into the title as the string "null"
    return tooltip && tooltip !== "null" ? tooltip : label.textContent.trim();
  }

  function announceValue(slider, handle) {
    var readout = slider.querySelector(".widget-readout");
    var text = readout ? readout.textContent.trim() : "";
    if (text) {
      handle.setAttribute("aria-valuetext", text);
    }
  }

  function freezeReadout(readout) {
    // the attribute, not isContentEditable, which is false while the widget is hidden
    if (readout.closest("." + STATIC_SLIDER)
        && readout.getAttribute("contenteditable") !== "false") {
      readout.contentEditable = "false";
    }
  }

  function enhance(slider) {
    var target = slider.querySelector(".noUi-target");
    var handles = slider.querySelectorAll(".noUi-handle");
    // one-handle sliders only: a range slider's readout ("a-b") names no single handle
    if (!target || !target.noUiSlider || handles.length !== 1 || enhanced.has(handles[0])) {
      return;
    }
    var handle = handles[0];
    enhanced.add(handle);
    var name = sliderName(slider);
    if (name) {
      handle.setAttribute("aria-label", name);
    }
    announceValue(slider, handle);
    // Runs after noUiSlider's own "update" listener, which rewrites aria-valuetext,
    // and after ipywidgets', which rewrites the readout: listeners run in the order
    // they were added.
    target.noUiSlider.on("update.a11y", function () {
      announceValue(slider, handle);
    });
    slider.querySelectorAll(".widget-readout").forEach(freezeReadout);
  }

  function enhanceAll() {
    document.querySelectorAll(".widget-slider").forEach(enhance);
  }

  // embed-amd.js draws the widgets after "load", asynchronously; ipywidgets may add a
  // slider's classes after it is in the page, and sets contenteditable again whenever a
  // slider's model changes: watch for all three.
  new MutationObserver(function (records) {
    var added = false;
    records.forEach(function (record) {
      var element = record.target;
      if (record.type === "attributes") {
        if (element.classList.contains("widget-readout")) {
          freezeReadout(element);
        } else if (element.classList.contains(STATIC_SLIDER)) {
          element.querySelectorAll(".widget-readout").forEach(freezeReadout);
        }
      } else if (record.addedNodes.length) {
        added = true;
      }
    });
    if (added) {
      enhanceAll();
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["contenteditable", "class"],
  });
  enhanceAll();
})();
