/* My case (/case-maker/): the reader's case as a document they shape, print, copy and share.
 *
 * Reads the case from the store (window.hbCase, hb-case-store.js: {title, template,
 * items: [{ref, note}]} kept in this browser) and what each item shows from the build's data:
 * what items share is embedded in the page (#hb-case-data: the confidence scale, the findings
 * directions, themes, the number of shards); the items are in shards, case-maker/data/<n>.js,
 * each calling window.hbCaseData.add({shard, shards, items, chapters}), and an
 * item's shard is fnv1a32(ref) % shards (as case_maker/shards.py). Only the shards holding the
 * items shown are loaded, by <script> elements, so it asks nothing of any server but files and
 * works from the offline copy (file://, where fetch is refused). A shard that fails to load
 * leaves its items shown as not loaded; the page never waits on it for long.
 *
 * One document model (build()) is drawn twice: as the page (draw(), with textContent only:
 * no content or note is ever read as HTML) and as Markdown for "Copy as text" (markdown()).
 * A template chooses which parts show and in what order (TEMPLATES). "What this evidence
 * does not show" says only what the data says: each item's rating, its rationale, the
 * scale's description of its level and its findings direction.
 *
 * A shared link carries the case in the address's fragment (#case=, base64url of UTF-8
 * JSON {v, t, m, i: [ref | [ref, note]]}), which no server ever sees; opened, it shows the
 * shared case beside the reader's own, which is replaced only when they say so.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-hb-case-maker]");
  var dataElement = document.getElementById("hb-case-data");
  if (!root || !dataElement || root.hasAttribute("data-hb-case-ready")) return;

  // The words, in the page's language: templates/generated/case_maker.html writes them as JSON
  // (a text that depends on a number in each plural form, chosen by Intl.PluralRules for the
  // page's lang). The script holds no text of its own.
  var STRINGS = readStrings();
  var PLURALS = new Intl.PluralRules(document.documentElement.lang || "en");
  function readStrings() {
    try { return JSON.parse(document.getElementById("hb-strings-case").textContent) || {}; } catch (error) { return {}; }
  }
  // The text of `key`, its %(name)s filled from params.
  function t(key, params) { return fill(STRINGS[key], params); }
  // The text of `key` for the number n (as %(num)s), in the plural form the page's language needs.
  function tn(key, n, params) {
    var forms = STRINGS[key] || {};
    var all = { num: n };
    Object.keys(params || {}).forEach(function (name) { all[name] = params[name]; });
    return fill(forms[PLURALS.select(n)] || forms.other, all);
  }
  function fill(text, params) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (whole, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  var KINDS = ["evidence", "story", "term", "convening", "section"];
  var KIND_LABELS = STRINGS.kinds || {};
  var MAX = { title: 200, note: 2000, items: 200, ref: 300, link: 16000 };
  var SHARE_PREFIX = "#case=";
  var LICENCES = { "CC-BY-4.0": ["CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"] };
  var NUMBERS = STRINGS.numbers || [];  // "no", "one" ... "ten", for sentences
  var CAVEATS = "caveats";
  var SHORT_FINDINGS = 2; // key findings an item shows in short; the rest are on its page
  // The printed one-page brief, measured in Chromium on the real site (hb-case.css's print
  // rules: 8.5 pt text and 7 pt references on A4 with 11 mm and 13 mm margins): about this
  // many characters to a line of text and of references, and lines to a page. The page
  // estimates the brief's length from these and says when it runs past one page.
  var BRIEF_PRINT = { textLine: 105, referenceLine: 150, page: 70, items: 5 };

  // Each template: its parts in order; a part lists the kinds it holds and how much of each
  // it shows ("full", "short", or "title": the title and one line).
  var TEMPLATES = [
    {
      id: "brief",
      label: t("brief"),
      help: t("brief_help"),
      parts: [{ heading: t("part_case"), kinds: KINDS, detail: "brief" }, CAVEATS]
    },
    {
      id: "evidence-summary",
      label: t("summary"),
      help: t("summary_help"),
      parts: [
        { heading: t("part_evidence"), kinds: ["evidence"], detail: "full" },
        CAVEATS,
        { heading: t("part_terms"), kinds: ["term"], detail: "full" },
        { heading: t("part_handbooks"), kinds: ["section"], detail: "full" },
        { heading: t("part_also"), kinds: ["story", "convening"], detail: "title" }
      ]
    },
    {
      id: "story-pack",
      label: t("pack"),
      help: t("pack_help"),
      parts: [
        { heading: t("part_stories"), kinds: ["story"], detail: "full" },
        { heading: t("part_terms"), kinds: ["term"], detail: "full" },
        { heading: t("part_evidence"), kinds: ["evidence"], detail: "short" },
        CAVEATS,
        { heading: t("part_handbooks_convenings"), kinds: ["section", "convening"], detail: "short" }
      ]
    }
  ];

  var SHARD_TIMEOUT = 15000; // ms before a shard that has neither loaded nor failed counts as failed
  var data = readData();
  var items = data.items;
  var shards = { base: root.getAttribute("data-hb-case-shards") || "data/", state: {}, waiting: null, opening: false };
  var scale = data.scale;
  var top = scale.length ? scale[scale.length - 1] : null;
  var siteName = root.getAttribute("data-hb-site-name") || document.title.split(" - ").pop() || t("site");
  var siteUrl = absoluteSiteUrl();
  var base = materialBase();
  var offline = window.location.protocol === "file:";
  var store = window.hbCase && typeof window.hbCase.get === "function" ? window.hbCase : memoryStore();

  var shared = null; // a case opened from a link, shown until saved or put aside
  var lastShape = "";
  var ui = {};
  var uid = 0;

  /* ---- data ---- */

  function readData() {
    var parsed = {};
    try { parsed = JSON.parse(dataElement.textContent) || {}; } catch (error) { parsed = {}; }
    var result = { items: {}, scale: [], directions: {}, chapters: {}, licence: parsed.licence, format: parsed.format, shards: 0 };
    acceptItems(result.items, parsed.items); // a page that embeds its items needs no shard
    if (typeof parsed.shards === "number" && parsed.shards >= 1 && parsed.shards % 1 === 0) result.shards = parsed.shards;
    if (Array.isArray(parsed.scale)) {
      result.scale = parsed.scale.filter(function (level) { return level && isFinite(level.rating); })
        .sort(function (a, b) { return a.rating - b.rating; });
    }
    if (parsed.directions && typeof parsed.directions === "object") result.directions = parsed.directions;
    if (parsed.chapters && typeof parsed.chapters === "object") result.chapters = parsed.chapters;  // a section's chapter, by its address
    return result;
  }

  function acceptItems(target, given) {
    if (!given || typeof given !== "object") return;
    Object.keys(given).forEach(function (ref) {
      var item = given[ref];
      if (item && typeof item === "object" && KINDS.indexOf(item.kind) >= 0 && typeof item.title === "string") {
        target[ref] = item;
      }
    });
  }

  /* ---- the items, by shard ---- */

  // FNV-1a, 32 bits, over the UTF-8 bytes: the same number as case_maker/shards.py's fnv1a32.
  function fnv1a32(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return hash;
  }
  function shardOf(ref) { return fnv1a32(ref) % data.shards; }

  // A shard calls this as it runs. One of another build (a stale copy) is ignored: its
  // numbering is not this page's, and its script's load then counts as a failure.
  window.hbCaseData = {
    hash: fnv1a32,
    shardOf: shardOf,
    add: function (payload) {
      if (!payload || payload.shards !== data.shards || payload.format !== data.format || shards.state[payload.shard] !== "loading") return;
      acceptItems(items, payload.items);
      if (payload.chapters && typeof payload.chapters === "object") {
        Object.keys(payload.chapters).forEach(function (url) { data.chapters[url] = payload.chapters[url]; });
      }
      shards.state[payload.shard] = "loaded";
    }
  };

  function loadShard(number) {
    shards.state[number] = "loading";
    var script = document.createElement("script");
    var timer = window.setTimeout(function () { done(); }, SHARD_TIMEOUT);
    function done() {
      window.clearTimeout(timer);
      script.onload = script.onerror = null;
      if (shards.state[number] === "loading") shards.state[number] = "failed";
      settled();
    }
    script.onload = script.onerror = done;
    script.src = shards.base + number + ".js";
    document.head.appendChild(script);
  }

  // Asks for the shards of the refs not yet known; true while any of them is still loading.
  function loadFor(refs) {
    if (!data.shards) return false;
    var loading = false;
    refs.forEach(function (ref) {
      if (has(items, ref) || typeof ref !== "string" || !ref) return;
      var number = shardOf(ref);
      if (!shards.state[number]) loadShard(number);
      if (shards.state[number] === "loading") loading = true;
    });
    return loading;
  }

  // An item not known because its shard failed (not because the handbook no longer has it).
  function notLoaded(ref) { return !!data.shards && shards.state[shardOf(ref)] === "failed"; }

  function settled() {
    for (var number in shards.state) if (shards.state[number] === "loading") return;
    if (shards.opening) { shards.opening = false; openFromAddress(); }
    if (!shards.waiting) return;
    var focus = shards.waiting.focus;
    shards.waiting = null;
    render(focus);
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function itemFor(ref) { return has(items, ref) ? items[ref] : null; }
  function list(value) { return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string" && v; }) : []; }
  function str(value) { return typeof value === "string" ? value : ""; }

  // A text's first sentence, for the one-page brief: up to the first full stop (or ! or ?)
  // that is followed by a space and a capital or a digit, and that does not end an initial
  // or a common abbreviation ("U.S. Surgeon", "et al. 2010", "e.g. A").
  var ABBREVIATION = /(?:^|[\s(])(?:[A-Za-z]|[A-Z][a-z]?\.[A-Za-z]{1,2}|al|etc|e\.g|i\.e|vs|cf|Dr|Mr|Mrs|Ms|St|No|Prof)[.]$/;
  function firstSentence(text) {
    var ends = /[.!?]["'\u201d\u2019)]?(?=\s+["'\u201c\u2018(]?[A-Z0-9])/g, match;
    while ((match = ends.exec(text))) {
      var end = match.index + match[0].length;
      if (match[0].charAt(0) === "." && ABBREVIATION.test(text.slice(0, match.index + 1))) continue;
      return text.slice(0, end);
    }
    return text;
  }

  // Where the site lives: its canonical address, for the references and the colophon.
  function absoluteSiteUrl() {
    var given = root.getAttribute("data-hb-site-url") || "";
    if (/^https?:\/\//i.test(given)) return given.replace(/\/?$/, "/");
    try { return new URL(materialBase() + "/", window.location.href).href; } catch (error) { return ""; }
  }

  // Material's base: the way from this page to the site's root ("..").
  function materialBase() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      if (typeof config.base === "string") return config.base.replace(/\/$/, "") || ".";
    } catch (error) { /* the default below */ }
    return "..";
  }

  // A link from this page to an item's page. The offline copy has no directory addresses:
  // there evidence/x/ is the file evidence/x.html (every kind of item is a file of its own).
  function localHref(url) {
    var parts = str(url).split("#");
    var path = parts[0];
    if (offline && path === "") path = "index.html";
    else if (offline && /\/$/.test(path)) path = path.slice(0, -1) + ".html";
    return base + "/" + path + (parts.length > 1 ? "#" + parts.slice(1).join("#") : "");
  }
  function siteAddress(url) { return siteUrl + str(url); }
  function webAddress(url) { return /^https?:\/\//i.test(str(url)) ? url : ""; }

  /* ---- the store, or a case in memory when the store did not load ---- */

  function memoryStore() {
    var state = { title: "", template: "", items: [] };
    var listeners = [];
    function changed() { listeners.forEach(function (fn) { fn(); }); }
    function index(ref) { for (var i = 0; i < state.items.length; i++) if (state.items[i].ref === ref) return i; return -1; }
    return {
      memory: true,
      get: function () { return JSON.parse(JSON.stringify(state)); },
      set: function (value) { state = JSON.parse(JSON.stringify(value)); changed(); },
      remove: function (ref) { var i = index(ref); if (i >= 0) { state.items.splice(i, 1); changed(); } },
      setItems: function (refs) {
        var notes = {};
        state.items.forEach(function (e) { notes[e.ref] = e.note; });
        state.items = refs.map(function (ref) { return { ref: ref, note: notes[ref] || "" }; });
        changed();
      },
      setTitle: function (value) { state.title = value; changed(); },
      setTemplate: function (value) { state.template = value; changed(); },
      setNote: function (ref, value) { var i = index(ref); if (i >= 0) { state.items[i].note = value; changed(); } },
      subscribe: function (fn) { listeners.push(fn); },
      persistent: function () { return false; }
    };
  }

  function ownCase() {
    var value = store.get() || {};
    return {
      title: str(value.title),
      template: str(value.template),
      items: (Array.isArray(value.items) ? value.items : []).map(function (e) { return { ref: str(e.ref), note: str(e.note) }; })
    };
  }
  function shown() { return shared || ownCase(); }
  function templateFor(id) {
    for (var i = 0; i < TEMPLATES.length; i++) if (TEMPLATES[i].id === id) return TEMPLATES[i];
    return TEMPLATES[0];
  }

  /* ---- the document model ---- */

  function build(state) {
    var template = templateFor(state.template);
    var known = [], gone = [], unloaded = [];
    state.items.forEach(function (entry) {
      var item = itemFor(entry.ref);
      if (item) known.push({ ref: entry.ref, note: entry.note, item: item });
      else (notLoaded(entry.ref) ? unloaded : gone).push(entry);
    });
    var references = [], numbers = {};
    var parts = [];
    template.parts.forEach(function (part) {
      if (part === CAVEATS) {
        if (known.length) parts.push({ heading: t("part_caveats"), caveats: caveats(known, template.id === "brief") });
        return;
      }
      var entries = known.filter(function (e) { return part.kinds.indexOf(e.item.kind) >= 0; });
      if (!entries.length) return;
      entries.forEach(function (e) {
        if (!numbers[e.ref]) { references.push(e); numbers[e.ref] = references.length; }
        e.number = numbers[e.ref];
        e.detail = part.detail;
        e.blocks = describe(e.item, part.detail);
      });
      parts.push({ heading: part.heading, entries: entries });
    });
    return {
      title: state.title,
      template: template,
      parts: parts,
      gone: gone,
      unloaded: unloaded,
      count: state.items.length,
      references: references.map(reference),
      colophon: colophon()
    };
  }

  // What an item shows: blocks of {label, text} or {label, list}, in reading order.
  function describe(item, detail) {
    var blocks = [];
    function add(label, text) { if (text) blocks.push({ label: label, text: text }); }
    function meta() { blocks.push({ meta: true, text: [KIND_LABELS[item.kind]].concat(Array.prototype.slice.call(arguments).filter(Boolean)).join(" · ") }); }
    var full = detail === "full", titleOnly = detail === "title", brief = detail === "brief";
    if (item.kind === "evidence") {
      meta(str(item.short), str(item.type));
      if (titleOnly) return blocks;
      if (full) add(t("citation"), str(item.citation));
      add(t("confidence"), confidence(item, full, brief));
      if (full && item.direction) add(t("direction"), direction(item.direction));
      var findings = list(item.key_findings);
      if (brief && findings.length) {
        add(findings.length > 1 ? tn("first_finding", findings.length) : t("key_finding"), findings[0]);
      } else if (findings.length) {
        var shownFindings = full ? findings : findings.slice(0, SHORT_FINDINGS);
        var label = shownFindings.length < findings.length
          ? tn("some_findings", findings.length, { shown: shownFindings.length })
          : t("key_findings");
        blocks.push({ label: label, list: shownFindings });
      }
    } else if (item.kind === "story") {
      meta(str(item.story_type), full ? str(item.place) : "");
      if (titleOnly) return blocks;
      if (brief) {
        // Who tells it and how it was published, in one line.
        add(t("in_short"), firstSentence(str(item.summary)));
        add(t("told_by"), [list(item.storytellers).join("; "), str(item.basis)].filter(Boolean).join(" \u2014 "));
        return blocks;
      }
      add(t("story_summary"), str(item.summary));
      add(t("told_by"), list(item.storytellers).join("; "));
      add(t("published"), str(item.basis));
    } else if (item.kind === "term") {
      meta();
      if (titleOnly) return blocks;
      add(t("definition"), str(item.definition));
      if (item.contested && brief) add(t("contested"), contestedBy(item).length ? t("contested_by_short", { names: contestedBy(item).join("; ") }) : firstSentence(contested(item)));
      else if (item.contested) add(t("contested"), contested(item));
      if (full) add(t("use_with_care"), str(item.use_with_care));
    } else if (item.kind === "convening") {
      meta(longDate(str(item.date)), str(item.format), full ? str(item.place) : "");
      if (titleOnly) return blocks;
      add(t("hosted_by"), list(item.hosts).join("; "));
      add(t("purpose"), brief ? firstSentence(str(item.summary)) : str(item.summary));
    } else if (item.kind === "section") {
      var chapter = has(data.chapters, str(item.chapter)) ? data.chapters[item.chapter] : { title: item.chapter, handbook: item.handbook };
      meta([str(chapter.handbook), str(chapter.title)].filter(Boolean).join(": "));
      if (titleOnly) return blocks;
      add(t("in_brief"), brief ? firstSentence(str(item.summary)) : str(item.summary));
    }
    return blocks;
  }

  function levelOf(rating) {
    for (var i = 0; i < scale.length; i++) if (scale[i].rating === rating) return scale[i];
    return null;
  }
  function ratingOf(item) {
    var c = item.confidence && typeof item.confidence === "object" ? item.confidence : {};
    return isFinite(c.rating) ? Number(c.rating) : null;
  }
  function confidence(item, full, brief) {
    var c = item.confidence && typeof item.confidence === "object" ? item.confidence : {};
    var level = levelOf(ratingOf(item));
    var label = str(c.label) || (level ? str(level.label) : "");
    if (!label) return "";
    var text = top && ratingOf(item) !== null ? t("rating", { label: label, rating: ratingOf(item), top: top.rating }) : label;
    if (str(c.rationale)) text += ": " + (brief ? firstSentence(str(c.rationale)) : str(c.rationale));
    var description = str(c.description) || (level ? str(level.description) : "");
    if (full && description) text += " " + t("scale_says", { description: description });
    return text;
  }
  function direction(id) { return has(data.directions, id) ? str(data.directions[id]) || id : id; }
  function contestedBy(item) {
    return (Array.isArray(item.contested_by) ? item.contested_by : []).map(function (p) {
      return p && str(p.by) ? str(p.by) + (str(p.stance) ? " (" + str(p.stance).toLowerCase() + ")" : "") : "";
    }).filter(Boolean);
  }
  function contested(item) {
    var by = contestedBy(item);
    var text = str(item.contested_note) || t("contested_default");
    return by.length ? text + " " + t("contested_by", { names: by.join("; ") }) : text;
  }

  // The case's caveats, from the data only: the evidence's ratings (with the scale's words for
  // each level and each item's rationale), its findings directions, and what is not rated at all.
  // The brief gives each rating's reason in its item (first sentence) and says where the rest is.
  function caveats(entries, brief) {
    var blocks = [];
    var evidence = entries.filter(function (e) { return e.item.kind === "evidence"; });
    var total = evidence.length;
    var name = function (e) { return str(e.item.short) || e.item.title; };
    if (!total) {
      blocks.push({ text: t("caveat_no_evidence") });
    } else {
      var byRating = {};
      evidence.forEach(function (e) {
        var rating = ratingOf(e.item);
        var key = rating === null ? "none" : String(rating);
        (byRating[key] = byRating[key] || []).push(e);
      });
      scale.forEach(function (level) {
        var group = byRating[String(level.rating)];
        if (!group || (top && level.rating === top.rating)) return;
        var description = str(level.description);
        var said = { who: count(group.length, total), names: group.map(name).join("; "), label: str(level.label), rating: level.rating, top: top.rating };
        if (description) said.description = description.replace(/\.$/, "");
        blocks.push({ text: tn(description ? "caveat_level" : "caveat_level_plain", group.length, said) });
      });
      if (top && !byRating[String(top.rating)]) {
        blocks.push({ text: tn(str(top.description) ? "caveat_not_top" : "caveat_not_top_plain", total, { label: str(top.label), description: str(top.description) }) });
      }
      if (byRating.none) {
        blocks.push({ text: tn("caveat_unrated", byRating.none.length, { who: count(byRating.none.length, total), names: byRating.none.map(name).join("; ") }) });
      }
      var reasons = evidence.filter(function (e) { return e.item.confidence && str(e.item.confidence.rationale); })
        .map(function (e) { return name(e) + " (" + str(e.item.confidence.label) + "): " + str(e.item.confidence.rationale); });
      if (reasons.length && !brief) blocks.push({ label: t("caveat_reasons"), list: reasons });
      var directions = {};
      evidence.forEach(function (e) {
        if (e.item.direction && e.item.direction !== "positive") (directions[e.item.direction] = directions[e.item.direction] || []).push(name(e));
      });
      var found = Object.keys(directions).sort().map(function (id) { return direction(id) + ": " + directions[id].join("; "); });
      if (found.length) blocks.push({ label: t("caveat_directions"), list: found });
    }
    var stories = entries.filter(function (e) { return e.item.kind === "story"; }).length;
    if (stories) {
      blocks.push({ text: tn("caveat_stories", stories, { count: capital(NUMBERS[stories] || String(stories)) }) });
    }
    entries.forEach(function (e) {
      if (e.item.kind === "term" && e.item.contested) {
        var by = contestedBy(e.item);
        blocks.push({ text: by.length && !brief ? t("caveat_term_by", { term: e.item.title, names: by.join("; ") }) : t("caveat_term", { term: e.item.title }) });
      }
    });
    if (brief && entries.length) {
      blocks.push({ text: t("caveat_brief") });
    }
    return blocks;
  }
  // "One of the three evidence items", "Both evidence items", "The one evidence item".
  function count(n, total) {
    if (n === total) return total === 1 ? t("count_one") : total === 2 ? t("count_both") : tn("count_all", total, { count: NUMBERS[total] || total });
    return tn("count_some", total, { count: capital(NUMBERS[n] || String(n)), total: NUMBERS[total] || total });
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function reference(entry) {
    var item = entry.item, parts = [];
    if (item.kind === "evidence" && str(item.citation)) parts.push(str(item.citation));
    else parts.push(t("reference", { title: item.title, kind: KIND_LABELS[item.kind], site: siteName }));
    var links = [];
    var outside = item.kind === "evidence" ? webAddress(item.link) : item.kind === "story" ? webAddress(item.basis_link) : "";
    if (outside) links.push({ label: item.kind === "story" ? t("published_at") : t("source"), href: outside });
    links.push({ label: t("in_the_handbooks"), href: siteAddress(item.url) });
    return { number: entry.number, text: parts.join(" "), links: links };
  }

  function colophon() {
    var licence = has(LICENCES, data.licence) ? LICENCES[data.licence] : null;
    var lines = [t("prepared", { date: longDate(today()), site: siteName, url: siteUrl })];
    if (licence) lines.push(t("licence", { licence: licence[0], url: licence[1] }));
    lines.push(t("notes_own"));
    return lines;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function longDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return text;
    var months = STRINGS.months || [];
    return t("date", { day: Number(m[3]), month: months[Number(m[2]) - 1] || m[2], year: m[1] });
  }

  /* ---- drawing: elements made with textContent, never from HTML ---- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "hidden") node.hidden = true;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined && child !== false) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function hidden(text) { return el("span", { "class": "hb-case__vh", text: text }); }
  function nextId(stem) { uid += 1; return "hb-case-" + stem + "-" + uid; }

  function drawBlocks(blocks) {
    return blocks.map(function (block) {
      if (block.meta) return el("p", { "class": "hb-case__meta", text: block.text });
      if (block.list) {
        return el("div", { "class": "hb-case__block" }, [
          block.label ? el("p", { "class": "hb-case__label", text: block.label + ":" }) : null,
          el("ul", {}, block.list.map(function (text) { return el("li", { text: text }); }))
        ]);
      }
      return el("p", { "class": "hb-case__block" }, [block.label ? el("strong", { text: block.label + ": " }) : null, block.text]);
    });
  }

  function drawEntry(entry, editable) {
    var item = entry.item;
    var titleId = nextId("item");
    var children = [
      el("h4", { "class": "hb-case__item-title", id: titleId, tabindex: "-1" }, [
        el("a", { href: localHref(item.url), text: item.title }),
        " ",
        el("span", { "class": "hb-case__cite", text: "[" + entry.number + "]" }, [])
      ])
    ].concat(drawBlocks(entry.blocks));
    children.push(el("p", { "class": "hb-case__note" + (editable ? " hb-case__note--print" : ""), hidden: !entry.note }, [
      el("strong", { text: t("note") + ": " }), el("span", { "class": "hb-case__note-text", text: entry.note })
    ]));
    if (editable) children.push(drawTools(entry, titleId));
    return el("li", { "class": "hb-case__item hb-case__item--" + item.kind, "data-ref": entry.ref }, children);
  }

  function drawTools(entry, titleId) {
    var noteId = nextId("note");
    var note = el("textarea", { id: noteId, "class": "hb-case__note-field", rows: "2", maxlength: String(MAX.note), "data-action": "note" });
    note.value = entry.note;
    return el("div", { "class": "hb-case__tools", "data-hb-case-control": true }, [
      el("label", { "for": noteId, "class": "hb-case__note-label" }, [t("your_note"), hidden(" " + t("note_on", { title: entry.item.title }))]),
      note,
      el("div", { "class": "hb-case__buttons" }, [
        button("up", t("move_up"), entry.item.title),
        button("down", t("move_down"), entry.item.title),
        button("remove", t("remove"), entry.item.title)
      ])
    ]);
  }
  function button(action, label, title) {
    return el("button", { type: "button", "class": "md-button hb-case__button", "data-action": action }, [label, hidden(": " + title)]);
  }

  function drawDocument(doc, editable) {
    var children = [el("h2", { "class": "hb-case__title", id: "hb-case-title-heading", text: doc.title || t("my_case") })];
    children.push(el("p", { "class": "hb-case__subtitle", text: doc.template.label + " \u00b7 " + longDate(today()) }));
    if (!doc.count && shared) children.push(el("p", { "class": "hb-case__empty", text: t("shared_empty") }));
    else if (!doc.count) {
      var places = [["evidence/", t("place_evidence")], ["stories/", t("place_stories")], ["glossary/", t("place_glossary")], ["handbooks/", t("place_handbooks")]];
      var empty = el("p", { "class": "hb-case__empty", text: t("empty") + " " });
      places.forEach(function (place, i) {
        empty.appendChild(el("a", { href: localHref(place[0]), text: place[1] }));
        empty.appendChild(document.createTextNode(i < places.length - 1 ? ", " : "."));
      });
      children.push(empty);
    }
    doc.parts.forEach(function (part) {
      var headingId = nextId("part");
      var section = el("section", { "class": "hb-case__part", "aria-labelledby": headingId }, [el("h3", { id: headingId, text: part.heading })]);
      if (part.caveats) {
        section.className += " hb-case__caveats";
        drawBlocks(part.caveats).forEach(function (node) { section.appendChild(node); });
      } else {
        section.appendChild(el("ol", { "class": "hb-case__items", role: "list" }, part.entries.map(function (entry) {
          return drawEntry(entry, editable);
        })));
      }
      children.push(section);
    });
    [
      { entries: doc.gone, id: "hb-case-gone", heading: t("gone"), text: t(shared ? "gone_shared" : "gone_own") },
      { entries: doc.unloaded, id: "hb-case-unloaded", heading: t("unloaded"), text: t(shared ? "unloaded_shared" : "unloaded_own") }
    ].forEach(function (missing) {
      if (!missing.entries.length) return;
      children.push(el("section", { "class": "hb-case__part hb-case__gone", "aria-labelledby": missing.id }, [
        el("h3", { id: missing.id, text: missing.heading }),
        el("p", { text: missing.text }),
        el("ul", { "class": "hb-case__items" }, missing.entries.map(function (entry) {
          return el("li", { "class": "hb-case__item hb-case__item--gone", "data-ref": entry.ref }, [
            el("span", { "class": "hb-case__gone-ref", text: entry.ref }),
            entry.note ? el("span", { text: " " + t("your_note_on_gone", { note: entry.note }) }) : null,
            editable ? el("span", { "data-hb-case-control": true }, [" ", button("remove", t("remove"), entry.ref)]) : null
          ]);
        }))
      ]));
    });
    if (doc.references.length) {
      children.push(el("section", { "class": "hb-case__part hb-case__references", "aria-labelledby": "hb-case-references" }, [
        el("h3", { id: "hb-case-references", text: t("references") }),
        el("ol", { "class": "hb-case__reference-list", role: "list" }, doc.references.map(function (ref) {
          var parts = [el("span", { "class": "hb-case__reference-number", text: "[" + ref.number + "] " }), ref.text];
          ref.links.forEach(function (link) {
            parts.push(" " + link.label + ": ", el("a", { href: link.href, "class": "hb-case__address", text: link.href }));
          });
          return el("li", {}, parts);
        }))
      ]));
    }
    children.push(el("footer", { "class": "hb-case__colophon" }, doc.colophon.map(function (line) { return el("p", { text: line }); })));
    return children;
  }

  /* ---- Markdown, for "Copy as text" ---- */

  function markdown(doc) {
    var out = ["# " + oneLine(doc.title || t("my_case")), "", "*" + doc.template.label + ", " + longDate(today()) + "*", ""];
    function blocks(list) {
      list.forEach(function (block) {
        if (block.meta) out.push("*" + block.text + "*", "");
        else if (block.list) {
          if (block.label) out.push("**" + block.label + ":**", "");
          block.list.forEach(function (text) { out.push("- " + oneLine(text)); });
          out.push("");
        } else out.push((block.label ? "**" + block.label + ":** " : "") + oneLine(block.text), "");
      });
    }
    doc.parts.forEach(function (part) {
      out.push("## " + part.heading, "");
      if (part.caveats) blocks(part.caveats);
      else {
        part.entries.forEach(function (entry) {
          out.push("### " + oneLine(entry.item.title) + " [" + entry.number + "]", "");
          blocks(entry.blocks);
          if (entry.note) out.push("**" + t("note") + ":** " + entry.note.replace(/\s*\n\s*/g, " "), "");
        });
      }
    });
    if (doc.gone.length) {
      out.push("## " + t("gone"), "");
      doc.gone.forEach(function (entry) { out.push("- " + entry.ref); });
      out.push("");
    }
    if (doc.unloaded.length) {
      out.push("## " + t("unloaded"), "");
      doc.unloaded.forEach(function (entry) { out.push("- " + entry.ref); });
      out.push("");
    }
    if (doc.references.length) {
      out.push("## " + t("references"), "");
      doc.references.forEach(function (ref) {
        out.push(ref.number + ". " + ref.text + ref.links.map(function (link) { return " " + link.label + ": <" + link.href + ">"; }).join(""));
      });
      out.push("");
    }
    out.push("---", "");
    doc.colophon.forEach(function (line) { out.push(line, ""); });
    return out.join("\n").replace(/\n+$/, "\n");
  }
  function oneLine(text) { return str(text).replace(/\s+/g, " ").trim(); }

  /* ---- the shared link ---- */

  function encodeCase(state, withNotes) {
    var payload = { v: 1, t: state.title || undefined, m: state.template || undefined, i: state.items.slice(0, MAX.items).map(function (e) {
      return withNotes && e.note ? [e.ref, e.note] : e.ref;
    }) };
    var bytes = new TextEncoder().encode(JSON.stringify(payload));
    var binary = "";
    for (var i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // A case from a link, which anyone could have written: every field checked, lengths capped,
  // refs this handbook does not have left out (and counted). Throws a message to show.
  // Leniently, the refs only, whether or not their items are known (to load their shards).
  function decodeCase(text, lenient) {
    var unreadable = t("link_unreadable");
    if (text.length > MAX.link) throw new Error(t("link_too_long", { max: MAX.link }));
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error(unreadable);
    var payload;
    try {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (error) {
      throw new Error(unreadable);
    }
    if (!payload || typeof payload !== "object" || Array.isArray(payload) || !Array.isArray(payload.i)) throw new Error(unreadable);
    var result = { title: oneLine(str(payload.t)).slice(0, MAX.title), template: templateFor(str(payload.m)).id, items: [], unknown: 0, capped: false };
    var seen = {};
    payload.i.forEach(function (entry) {
      var ref = typeof entry === "string" ? entry : Array.isArray(entry) ? entry[0] : null;
      var note = Array.isArray(entry) && typeof entry[1] === "string" ? entry[1].slice(0, MAX.note) : "";
      if (typeof ref === "string" && has(seen, ref)) return;
      // An item whose shard failed stays (shown as not loaded); one the build does not have is left out.
      if (typeof ref !== "string" || ref.length > MAX.ref || !(lenient || itemFor(ref) || notLoaded(ref))) { result.unknown += 1; return; }
      if (result.items.length >= MAX.items) { result.capped = true; return; }
      seen[ref] = true;
      result.items.push({ ref: ref, note: note });
    });
    return result;
  }

  function pageAddress() { return window.location.href.split("#")[0]; }

  function shareLink() {
    var state = shown();
    var encoded = encodeCase(state, true);
    var withoutNotes = encoded.length > MAX.link;
    if (withoutNotes) encoded = encodeCase(state, false);
    return { url: pageAddress() + SHARE_PREFIX + encoded, withoutNotes: withoutNotes, tooMany: state.items.length > MAX.items };
  }

  // A shared case's items are known once their shards are in: until then its link waits.
  function linkShardsLoading(text) {
    var refs;
    try { refs = decodeCase(text, true).items.map(function (e) { return e.ref; }); } catch (error) { return false; }
    if (!loadFor(refs)) return false;
    shards.opening = true;
    ui.document.setAttribute("aria-busy", "true");
    return true;
  }

  function openFromAddress() {
    var hash = window.location.hash;
    if (hash.indexOf(SHARE_PREFIX) === 0 && linkShardsLoading(hash.slice(SHARE_PREFIX.length))) return;
    if (hash.indexOf(SHARE_PREFIX) !== 0) {
      // Back to the page's own address: the reader's case. Any other fragment (the skip link)
      // leaves a shared case on show.
      if (shared && (hash === "" || hash === "#")) { shared = null; showSharedNotice(""); render(); }
      return;
    }
    var problem = "";
    try {
      shared = decodeCase(hash.slice(SHARE_PREFIX.length));
    } catch (error) {
      shared = null;
      problem = error.message;
    }
    render();
    showSharedNotice(problem);
  }

  function forgetAddress() {
    try {
      window.history.replaceState(null, "", pageAddress());
    } catch (error) {
      window.location.hash = ""; // browsers that refuse to change a file's address (offline copy)
    }
  }

  /* ---- the controls, made once ---- */

  function drawControls() {
    var titleHint = nextId("hint");
    ui.notice = el("div", { "class": "hb-case__notice", "data-hb-case-control": true, hidden: true, tabindex: "-1" });
    ui.title = el("input", { type: "text", id: "hb-case-title", "class": "hb-case__title-field", maxlength: String(MAX.title), autocomplete: "off", "aria-describedby": titleHint });
    var templates = el("fieldset", { "class": "hb-case__templates" }, [el("legend", { text: t("template") })]);
    ui.templates = TEMPLATES.map(function (template) {
      var id = "hb-case-template-" + template.id;
      var radio = el("input", { type: "radio", name: "hb-case-template", id: id, value: template.id, "aria-describedby": id + "-help" });
      templates.appendChild(el("div", { "class": "hb-case__template" }, [
        radio, el("label", { "for": id, text: template.label }), el("p", { "class": "hb-case__hint", id: id + "-help", text: template.help })
      ]));
      return radio;
    });
    ui.print = el("button", { type: "button", "class": "md-button md-button--primary", "aria-describedby": "hb-case-length hb-case-print-help", text: t("download") });
    ui.length = el("p", { "class": "hb-case__length", id: "hb-case-length", hidden: true });
    ui.copy = el("button", { type: "button", "class": "md-button", text: t("copy") });
    ui.share = el("button", { type: "button", "class": "md-button", text: t("share") });
    ui.output = el("div", { "class": "hb-case__output", hidden: true });
    ui.storage = el("p", { "class": "hb-case__storage", hidden: true });
    ui.status = el("p", { "class": "hb-case__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    ui.undo = el("div", { "class": "hb-case__undo", hidden: true }, [el("span", { "class": "hb-case__undo-text" }), " ",
      el("button", { type: "button", "class": "md-button hb-case__button", "data-action": "undo", text: t("undo") })]);
    ui.document = el("article", { "class": "hb-case__document", "aria-labelledby": "hb-case-title-heading" });
    var controls = el("div", { "class": "hb-case__controls", "data-hb-case-control": true }, [
      ui.storage,
      el("div", { "class": "hb-case__field" }, [
        el("label", { "for": "hb-case-title", text: t("title_label") }),
        el("p", { "class": "hb-case__hint", id: titleHint, text: t("title_hint") }),
        ui.title
      ]),
      templates,
      ui.length,
      el("div", { "class": "hb-case__actions" }, [ui.print, " ", ui.copy, " ", ui.share]),
      el("p", { "class": "hb-case__hint", id: "hb-case-print-help", text: t("download_help") }),
      ui.output
    ]);
    [ui.notice, controls, ui.status, ui.undo, ui.document].forEach(function (node) { root.appendChild(node); });
  }

  function showOutput(label, value, help, multiline) {
    var id = nextId("output");
    var field = multiline
      ? el("textarea", { id: id, readonly: true, rows: "10", "class": "hb-case__output-field" })
      : el("input", { id: id, type: "text", readonly: true, "class": "hb-case__output-field" });
    field.value = value;
    ui.output.textContent = "";
    [el("label", { "for": id, text: label }), help ? el("p", { "class": "hb-case__hint", text: help }) : null, field].forEach(function (node) {
      if (node) ui.output.appendChild(node);
    });
    ui.output.hidden = false;
    field.focus();
    field.select();
    return field;
  }

  function copyText(text, label, what, help) {
    function fallback() {
      showOutput(label, text, (help ? help + " " : "") + t("copy_refused"), what === "text");
      announce(t(what === "text" ? "copy_failed_text" : "copy_failed_link"));
    }
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) { fallback(); return; }
      navigator.clipboard.writeText(text).then(function () {
        announce(t(what === "text" ? "copied_text" : "copied_link"));
      }, fallback);
    } catch (error) {
      fallback();
    }
  }

  function announce(message) {
    ui.status.textContent = "";
    window.setTimeout(function () { ui.status.textContent = message; }, 50);
  }

  function showSharedNotice(problem) {
    ui.notice.textContent = "";
    if (problem) {
      ui.notice.appendChild(el("p", { text: problem + " " + t("here_is_own") }));
    } else if (shared) {
      var own = ownCase().items.length;
      var lines = [el("p", {}, [el("strong", { text: t("shared_with_you") }), shared.title ? ": \u201c" + shared.title + "\u201d" : "",
        " " + tn("shared_items", shared.items.length) + " " + (own ? tn("own_unchanged_count", own) : t("own_unchanged"))])];
      if (shared.unknown) lines.push(el("p", { text: tn("shared_unknown", shared.unknown) }));
      if (shared.capped) lines.push(el("p", { text: tn("shared_capped", MAX.items) }));
      lines.push(el("div", { "class": "hb-case__notice-actions" }, [
        el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "keep", text: t(own ? "save_as_mine_ask" : "save_as_mine") }),
        " ",
        el("button", { type: "button", "class": "md-button", "data-action": "own", text: t(own ? "back_to_mine" : "put_aside") })
      ]));
      lines.forEach(function (node) { ui.notice.appendChild(node); });
    }
    ui.notice.hidden = !problem && !shared;
  }

  function askBeforeReplacing() {
    var own = ownCase().items.length;
    ui.notice.querySelector(".hb-case__notice-actions").replaceWith(el("div", { "class": "hb-case__notice-actions", role: "group", "aria-labelledby": "hb-case-replace-question" }, [
      el("p", { id: "hb-case-replace-question", text: tn("replace_question", own) }),
      el("button", { type: "button", "class": "md-button md-button--primary", "data-action": "replace", text: t("replace") }), " ",
      el("button", { type: "button", "class": "md-button", "data-action": "merge", text: t("merge") }), " ",
      el("button", { type: "button", "class": "md-button", "data-action": "own", text: t("keep_mine") })
    ]));
    ui.notice.querySelector("[data-action=replace]").focus();
  }

  function saveShared(merge) {
    var own = ownCase();
    var next = { title: shared.title, template: shared.template, items: shared.items };
    if (merge) {
      var refs = {};
      own.items.forEach(function (e) { refs[e.ref] = true; });
      next = { title: own.title || shared.title, template: own.template, items: own.items.concat(shared.items.filter(function (e) { return !refs[e.ref]; })) };
    }
    shared = null;
    store.set(next);
    forgetAddress();
    showSharedNotice("");
    render();
    announce(t(merge ? "merged" : "replaced"));
    ui.title.focus();
  }

  /* ---- drawing the page, and keeping it in step with the store ---- */

  function shape(state) {
    return (shared ? "shared|" : "own|") + state.template + "|" + state.items.map(function (e) { return e.ref; }).join(" ") +
      (shared ? "|" + state.title : "");
  }

  function render(focus) {
    var state = shown();
    // Its items' shards first: drawn once they have loaded or failed (settled() calls again).
    if (loadFor(state.items.map(function (e) { return e.ref; }))) {
      shards.waiting = { focus: focus || (shards.waiting && shards.waiting.focus) };
      ui.document.setAttribute("aria-busy", "true");
      if (!ui.lastDoc) ui.document.textContent = t("loading");
      return;
    }
    ui.document.removeAttribute("aria-busy");
    var doc = build(state);
    lastShape = shape(state);
    if (document.activeElement !== ui.title) ui.title.value = state.title;
    ui.title.readOnly = !!shared;
    var template = templateFor(state.template).id;
    ui.templates.forEach(function (radio) { radio.checked = radio.value === template; });
    ui.document.className = "hb-case__document hb-case__document--" + template;  // the print rules per template
    document.documentElement.classList.toggle("hb-case-page--brief", template === "brief");  // its own page margins
    var pages = template === "brief" ? briefPages(doc) : 1;
    ui.length.hidden = pages < 2;
    ui.length.textContent = pages < 2 ? "" : tn("brief_length", pages, { fits: BRIEF_PRINT.items, count: doc.count });
    ui.document.textContent = "";
    drawDocument(doc, !shared).forEach(function (node) { ui.document.appendChild(node); });
    ui.lastDoc = doc;
    var persistent = !store.memory && (typeof store.persistent !== "function" || store.persistent());
    ui.storage.hidden = persistent;
    ui.storage.textContent = persistent ? "" : t("no_storage");
    if (focus) restoreFocus(focus);
  }

  // How many A4 pages the brief will take: its lines of text, counted from the document model
  // with the characters a printed line holds (BRIEF_PRINT), over the lines a page holds.
  function briefPages(doc) {
    var lines = 6; // title, subtitle, colophon
    function text(value, perLine) { return Math.max(1, Math.ceil(str(value).length / perLine)); }
    function blocks(list) {
      list.forEach(function (block) {
        if (block.list) block.list.forEach(function (line) { lines += text(line, BRIEF_PRINT.textLine); });
        else if (!block.meta) lines += text((block.label || "") + ": " + block.text, BRIEF_PRINT.textLine);
      });
    }
    doc.parts.forEach(function (part) {
      lines += 2; // its heading
      if (part.caveats) return blocks(part.caveats);
      part.entries.forEach(function (entry) {
        lines += text(entry.item.title + " [00] " + (entry.blocks[0] && entry.blocks[0].meta ? entry.blocks[0].text : ""), BRIEF_PRINT.textLine) + 0.5;
        blocks(entry.blocks);
        if (entry.note) lines += text(t("note") + ": " + entry.note, BRIEF_PRINT.textLine);
      });
    });
    lines += 2 + doc.gone.length;
    doc.references.forEach(function (ref) {
      lines += text(ref.text + ref.links.map(function (link) { return " " + link.label + ": " + link.href; }).join(""), BRIEF_PRINT.referenceLine);
    });
    return Math.max(1, Math.ceil(lines / BRIEF_PRINT.page));
  }

  // After a change the page is drawn again: the focus goes back to the same control of the same item.
  function restoreFocus(focus) {
    var rows = ui.document.querySelectorAll(".hb-case__item[data-ref]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-ref") !== focus.ref) continue;
      var target = rows[i].querySelector("[data-action='" + focus.action + "']") || rows[i].querySelector(".hb-case__item-title");
      if (target) target.focus();
      return;
    }
  }

  function move(ref, delta) {
    var row = rowFor(ref);
    var title = itemFor(ref) ? itemFor(ref).title : ref;
    // Within its list as shown: a template that groups by kind moves an item past the one seen
    // above or below it, swapping the two in the stored order and leaving every other in place.
    var siblings = row ? Array.prototype.map.call(row.parentNode.children, function (r) { return r.getAttribute("data-ref"); }) : [];
    var place = siblings.indexOf(ref);
    if (place < 0) return;
    if (place + delta < 0 || place + delta >= siblings.length) {
      announce(t((delta < 0 ? "already_first" : "already_last") + (ui.lastDoc.template.id === "brief" ? "" : "_in_part"), { title: title }));
      return;
    }
    var stored = ownCase().items.map(function (e) { return e.ref; });
    var i = stored.indexOf(ref), j = stored.indexOf(siblings[place + delta]);
    if (i < 0 || j < 0) return;
    stored[i] = stored[j];
    stored[j] = ref;
    store.setItems(stored);
    forgetUndo();
    render({ ref: ref, action: delta < 0 ? "up" : "down" });
    announce(t(delta < 0 ? "moved_up" : "moved_down", { title: title, place: place + delta + 1, count: siblings.length }));
  }
  function rowFor(ref) {
    var rows = ui.document.querySelectorAll(".hb-case__item[data-ref]");
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-ref") === ref) return rows[i];
    return null;
  }

  // Undo puts the item back where it was, with its note, into the case as it is now (notes
  // written since are kept).
  var removed = null;
  function remove(ref) {
    var title = itemFor(ref) ? itemFor(ref).title : ref;
    var items = ownCase().items;
    for (var i = 0; i < items.length; i++) if (items[i].ref === ref) removed = { entry: items[i], index: i };
    store.remove(ref);
    render();
    ui.undo.querySelector(".hb-case__undo-text").textContent = t("removed", { title: title });
    ui.undo.hidden = false;
    announce(t("removed_undo", { title: title }));
    ui.undo.querySelector("button").focus();
  }
  function forgetUndo() { removed = null; ui.undo.hidden = true; }
  function undo() {
    if (!removed) return;
    var state = ownCase(), back = removed;
    removed = null;
    ui.undo.hidden = true;
    if (!state.items.some(function (e) { return e.ref === back.entry.ref; })) state.items.splice(back.index, 0, back.entry);
    store.set(state);
    render({ ref: back.entry.ref, action: "remove" });
    announce(t("put_back", { title: itemFor(back.entry.ref) ? itemFor(back.entry.ref).title : back.entry.ref }));
  }

  function onClick(event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!target || !root.contains(target) || target.tagName !== "BUTTON") return;
    var action = target.getAttribute("data-action");
    var row = target.closest(".hb-case__item[data-ref]");
    var ref = row ? row.getAttribute("data-ref") : null;
    if (action === "up" || action === "down") move(ref, action === "up" ? -1 : 1);
    else if (action === "remove") remove(ref);
    else if (action === "undo") undo();
    else if (action === "keep") { if (ownCase().items.length) askBeforeReplacing(); else saveShared(false); }
    else if (action === "replace") saveShared(false);
    else if (action === "merge") saveShared(true);
    else if (action === "own") { shared = null; forgetAddress(); showSharedNotice(""); render(); announce(t("showing_own")); ui.title.focus(); }
  }

  function onInput(event) {
    var target = event.target;
    if (target === ui.title) {
      if (shared) return;
      store.setTitle(target.value);
      var heading = ui.document.querySelector(".hb-case__title");
      if (heading) heading.textContent = target.value || t("my_case");
    } else if (target.getAttribute && target.getAttribute("data-action") === "note") {
      var row = target.closest(".hb-case__item[data-ref]");
      if (!row || shared) return;
      store.setNote(row.getAttribute("data-ref"), target.value.slice(0, MAX.note));
      var mirror = row.querySelector(".hb-case__note");
      mirror.hidden = !target.value;
      mirror.querySelector(".hb-case__note-text").textContent = target.value;
    }
  }

  function onChange(event) {
    if (event.target.name !== "hb-case-template") return;
    var id = event.target.value;
    if (shared) shared.template = id;
    else store.setTemplate(id);
    render();
    announce(t("template_chosen", { template: templateFor(id).label }));
  }

  // The store changed (here or in another tab): draw again if what is shown changed shape;
  // a title or a note being typed here changes nothing else.
  function onStore() {
    if (shared) return;
    var state = ownCase();
    if (shape(state) !== lastShape) return render();
    if (document.activeElement !== ui.title && ui.title.value !== state.title) {
      ui.title.value = state.title;
      ui.document.querySelector(".hb-case__title").textContent = state.title || t("my_case");
    }
  }

  /* ---- start ---- */

  drawControls();
  root.setAttribute("data-hb-case-ready", "");
  document.documentElement.classList.add("hb-case-page");
  var nojs = document.querySelectorAll("[data-hb-case-nojs]");
  for (var n = 0; n < nojs.length; n++) nojs[n].hidden = true;
  root.addEventListener("click", onClick);
  root.addEventListener("input", onInput);
  root.addEventListener("change", onChange);
  ui.print.addEventListener("click", function () { window.print(); });
  ui.copy.addEventListener("click", function () { copyText(markdown(ui.lastDoc), t("as_text"), "text"); });
  ui.share.addEventListener("click", function () {
    var link = shareLink();
    var help = t("link_help") +
      (link.withoutNotes ? " " + t("link_without_notes") : "") +
      (link.tooMany ? " " + tn("link_first_items", MAX.items) : "");
    showOutput(t("link"), link.url, help, false);
    copyText(link.url, t("link"), "link", help);
  });
  store.subscribe(onStore);
  window.addEventListener("hashchange", openFromAddress);
  render();
  openFromAddress();
})();
