/* Relationships Map (/map/): filters the directory and the picture together.
 * Each directory entry carries its facets as data-* attributes (data-org, data-nations,
 * data-type, data-themes, data-connections); the filters combine (all must match) and live
 * in the URL query (?nation=wales&theme=loneliness), so a filtered view can be shared and
 * survives a reload. The ids of the matching entries then decide which markers (and
 * cross-references) with a data-org stay visible, and each cluster shows how many of its
 * members (data-members) remain. A nation's option may say which other values it also
 * matches (data-also="uk-wide": a nation's filter shows the UK-wide organisations too).
 * Without this script the page is the complete directory and the whole map; it makes no
 * request and works from the offline copy (file://). */
(function () {
  "use strict";
  var directory = document.querySelector("[data-hb-map-directory]");
  var form = document.querySelector("[data-hb-map-form]");
  if (!directory || !form) return;
  var root = form.closest("article") || document;
  var entries = Array.prototype.slice.call(directory.querySelectorAll(".hb-directory__entry[data-org]"));
  var others = Array.prototype.slice.call(root.querySelectorAll("[data-org]")).filter(function (element) {
    return entries.indexOf(element) === -1;
  });
  var clusters = Array.prototype.slice.call(root.querySelectorAll("[data-members]"));
  // A cluster's title says how many it stands for ("3 organisations in Swansea: see the list");
  // filtered, it says how many of those are shown ("1 of 3 organisations in ...", STRINGS.cluster).
  var titles = clusters.map(function (cluster) {
    var title = cluster.querySelector("title");
    return title ? [title, title.textContent] : null;
  });
  var places = Array.prototype.slice.call(directory.querySelectorAll(".hb-directory__place"));
  var regions = Array.prototype.slice.call(directory.querySelectorAll(".hb-directory__region"));
  var count = form.querySelector("[data-hb-map-count]");
  var empty = document.querySelector("[data-hb-map-empty]");
  // Query parameter -> the entry attribute it tests (space-separated ids).
  // The words, in the page's language: a JSON block the page's template writes
  // (templates/generated/map.html; a number's text in each plural form, chosen here by
  // Intl.PluralRules for the page's lang). The script holds no text of its own.
  var STRINGS = {};
  try { STRINGS = JSON.parse(document.getElementById("hb-strings-map").textContent) || {}; } catch (error) { /* no words: counts stay empty */ }
  function text(key, params) {
    var value = STRINGS[key];
    if (value && typeof value === "object") {
      value = value[new Intl.PluralRules(document.documentElement.lang || "en").select(params.num)] || value.other;
    }
    return String(value || "").replace(/%\((\w+)\)s/g, function (all, name) { return name in params ? String(params[name]) : all; });
  }
  var ATTRIBUTES = { nation: "data-nations", type: "data-type", theme: "data-themes", connection: "data-connections" };
  var PARAMS = Object.keys(ATTRIBUTES);

  function words(element, attribute) {
    return (element.getAttribute(attribute) || "").split(" ").filter(Boolean);
  }

  function setHidden(element, hidden) {
    // SVG elements have no `hidden` property; the attribute works on both (hb-map.css).
    if (hidden) element.setAttribute("hidden", "");
    else element.removeAttribute("hidden");
  }

  // The values one choice accepts: its own and those its option names in data-also.
  function accepted(name) {
    var field = form.elements[name];
    if (!field || !field.value) return null;
    var option = field.options[field.selectedIndex];
    return [field.value].concat(words(option, "data-also"));
  }

  function fromUrl() {
    var query = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = query.get(name) || "";
      var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
      field.value = known ? value : "";
    });
  }

  function toUrl() {
    var query = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) query.set(name, field.value);
      else query.delete(name);
    });
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
    var tests = PARAMS.map(function (name) { return [ATTRIBUTES[name], accepted(name)]; })
      .filter(function (test) { return test[1] !== null; });
    var shown = {};
    var total = 0;
    entries.forEach(function (entry) {
      var match = tests.every(function (test) {
        var values = words(entry, test[0]);
        return test[1].some(function (value) { return values.indexOf(value) !== -1; });
      });
      setHidden(entry, !match);
      if (match) {
        shown[entry.getAttribute("data-org")] = true;
        total += 1;
      }
    });
    others.forEach(function (element) { setHidden(element, !shown[element.getAttribute("data-org")]); });
    clusters.forEach(function (cluster, index) {
      var all = words(cluster, "data-members");
      var members = all.filter(function (id) { return shown[id]; }).length;
      var label = cluster.querySelector(".hb-map__count");
      if (label) label.textContent = String(members);
      if (titles[index]) {
        titles[index][0].textContent = members < all.length ? text("cluster", { shown: members, title: titles[index][1] }) : titles[index][1];
      }
      setHidden(cluster, members === 0);
    });
    places.forEach(function (place) {
      setHidden(place, !place.querySelector("[data-org]:not([hidden])"));
    });
    regions.forEach(function (region) {
      setHidden(region, !region.querySelector(".hb-directory__place:not([hidden])"));
    });
    if (count) {
      count.textContent = text("shown", { num: total, all: entries.length });
    }
    if (empty) empty.hidden = total !== 0;
    if (updateUrl) toUrl();
  }

  form.hidden = false;
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("popstate", function () { fromUrl(); apply(false); });
  fromUrl();
  apply(false);
})();
