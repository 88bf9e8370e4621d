/* Evidence explorer: filters the plain list on the evidence index page.
 * Each row carries its facets as data-* attributes; the filters combine (all must match)
 * and live in the URL query (?theme=...&confidence=3), so a filtered view can be shared
 * and survives a reload. Without this script the page is the complete plain list. */
(function () {
  "use strict";
  var list = document.querySelector("[data-hb-explorer]");
  var form = document.querySelector("[data-hb-explorer-form]");
  if (!list || !form) return;
  var rows = Array.prototype.slice.call(list.querySelectorAll("li[data-year]"));
  var count = form.querySelector(".hb-explorer-count");
  var empty = document.querySelector("[data-hb-explorer-empty]");
  var PARAMS = ["theme", "type", "outcome", "confidence", "from", "to"];

  function has(row, attribute, value) {
    return (row.getAttribute(attribute) || "").split(" ").indexOf(value) !== -1;
  }

  var tests = {
    theme: function (row, v) { return has(row, "data-theme", v); },
    type: function (row, v) { return row.getAttribute("data-type") === v; },
    outcome: function (row, v) { return has(row, "data-outcome", v); },
    confidence: function (row, v) { return Number(row.getAttribute("data-confidence")) >= Number(v); },
    from: function (row, v) { return Number(row.getAttribute("data-year")) >= Number(v); },
    to: function (row, v) { return Number(row.getAttribute("data-year")) <= Number(v); }
  };

  function current() {
    var filters = {};
    PARAMS.forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) filters[name] = field.value;
    });
    return filters;
  }

  function fromUrl() {
    var query = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = query.get(name) || "";
      var known = field.options
        ? Array.prototype.some.call(field.options, function (o) { return o.value === value; })
        : /^\d{1,4}$/.test(value);
      field.value = known ? value : "";
    });
  }

  function toUrl(filters) {
    var query = new URLSearchParams();
    PARAMS.forEach(function (name) { if (filters[name]) query.set(name, filters[name]); });
    var search = query.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", url);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk (the
      // offline copy): the filters still work, only the address does not follow.
    }
  }

  function apply(updateUrl) {
    var filters = current();
    var shown = 0;
    rows.forEach(function (row) {
      var match = Object.keys(filters).every(function (name) { return tests[name](row, filters[name]); });
      row.hidden = !match;
      if (match) shown += 1;
    });
    // The words come from the page, in its language, with the total filled in (data-hb-count-text).
    if (count) count.textContent = (count.getAttribute("data-hb-count-text") || "").replace("{shown}", String(shown));
    if (empty) empty.hidden = shown !== 0;
    if (updateUrl) toUrl(filters);
  }

  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("input", function (event) { if (event.target.type === "number") apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("popstate", function () { fromUrl(); apply(false); });
  fromUrl();
  apply(false);
})();
