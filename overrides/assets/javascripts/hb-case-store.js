/*
  The reader's case ("My case", /case-maker/), kept in this browser only: nothing is sent.
  Loaded on every page. It keeps the case in localStorage under "hb-case:v1" as
  {title, template, items: [{ref, note}]}, where a ref is "kind:id" (evidence, story, term,
  convening) or "section:<chapter address>#<heading id>". When the browser refuses storage
  the case lives in memory for this page, with a notice; unreadable saved data starts a new
  case, with a notice. Nothing here throws.

  window.hbCase: items() refs; entries() [{ref, note}]; has/add/remove(ref); move(ref, delta);
  setItems(refs or entries); get()/set(data) (alias replace) the whole case; title()/setTitle(text);
  template()/setTemplate(name); note(ref)/setNote(ref, text); clear(); isRef(ref);
  subscribe(fn) -> unsubscribe (fn(hbCase) after every change, also from another tab);
  persistent() false when in memory; notice(); url() the case maker's address from here.

  It also reveals the "Add to my case" buttons the build wrote (hidden without scripts),
  keeps their aria-pressed and label in step, offers an undo in a polite live region, and
  puts a count linking to /case-maker/ in the header.
*/
(function () {
  "use strict";
  var KEY = "hb-case:v1";
  var MAX_ITEMS = 200, MAX_NOTE = 2000, MAX_TITLE = 200;
  var ITEM_REF = /^(evidence|story|term|convening):[a-z0-9]+(-[a-z0-9]+)*$/;
  var SECTION_REF = /^section:[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)*\/#[^\s#"'<>]{1,200}$/;
  // The words, in the page's language: a JSON block on every page (overrides/partials/hb-strings.html;
  // a number's text in each plural form the language uses, picked by Intl.PluralRules for the
  // page's lang). The script holds no text of its own: without the block its labels stay as built.
  var strings = null;
  function words() {
    if (strings) return strings;
    var block = document.getElementById("hb-strings-case-store");
    try { strings = block ? JSON.parse(block.textContent) || {} : null; } catch (e) { strings = {}; }
    return strings || {};
  }
  function phrase(key, n) {
    var value = words()[key];
    if (value && typeof value === "object") {
      var category = "other";
      try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { /* other */ }
      value = value[category] || value.other;
    }
    return String(value || "").replace(/%\(num\)s/g, String(n));
  }
  var NO_STORAGE = "no_storage", UNREADABLE = "unreadable";  // notices, by their key in the words
  // Material Design Icons' briefcase (material/templates/.icons/material/briefcase.svg), beside the count.
  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10 2h4a2 2 0 0 1 2 2v2h4a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8c0-1.11.89-2 2-2h4V4c0-1.11.89-2 2-2m4 4V4h-4v2z"/></svg>';
  var state = empty(), persistent = true, notice = "", listeners = [];

  function empty() { return { title: "", template: "", items: [] }; }
  function isRef(ref) { return typeof ref === "string" && (ITEM_REF.test(ref) || SECTION_REF.test(ref)); }
  function text(value, max) { return typeof value === "string" ? value.slice(0, max) : ""; }

  // A case from untrusted data (storage, another tab, a shared link): what is not valid is left out.
  function clean(data) {
    var result = empty(), seen = {};
    if (!data || typeof data !== "object") return result;
    result.title = text(data.title, MAX_TITLE);
    result.template = /^[a-z-]{0,40}$/.test(data.template || "") ? data.template || "" : "";
    (Array.isArray(data.items) ? data.items : []).forEach(function (entry) {
      var ref = typeof entry === "string" ? entry : entry && entry.ref;
      if (isRef(ref) && !seen[ref] && result.items.length < MAX_ITEMS) {
        seen[ref] = true;
        result.items.push({ ref: ref, note: text(entry && entry.note, MAX_NOTE) });
      }
    });
    return result;
  }
  function copy(data) { return clean(JSON.parse(JSON.stringify(data))); }

  function load() {
    var raw;
    try { raw = window.localStorage.getItem(KEY); } catch (e) { persistent = false; notice = NO_STORAGE; return; }
    if (raw === null) { state = empty(); return; }
    try { state = clean(JSON.parse(raw)); } catch (e) { state = empty(); notice = UNREADABLE; save(); }
  }
  function save() {
    if (!persistent) return;
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { persistent = false; notice = NO_STORAGE; }
  }
  function changed() {
    save();
    announceChange();
  }
  function announceChange() {
    listeners.slice().forEach(function (fn) { try { fn(api); } catch (e) { if (window.console) console.error(e); } });
  }
  function index(ref) {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].ref === ref) return i;
    return -1;
  }

  var api = {
    isRef: isRef,
    items: function () { return state.items.map(function (e) { return e.ref; }); },
    entries: function () { return copy(state).items; },
    has: function (ref) { return index(ref) >= 0; },
    add: function (ref) {
      if (!isRef(ref) || index(ref) >= 0 || state.items.length >= MAX_ITEMS) return false;
      state.items.push({ ref: ref, note: "" });
      changed();
      return true;
    },
    remove: function (ref) {
      var i = index(ref);
      if (i < 0) return false;
      state.items.splice(i, 1);
      changed();
      return true;
    },
    move: function (ref, delta) {
      var i = index(ref), j = Math.max(0, Math.min(state.items.length - 1, i + (Number(delta) | 0)));
      if (i < 0 || j === i) return false;
      state.items.splice(j, 0, state.items.splice(i, 1)[0]);
      changed();
      return true;
    },
    setItems: function (list) {
      var notes = {};
      state.items.forEach(function (e) { notes[e.ref] = e.note; });
      var items = clean({ items: list }).items;
      items.forEach(function (e) { if (!e.note && notes[e.ref]) e.note = notes[e.ref]; });
      state.items = items;
      changed();
    },
    get: function () { return copy(state); },
    set: function (data) { state = clean(data); changed(); },
    replace: function (data) { api.set(data); },
    title: function () { return state.title; },
    setTitle: function (value) { state.title = text(value, MAX_TITLE); changed(); },
    template: function () { return state.template; },
    setTemplate: function (value) { state.template = clean({ template: value }).template; changed(); },
    note: function (ref) { var i = index(ref); return i < 0 ? "" : state.items[i].note; },
    setNote: function (ref, value) {
      var i = index(ref);
      if (i < 0) return false;
      state.items[i].note = text(value, MAX_NOTE);
      changed();
      return true;
    },
    clear: function () { state = empty(); changed(); },
    subscribe: function (fn) {
      if (typeof fn !== "function") return function () {};
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    },
    persistent: function () { return persistent; },
    notice: function () { return notice ? phrase(notice) : ""; },
    url: caseMakerUrl
  };

  // The case maker's address relative to this page: Material's base (".." from a page two
  // folders down); the offline copy (file://) has no directory addresses.
  function caseMakerUrl() {
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* default */ }
    return base.replace(/\/$/, "") + (location.protocol === "file:" ? "/case-maker/index.html" : "/case-maker/");
  }

  load();
  window.hbCase = api;
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;  // null: storage cleared
    if (persistent) { load(); announceChange(); }
  });

  // The page: buttons, count, undo.
  var toast, toastText, undoButton, undoState = null, toastTimer = 0, countLink, lastButton = null;

  function render() {
    var buttons = document.querySelectorAll("button.hb-case-add[data-case-ref]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i], ref = button.getAttribute("data-case-ref"), added = api.has(ref);
      if (!isRef(ref)) continue;
      button.hidden = false;
      button.setAttribute("aria-pressed", added ? "true" : "false");
      var label = button.querySelector(".hb-case-add__label") || button, name = button.querySelector(".hb-case-add__name");
      var said = phrase(added ? "in_case" : "add");
      if (said) label.textContent = said;
      // A section's button names its heading; said as one phrase (the hidden span alone gets a stray space).
      if (name) button.setAttribute("aria-label", label.textContent + ": " + name.textContent.replace(/^:\s*/, ""));
    }
    if (countLink) {
      var n = state.items.length;
      countLink.querySelector(".hb-case-count__n").textContent = String(n);
      if (phrase("count", n)) countLink.setAttribute("aria-label", phrase("count", n));
    }
  }

  function say(message, undoable) {
    clearTimeout(toastTimer);
    toastText.textContent = message + (persistent ? "" : " " + phrase(NO_STORAGE));
    undoButton.hidden = !undoable;
    toast.classList.add("hb-case-toast--shown");
    toastTimer = setTimeout(hideToast, 10000);
  }
  function hideToast() {
    if (toast.contains(document.activeElement) || toast.matches(":hover")) { toastTimer = setTimeout(hideToast, 3000); return; }
    dismiss();
  }
  // The live region stays in the page (emptied, out of sight) so that the next message is read out.
  function dismiss() {
    toast.classList.remove("hb-case-toast--shown");
    toastText.textContent = "";
    undoButton.hidden = true;
    undoState = null;
  }

  // Back to the button that was pressed: the undo button it leaves is gone.
  function returnFocus() { if (lastButton && document.contains(lastButton)) lastButton.focus(); }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button.hb-case-add[data-case-ref]");
    if (!button) return;
    var ref = button.getAttribute("data-case-ref");
    if (!isRef(ref)) return;
    lastButton = button;
    undoState = api.get();
    if (api.has(ref)) {
      api.remove(ref);
      say(phrase("removed"), true);
    } else if (api.add(ref)) {
      say(phrase("added"), true);
    } else {
      say(phrase("full", MAX_ITEMS), false);
    }
  }

  function build() {
    toast = document.createElement("div");
    toast.className = "hb-case-toast";
    toast.setAttribute("role", "status");
    toast.setAttribute("aria-live", "polite");
    toastText = document.createElement("span");
    undoButton = document.createElement("button");
    undoButton.type = "button";
    undoButton.className = "hb-case-toast__undo";
    undoButton.textContent = phrase("undo");
    undoButton.addEventListener("click", function () {
      if (undoState) { api.set(undoState); undoState = null; say(phrase("undone"), false); returnFocus(); }
    });
    toast.appendChild(toastText);
    toast.appendChild(document.createTextNode(" "));
    toast.appendChild(undoButton);
    document.body.appendChild(toast);
    undoButton.hidden = true;
    toast.addEventListener("keydown", function (event) { if (event.key === "Escape") { dismiss(); returnFocus(); } });

    var header = document.querySelector(".md-header__inner");
    if (header) {
      countLink = document.createElement("a");
      countLink.className = "hb-case-count md-header__button";
      countLink.href = caseMakerUrl();
      countLink.innerHTML = ICON + '<span class="hb-case-count__label"></span> <span class="hb-case-count__n">0</span>';
      countLink.querySelector(".hb-case-count__label").textContent = phrase("my_case");
      header.insertBefore(countLink, header.querySelector(':scope > label[for="__search"], :scope > .md-search'));
    }
    document.addEventListener("click", onClick);
    api.subscribe(render);
    render();
    if (notice === UNREADABLE) say(phrase(UNREADABLE), false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
