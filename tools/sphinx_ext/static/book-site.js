/* Small fixes to the theme's behaviour on every page (book_site.py, 6. and 7.).

   Phone navigation: at narrow widths the theme shows the book's navigation and the
   page's contents in <dialog> elements (#pst-primary-sidebar-modal,
   #pst-secondary-sidebar-modal) that stayed open after the reader tapped a link to a
   section of the same page, covering the section they asked for. A tap on such a link
   (or to the page itself) now closes the dialog first, then follows the link (after the
   theme has put the sidebar back and the focus on the toggle button, which would
   otherwise scroll away from the section). A link to another page just navigates.

   Search from disk: Sphinx's searchtools.js fetches each result's page to show an
   excerpt (DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY); from file:// the browser blocks
   those requests and logs an error for each result. Opened from disk, the search page
   lists page titles only and says how to get excerpts.

   Solutions: sphinx-togglebutton names every fold button "Toggle hidden content", and
   the title's link back to the exercise came first in the tab order (Enter on it jumped
   away, leaving the solution shut). Each button is named after its solution ("Solution
   to Exercise 2.1 (...)", with aria-expanded saying whether it is open), and the title's
   link leaves the tab order: a click or tap on it opens the solution (book.css).

   Search excerpts (served site): Sphinx takes them from the page's [role="main"], which
   in this theme also holds the article's header buttons ("Color mode: ...") and the
   "Contents" list, so an excerpt often showed those. They come from the article. */
(() => {
  const samePage = (link) => link.origin === location.origin
    && link.pathname === location.pathname && link.search === location.search;

  document.querySelectorAll("#pst-primary-sidebar-modal, #pst-secondary-sidebar-modal")
    .forEach((dialog) => {
      dialog.addEventListener("click", (event) => {
        const link = event.target.closest("a[href]");
        if (!link || !dialog.open || !samePage(link)) return;
        event.preventDefault();
        // registered after the theme's close listeners, so it runs after them
        dialog.addEventListener("close", () => { location.href = link.href; },
                                { once: true });
        dialog.close();
      });
    });

  if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS === "object"
      && document.getElementById("search-results")) {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    const hint = document.createElement("p");
    hint.className = "book-search-hint";
    hint.textContent = "Opened from disk, search lists page titles; serve the site as "
      + "the README says for excerpts.";
    document.getElementById("search-results").before(hint);
  }

  // searchtools.js (a plain script, before this deferred one) defines Search
  if (typeof Search === "object" && typeof Search.htmlToText === "function") {
    const pageText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      const article = page.querySelector("article.bd-article");
      if (!article) return pageText(htmlString, anchor);
      article.querySelectorAll(".headerlink, script, style").forEach((el) => el.remove());
      const block = anchor ? article.querySelector(anchor) : null;
      return (block || article).textContent;
    };
  }

  const nameSolutionToggles = () => {
    document.querySelectorAll(".solution.dropdown > .admonition-title").forEach((title) => {
      const button = title.querySelector("button.toggle-button");
      if (!button) return;
      const name = Array.from(title.childNodes).filter((node) => node !== button)
        .map((node) => node.textContent).join("").replace(/\s+/g, " ").trim();
      button.setAttribute("aria-label", name);
      title.querySelectorAll("a[href]").forEach((link) => link.setAttribute("tabindex", "-1"));
    });
  };
  // after sphinx-togglebutton has added its buttons (its own DOMContentLoaded listener)
  document.addEventListener("DOMContentLoaded", () => setTimeout(nameSolutionToggles, 0));
})();
