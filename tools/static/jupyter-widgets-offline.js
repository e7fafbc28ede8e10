/* Make the saved Jupyter widgets (sliders) of the book work from the site's own files.
 *
 * MyST-NB loads this on pages with widgets, after require.js and before the widgets'
 * HTML manager embed-amd.js (see nb_ipywidgets_js in _config.yml):
 *
 * 1. embed-amd.js loads its fonts from the folder of the AMD module RequireJS resolves
 *    for it, by default the page's own folder (404s); point it at _static/jupyter-widgets/.
 * 2. The widgets typeset their labels with the MathJax 2 call
 *    MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]); the book runs MathJax 3,
 *    which has no Hub (TypeError). Provide that one call on top of MathJax 3.
 */
(function () {
  "use strict";

  var widgetsFolder = new URL("jupyter-widgets", document.currentScript.src).href;
  window.require.config({ paths: { "@jupyter-widgets/html-manager/dist": widgetsFolder } });

  function typeset(element) {
    var mathjax = window.MathJax;
    if (!element || !mathjax.startup || !mathjax.typesetPromise) {
      return;
    }
    mathjax.startup.promise = mathjax.startup.promise.then(function () {
      return mathjax.typesetPromise([element]);
    });
  }

  // Registered before embed-amd.js renders the widgets (also on "load"), so it runs first;
  // by then the deferred MathJax 3 script has replaced its configuration object.
  window.addEventListener("load", function () {
    var mathjax = window.MathJax;
    if (mathjax && mathjax.version && !mathjax.Hub) {
      mathjax.Hub = {
        Queue: function () {
          Array.prototype.forEach.call(arguments, function (call) {
            if (Array.isArray(call) && call[0] === "Typeset") {
              typeset(call[2]);
            }
          });
        },
      };
    }
  });
})();
