/* Formulas wider than the screen scroll sideways inside their own box; keyboard users
   must be able to scroll them too (WCAG 2.1.1; axe: scrollable-region-focusable).
   MathJax's right-click menu, which the site no longer loads (book_site.py), used to put
   every formula in the tab order. Once MathJax has typeset, this puts every display
   formula there (the theme lets them scroll). An inline formula (span.math, which the
   theme clips) that is wider than its box gets the class book-math-wide, which lets it
   scroll (tools/static/book.css), and goes in the tab order; a ResizeObserver checks it
   again when the window changes width or a folded solution that holds it is opened.
   The formula's width is that of MathJax's mjx-math: the box's scrollWidth also counts
   the hidden MathML for screen readers, a few pixels wider, which is no reason to
   scroll. */
window.addEventListener("load", () => {
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) return;
  MathJax.startup.promise.then(() => {
    document.querySelectorAll('mjx-container[display="true"]').forEach((math) => {
      math.tabIndex = 0;
    });
    const inline = document.querySelectorAll("span.math");
    if (!inline.length || !window.ResizeObserver) return;
    const check = (box) => {
      const formula = box.querySelector("mjx-math");
      if (!formula) return;
      const wide = formula.getBoundingClientRect().width > box.clientWidth + 1;
      box.classList.toggle("book-math-wide", wide);
      if (wide) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    };
    const observer = new ResizeObserver((entries) => entries.forEach((e) => check(e.target)));
    inline.forEach((math) => observer.observe(math));
  });
});
