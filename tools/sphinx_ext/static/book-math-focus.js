/* Display formulas wider than the screen scroll sideways inside their own box; keyboard
   users must be able to scroll them too (WCAG 2.1.1; axe: scrollable-region-focusable).
   MathJax's right-click menu, which the site no longer loads (book_site.py), used to put
   every formula in the tab order; this puts the display formulas there, once MathJax
   has typeset them. */
window.addEventListener("load", () => {
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) return;
  MathJax.startup.promise.then(() => {
    document.querySelectorAll('mjx-container[display="true"]').forEach((math) => {
      math.tabIndex = 0;
    });
  });
});
