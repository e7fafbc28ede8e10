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
   lists page titles only and says how to get excerpts. */
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
})();
